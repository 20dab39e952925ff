#include "jsonviews.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QStringDecoder>

namespace Broker::Json {

namespace {

// Redaction tokens are stored normalised: "body", "header" (all), "header[<lower-case name>]".
bool redactsHeader(const QJsonObject &options, const QByteArray &name)
{
    const QJsonArray redact = options.value(QStringLiteral("redact")).toArray();
    if (redact.isEmpty())
        return false;
    const QString wanted = QStringLiteral("header[") + QString::fromLatin1(name.toLower()) + u']';
    for (const QJsonValue &v : redact) {
        const QString token = v.toString();
        if (token == QStringLiteral("header") || token == wanted)
            return true;
    }
    return false;
}

void putIfNotEmpty(QJsonObject &obj, const QString &key, const QString &value)
{
    if (!value.isEmpty())
        obj.insert(key, value);
}

} // namespace

bool isValidUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    return !decoder.hasError();
}

bool redactsBody(const QJsonObject &options)
{
    return options.value(QStringLiteral("redact")).toArray().contains(QStringLiteral("body"));
}

QString redactedValue(const QByteArray &value)
{
    return QStringLiteral("REDACTED:") +
           QString::fromLatin1(QCryptographicHash::hash(value, QCryptographicHash::Sha256).toHex());
}

QJsonObject headerMap(const HeaderList &headers, const QJsonObject &options)
{
    QJsonObject out;
    for (const auto &[name, value] : headers) {
        const QString key = Broker::canonicalHeaderName(name);
        QJsonArray values = out.value(key).toArray();
        values.append(redactsHeader(options, name) ? redactedValue(value)
                                                   : QString::fromUtf8(value));
        out.insert(key, values);
    }
    return out;
}

void putBody(QJsonObject &obj, const QByteArray &body, const QString &key, const QString &base64Key)
{
    if (body.isEmpty())
        return;
    if (isValidUtf8(body))
        obj.insert(key, QString::fromUtf8(body));
    else
        obj.insert(base64Key, QString::fromLatin1(body.toBase64()));
}

QJsonObject message(const Message &m)
{
    QJsonObject o;
    o.insert(QStringLiteral("messageId"), m.id);
    o.insert(QStringLiteral("url"), QString::fromUtf8(m.url));
    putIfNotEmpty(o, QStringLiteral("topicName"), m.topicName);
    putIfNotEmpty(o, QStringLiteral("endpointName"), m.endpointName);
    o.insert(QStringLiteral("method"), QString::fromLatin1(m.method));
    const QJsonObject header = headerMap(m.headers, m.options);
    if (!header.isEmpty())
        o.insert(QStringLiteral("header"), header);
    if (redactsBody(m.options))
        o.insert(QStringLiteral("body"), redactedValue(m.body));
    else
        putBody(o, m.body, QStringLiteral("body"), QStringLiteral("bodyBase64"));
    o.insert(QStringLiteral("maxRetries"), m.maxRetries);
    o.insert(QStringLiteral("notBefore"), m.notBefore);
    o.insert(QStringLiteral("createdAt"), m.createdAt);
    putIfNotEmpty(o, QStringLiteral("retryDelayExpression"), m.option("retryDelay"));
    putIfNotEmpty(o, QStringLiteral("callback"), m.option("callback"));
    putIfNotEmpty(o, QStringLiteral("failureCallback"), m.option("failureCallback"));
    const auto optionHeaders = [&](const char *key, const QString &jsonKey) {
        const QJsonArray arr = m.options.value(QLatin1String(key)).toArray();
        if (arr.isEmpty())
            return;
        HeaderList list;
        for (const QJsonValue &v : arr) {
            const QJsonArray pair = v.toArray();
            list.append({pair.at(0).toString().toLatin1(), pair.at(1).toString().toUtf8()});
        }
        o.insert(jsonKey, headerMap(list, m.options));
    };
    optionHeaders("callbackHeaders", QStringLiteral("callbackHeader"));
    optionHeaders("failureCallbackHeaders", QStringLiteral("failureCallbackHeader"));
    putIfNotEmpty(o, QStringLiteral("queueName"), m.queueName);
    putIfNotEmpty(o, QStringLiteral("scheduleId"), m.scheduleId);
    if (!m.callerIp.isEmpty()) {
        o.insert(QStringLiteral("callerIP"), m.callerIp);
        o.insert(QStringLiteral("callerIp"), m.callerIp);
    }
    if (!m.labels.isEmpty()) {
        o.insert(QStringLiteral("label"), m.labels.constFirst());
        o.insert(QStringLiteral("labels"), QJsonArray::fromStringList(m.labels));
    }
    if (!m.flowControlKey.isEmpty()) {
        o.insert(QStringLiteral("flowControlKey"), m.flowControlKey);
        const QJsonObject fc = m.options.value(QStringLiteral("flowControl")).toObject();
        for (const QString &k :
             {QStringLiteral("parallelism"), QStringLiteral("rate"), QStringLiteral("period")}) {
            if (fc.contains(k))
                o.insert(k, fc.value(k));
        }
    }
    if (m.timeoutMs > 0)
        o.insert(QStringLiteral("timeout"), m.timeoutMs / 1000);
    return o;
}

