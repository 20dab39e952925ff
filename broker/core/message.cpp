#include "message.h"

#include <algorithm>

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

bool isAscii(const QByteArray &bytes)
{
    return std::all_of(bytes.cbegin(), bytes.cend(), [](char c) { return uchar(c) < 0x80; });
}

QString canonicalHeaderName(const QByteArray &name)
{
    if (isAscii(name)) {
        // The usual case, without QChar case tables: "content-TYPE" -> "Content-Type".
        QString out(name.size(), Qt::Uninitialized);
        char16_t *p = reinterpret_cast<char16_t *>(out.data());
        bool upper = true;
        for (const char c : name) {
            const char lower = (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
            *p++ = char16_t(upper && lower >= 'a' && lower <= 'z' ? lower - 32 : lower);
            upper = (c == '-');
        }
        return out;
    }
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
