#include "format.h"

#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QLocale>
#include <QPainter>
#include <QPixmap>
#include <QStringDecoder>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Dashboard {

QString Format::time(qint64 unixMs)
{
    if (unixMs <= 0)
        return u"—"_s;
    return QDateTime::fromMSecsSinceEpoch(unixMs).toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QString Format::timeWithMs(qint64 unixMs)
{
    if (unixMs <= 0)
        return u"—"_s;
    return QDateTime::fromMSecsSinceEpoch(unixMs).toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s);
}

QString Format::duration(qint64 ms)
{
    const QLocale locale;
    if (ms < 1000)
        //: A duration in milliseconds
        return tr("%1 ms").arg(ms);
    if (ms < 60'000)
        //: A duration in seconds, e.g. 1.5 s
        return tr("%1 s").arg(locale.toString(double(ms) / 1000.0, 'f', ms < 10'000 ? 2 : 1));
    const qint64 secs = ms / 1000;
    if (secs < 3600)
        //: A duration, e.g. 3 min 5 s
        return tr("%1 min %2 s").arg(secs / 60).arg(secs % 60);
    if (secs < 86400)
        //: A duration, e.g. 2 h 5 min
        return tr("%1 h %2 min").arg(secs / 3600).arg((secs % 3600) / 60);
    //: A duration, e.g. 3 d 4 h
    return tr("%1 d %2 h").arg(secs / 86400).arg((secs % 86400) / 3600);
}

QString Format::relative(qint64 unixMs, qint64 nowMs)
{
    const qint64 diff = unixMs - nowMs;
    if (std::llabs(diff) < 1000)
        return tr("now");
    //: %1 is a duration such as "3 min 5 s"
    return diff > 0 ? tr("in %1").arg(duration(diff)) : tr("%1 ago").arg(duration(-diff));
}

QString Format::stateName(const QString &state)
{
    if (state == u"PENDING")
        //: Message state
        return tr("Pending");
    if (state == u"ACTIVE")
        //: Message state: an attempt is in flight
        return tr("Active");
    if (state == u"RETRY")
        //: Message state: waiting for the next attempt
        return tr("Retrying");
    if (state == u"DELIVERED")
        //: Message state
        return tr("Delivered");
    if (state == u"FAILED")
        //: Message state
        return tr("Failed");
    if (state == u"CANCELED")
        //: Message state
        return tr("Canceled");
    return state;
}

QColor Format::stateColor(const QString &state)
{
    static const QHash<QString, QColor> colors = {
        {u"PENDING"_s, QColor(0x80, 0x86, 0x8e)},
        {u"ACTIVE"_s, QColor(0x1c, 0x71, 0xd8)},
        {u"RETRY"_s, QColor(0xe5, 0xa5, 0x0a)},
        {u"DELIVERED"_s, QColor(0x2e, 0xa0, 0x43)},
        {u"FAILED"_s, QColor(0xd0, 0x31, 0x2d)},
        {u"CANCELED"_s, QColor(0x9a, 0x6d, 0xd7)},
        {u"CREATED"_s, QColor(0x80, 0x86, 0x8e)},
        {u"ERROR"_s, QColor(0xd0, 0x31, 0x2d)},
        {u"CANCEL_REQUESTED"_s, QColor(0x9a, 0x6d, 0xd7)},
    };
    return colors.value(state, QColor(0x80, 0x86, 0x8e));
}

QIcon Format::stateIcon(const QString &state)
{
    static QHash<QString, QIcon> cache;
    if (const auto it = cache.constFind(state); it != cache.cend())
        return it.value();
    QIcon icon;
    for (const int size : {12, 16, 24, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(stateColor(state));
        const qreal inset = size * 0.2;
        painter.drawEllipse(QRectF(inset, inset, size - 2 * inset, size - 2 * inset));
        painter.end();
        icon.addPixmap(pixmap);
    }
    cache.insert(state, icon);
    return icon;
}

QString Format::eventName(const QString &state)
{
    if (state == u"CREATED")
        //: Log event: the message was accepted
        return tr("Created");
    if (state == u"ACTIVE")
        //: Log event: an attempt started
        return tr("Attempt started");
    if (state == u"DELIVERED")
        //: Log event
        return tr("Delivered");
    if (state == u"ERROR")
        //: Log event: an attempt failed
        return tr("Attempt failed");
    if (state == u"RETRY")
        //: Log event: the next attempt is scheduled
        return tr("Retry scheduled");
    if (state == u"FAILED")
        //: Log event: retries exhausted, moved to the dead-letter queue
        return tr("Failed");
    if (state == u"CANCEL_REQUESTED")
        //: Log event
        return tr("Cancel requested");
    if (state == u"CANCELED")
        //: Log event
        return tr("Canceled");
    return state;
}

QString Format::reasonPhrase(int status)
{
    static const QHash<int, QString> phrases = {
        {200, u"OK"_s},
        {201, u"Created"_s},
        {202, u"Accepted"_s},
        {204, u"No Content"_s},
        {301, u"Moved Permanently"_s},
        {302, u"Found"_s},
        {304, u"Not Modified"_s},
        {400, u"Bad Request"_s},
        {401, u"Unauthorized"_s},
        {403, u"Forbidden"_s},
        {404, u"Not Found"_s},
        {405, u"Method Not Allowed"_s},
        {408, u"Request Timeout"_s},
        {409, u"Conflict"_s},
        {410, u"Gone"_s},
        {412, u"Precondition Failed"_s},
        {413, u"Content Too Large"_s},
        {422, u"Unprocessable Content"_s},
        {429, u"Too Many Requests"_s},
        {489, u"Non-Retryable Error"_s},
        {500, u"Internal Server Error"_s},
        {501, u"Not Implemented"_s},
        {502, u"Bad Gateway"_s},
        {503, u"Service Unavailable"_s},
        {504, u"Gateway Timeout"_s},
    };
    return phrases.value(status);
}

QString Format::httpStatus(int status, const QString &error)
{
    if (status <= 0)
        return error.isEmpty() ? tr("no response") : error;
    const QString phrase = reasonPhrase(status);
    return phrase.isEmpty() ? QString::number(status) : QString::number(status) + u' ' + phrase;
}

bool Format::isUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    return !decoder.hasError();
}

QString Format::body(const QByteArray &body, bool *isJson)
{
    if (isJson)
        *isJson = false;
    if (body.isEmpty())
        return {};
    const QByteArray trimmed = body.trimmed();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(trimmed, &error);
        if (error.error == QJsonParseError::NoError) {
            if (isJson)
                *isJson = true;
            return QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
        }
    }
    if (isUtf8(body))
        return QString::fromUtf8(body);
    //: %1 is a size such as "1.5 KiB", %2 a hex dump of the first bytes
    return tr("(binary, %1) %2")
        .arg(bytes(body.size()), QString::fromLatin1(body.left(64).toHex(' ')));
}

QString Format::headers(const Broker::HeaderList &headers)
{
    QStringList lines;
    lines.reserve(headers.size());
    for (const auto &[name, value] : headers)
        lines.append(QString::fromLatin1(name) + u": "_s + QString::fromUtf8(value));
    return lines.join(u'\n');
}

QByteArray Format::header(const Broker::HeaderList &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString Format::bytes(qint64 n)
{
    return QLocale().formattedDataSize(n, 1, QLocale::DataSizeIecFormat);
}

} // namespace Dashboard
