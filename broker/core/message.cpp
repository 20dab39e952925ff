#include "message.h"

namespace Broker {

QString stateName(MessageState state)
{
    switch (state) {
    case MessageState::Pending:
        return QStringLiteral("PENDING");
    case MessageState::Active:
        return QStringLiteral("ACTIVE");
    case MessageState::Retry:
        return QStringLiteral("RETRY");
    case MessageState::Delivered:
        return QStringLiteral("DELIVERED");
    case MessageState::Failed:
        return QStringLiteral("FAILED");
    case MessageState::Canceled:
        return QStringLiteral("CANCELED");
    }
    return QStringLiteral("PENDING");
}

MessageState stateFromName(QStringView name)
{
    if (name == u"ACTIVE")
        return MessageState::Active;
    if (name == u"RETRY")
        return MessageState::Retry;
    if (name == u"DELIVERED")
        return MessageState::Delivered;
    if (name == u"FAILED")
        return MessageState::Failed;
    if (name == u"CANCELED")
        return MessageState::Canceled;
    return MessageState::Pending;
}

bool isFinal(MessageState state)
{
    return state == MessageState::Delivered || state == MessageState::Failed ||
           state == MessageState::Canceled;
}

QString canonicalHeaderName(const QByteArray &name)
{
    QString out = QString::fromLatin1(name).toLower();
    bool upper = true;
    for (QChar &c : out) {
        if (upper)
            c = c.toUpper();
        upper = (c == u'-');
    }
    return out;
}

QString Message::option(const char *key) const
{
    return options.value(QLatin1String(key)).toString();
}

} // namespace Broker