QJsonObject event(const EventRecord &e, const Message *m)
{
    QJsonObject o;
    o.insert(QStringLiteral("time"), e.time);
    o.insert(QStringLiteral("messageId"), e.messageId);
    o.insert(QStringLiteral("state"), e.state);
    o.insert(QStringLiteral("url"), QString::fromUtf8(e.url));
    putIfNotEmpty(o, QStringLiteral("topicName"), e.topicName);
    putIfNotEmpty(o, QStringLiteral("queueName"), e.queueName);
    putIfNotEmpty(o, QStringLiteral("scheduleId"), e.scheduleId);
    putIfNotEmpty(o, QStringLiteral("flowControlKey"), e.flowControlKey);
    if (!e.labels.isEmpty()) {
        o.insert(QStringLiteral("label"), e.labels.constFirst());
        o.insert(QStringLiteral("labels"), QJsonArray::fromStringList(e.labels));
    }
    if (m) {
        putIfNotEmpty(o, QStringLiteral("endpointName"), m->endpointName);
        o.insert(QStringLiteral("method"), QString::fromLatin1(m->method));
        o.insert(QStringLiteral("maxRetries"), m->maxRetries);
        const QJsonObject header = headerMap(m->headers, m->options);
        if (!header.isEmpty())
            o.insert(QStringLiteral("header"), header);
        if (!m->body.isEmpty()) {
            o.insert(QStringLiteral("body"), redactsBody(m->options)
                                                 ? redactedValue(m->body)
                                                 : QString::fromLatin1(m->body.toBase64()));
        }
        putIfNotEmpty(o, QStringLiteral("callback"), m->option("callback"));
        putIfNotEmpty(o, QStringLiteral("failureCallback"), m->option("failureCallback"));
        const QString retryDelay = m->option("retryDelay");
        putIfNotEmpty(o, QStringLiteral("retryDelayExpression"), retryDelay);
        putIfNotEmpty(o, QStringLiteral("retryDelayExpr"), retryDelay);
        if (m->timeoutMs > 0)
            o.insert(QStringLiteral("timeout"), m->timeoutMs / 1000);
    }
    // Detail keys are stored in their API spelling (error, responseStatus, responseHeader,
    // responseBody (base64), nextDeliveryTime, ...).
    for (auto it = e.detail.constBegin(); it != e.detail.constEnd(); ++it) {
        if (it.key() == QStringLiteral("requestHeader")) {
            if (!m)
                continue; // without the message we cannot know what to redact: show nothing
            // The request as sent carries the real values; redaction applies to what we show.
            QJsonObject shown;
            const QJsonObject sent = it.value().toObject();
            for (auto h = sent.constBegin(); h != sent.constEnd(); ++h) {
                QJsonArray values;
                for (const QJsonValue &v : h.value().toArray())
                    values.append(redactsHeader(m->options, h.key().toLatin1())
                                      ? redactedValue(v.toString().toUtf8())
                                      : v.toString());
                shown.insert(h.key(), values);
            }
            o.insert(it.key(), shown);
            continue;
        }
        o.insert(it.key(), it.value());
        if (it.key() == QStringLiteral("responseHeader"))
            o.insert(QStringLiteral("responseHeaders"), it.value());
    }
    // An event an attempt made shows that attempt's request and response.
    if (const auto &a = e.attempt) {
        if (m)
            o.insert(QStringLiteral("requestHeader"), headerMap(a->requestHeaders, m->options));
        if (a->status > 0) {
            const QJsonObject response = headerMap(a->responseHeaders, {});
            o.insert(QStringLiteral("responseHeader"), response);
            o.insert(QStringLiteral("responseHeaders"), response);
            if (!a->responseBody.isEmpty())
                o.insert(QStringLiteral("responseBody"),
                         QString::fromLatin1(a->responseBody.toBase64()));
        }
    }
    return o;
}

QJsonObject attempt(const AttemptRecord &a, const QJsonObject &redactOptions)
{
    QJsonObject o;
    o.insert(QStringLiteral("retried"), a.retried);
    o.insert(QStringLiteral("startedAt"), a.startedAt);
    o.insert(QStringLiteral("durationMs"), a.durationMs);
    o.insert(QStringLiteral("url"), QString::fromUtf8(a.url));
    o.insert(QStringLiteral("method"), QString::fromLatin1(a.method));
    o.insert(QStringLiteral("requestHeader"), headerMap(a.requestHeaders, redactOptions));
    o.insert(QStringLiteral("responseStatus"), a.status);
    o.insert(QStringLiteral("responseHeader"), headerMap(a.responseHeaders));
    putBody(o, a.responseBody, QStringLiteral("responseBody"),
            QStringLiteral("responseBodyBase64"));
    putIfNotEmpty(o, QStringLiteral("error"), a.error);
    return o;
}

} // namespace Broker::Json
