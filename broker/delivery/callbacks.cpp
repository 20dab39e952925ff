#include "callbacks.h"

#include "core/ids.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Broker::Callbacks {

namespace {

QJsonObject headerArrays(const HeaderList &headers)
{
    QJsonObject out;
    for (const auto &[name, value] : headers) {
        const QString key = canonicalHeaderName(name);
        QJsonArray values = out.value(key).toArray();
        values.append(QString::fromUtf8(value));
        out.insert(key, values);
    }
    return out;
}

QByteArray body(const Message &source, const DeliveryResult &result, const QString &dlqId,
                qint64 maxBodyBytes)
{
    QJsonObject o;
    o.insert(QStringLiteral("status"), result.status);
    o.insert(QStringLiteral("header"), headerArrays(result.responseHeaders));
    if (!result.responseBody.isEmpty())
        o.insert(QStringLiteral("body"),
                 QString::fromLatin1(result.responseBody.left(maxBodyBytes).toBase64()));
    // QStash sets `retried` only after the first try.
    if (source.retried > 0)
        o.insert(QStringLiteral("retried"), source.retried);
    o.insert(QStringLiteral("maxRetries"), source.maxRetries);
    if (!dlqId.isEmpty())
        o.insert(QStringLiteral("dlqId"), dlqId);
    o.insert(QStringLiteral("sourceMessageId"), source.id);
    if (!source.topicName.isEmpty())
        o.insert(QStringLiteral("topicName"), source.topicName);
    if (!source.endpointName.isEmpty())
        o.insert(QStringLiteral("endpointName"), source.endpointName);
    o.insert(QStringLiteral("url"), QString::fromUtf8(source.url));
    o.insert(QStringLiteral("method"), QString::fromLatin1(source.method));
    o.insert(QStringLiteral("sourceHeader"), headerArrays(source.headers));
    if (!source.body.isEmpty())
        o.insert(QStringLiteral("sourceBody"), QString::fromLatin1(source.body.toBase64()));
    o.insert(QStringLiteral("notBefore"), source.notBefore);
    o.insert(QStringLiteral("createdAt"), source.createdAt);
    if (!source.scheduleId.isEmpty())
        o.insert(QStringLiteral("scheduleId"), source.scheduleId);
    if (!source.callerIp.isEmpty())
        o.insert(QStringLiteral("callerIP"), source.callerIp);
    if (!result.error.isEmpty())
        o.insert(QStringLiteral("error"), result.error);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Message make(const Message &source, const QString &prefix, const QByteArray &payload, qint64 nowMs)
{
    const auto opt = [&](const QString &key) { return source.options.value(prefix + key); };
    Message m;
    m.id = Ids::newMessageId();
    m.url = opt(QString()).toString().toUtf8();
    m.method = opt(QStringLiteral("Method")).toString().toLatin1();
    if (m.method.isEmpty())
        m.method = "POST";
    m.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    for (const QJsonValue &v : opt(QStringLiteral("Headers")).toArray()) {
        const QJsonArray pair = v.toArray();
        m.headers.append({pair.at(0).toString().toLatin1(), pair.at(1).toString().toUtf8()});
    }
    m.body = payload;
    const QJsonValue retries = opt(QStringLiteral("Retries"));
    m.maxRetries = retries.isDouble() ? retries.toInt() : source.maxRetries;
    m.timeoutMs = qint64(opt(QStringLiteral("TimeoutMs")).toDouble());
    m.createdAt = nowMs;
    m.notBefore = nowMs + qint64(opt(QStringLiteral("DelayMs")).toDouble());
    m.dueAt = m.notBefore;
    m.callerIp = source.callerIp;
    if (const QString retryDelay = opt(QStringLiteral("RetryDelay")).toString();
        !retryDelay.isEmpty())
        m.options.insert(QStringLiteral("retryDelay"), retryDelay);
    // The payload embeds the source's body and headers: whatever the source redacts, the
    // callback's views redact too, its whole body included.
    QJsonArray redact = source.options.value(QStringLiteral("redact")).toArray();
    if (!redact.isEmpty()) {
        if (!redact.contains(QStringLiteral("body")))
            redact.append(QStringLiteral("body"));
        m.options.insert(QStringLiteral("redact"), redact);
    }
    // A callback never triggers callbacks of its own; queues wait for it (§4.3).
    m.options.insert(QStringLiteral("callbackOf"), source.id);
    return m;
}

} // namespace

std::optional<Message> afterAttempt(const Message &source, const DeliveryResult &result,
                                    qint64 nowMs, qint64 maxBodyBytes)
{
    if (source.option("callback").isEmpty() ||
        source.options.contains(QStringLiteral("callbackOf")))
        return std::nullopt;
    return make(source, QStringLiteral("callback"), body(source, result, {}, maxBodyBytes), nowMs);
}

std::optional<Message> afterFailure(const Message &source, const DeliveryResult &result,
                                    const QString &dlqId, qint64 nowMs, qint64 maxBodyBytes)
{
    if (source.option("failureCallback").isEmpty() ||
        source.options.contains(QStringLiteral("callbackOf")))
        return std::nullopt;
    return make(source, QStringLiteral("failureCallback"),
                body(source, result, dlqId, maxBodyBytes), nowMs);
}

} // namespace Broker::Callbacks
