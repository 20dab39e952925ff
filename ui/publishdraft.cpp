#include "publishdraft.h"

#include "core/duration.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Dashboard {

namespace {

bool isName(const QString &text)
{
    static const QRegularExpression name(u"^[A-Za-z0-9._-]+$"_s);
    return name.match(text).hasMatch();
}

bool isHeaderName(const QString &text)
{
    static const QRegularExpression token(u"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"_s);
    return token.match(text).hasMatch();
}

bool isHttpUrl(const QString &text)
{
    return text.startsWith(u"http://"_s, Qt::CaseInsensitive) ||
           text.startsWith(u"https://"_s, Qt::CaseInsensitive);
}

QString durationOption(const QJsonObject &options, const QString &key)
{
    const qint64 ms = qint64(options.value(key).toDouble(-1));
    return ms > 0 ? Broker::Duration::format(ms) : QString();
}

PublishDraft fromMessage(const Broker::Message &m)
{
    PublishDraft d;
    d.kind = m.queueName.isEmpty() ? PublishDraft::ToUrl : PublishDraft::ToQueue;
    d.destination = QString::fromUtf8(m.url);
    d.queue = m.queueName;
    d.method = QString::fromLatin1(m.method);
    for (const auto &[name, value] : m.headers)
        d.headers.append({QString::fromLatin1(name), QString::fromUtf8(value)});
    d.body = m.body;
    d.retries = m.maxRetries;
    if (m.timeoutMs > 0)
        d.timeout = Broker::Duration::format(m.timeoutMs);
    d.labels = m.labels;
    d.flowControlKey = m.flowControlKey;

    const QJsonObject &o = m.options;
    d.retryDelay = o.value(u"retryDelay"_s).toString();
    d.callback = o.value(u"callback"_s).toString();
    d.failureCallback = o.value(u"failureCallback"_s).toString();
    const QJsonObject fc = o.value(u"flowControl"_s).toObject();
    QStringList fcParts;
    if (fc.contains(u"parallelism"_s))
        fcParts.append(u"parallelism="_s + QString::number(fc.value(u"parallelism"_s).toInt()));
    if (fc.contains(u"rate"_s))
        fcParts.append(u"rate="_s + QString::number(fc.value(u"rate"_s).toInt()));
    if (fc.contains(u"period"_s))
        fcParts.append(u"period="_s + QString::number(qint64(fc.value(u"period"_s).toDouble())) +
                       u's');
    d.flowControlValue = fcParts.join(u", "_s);

    const auto text = [&](const QString &key, const QString &header) {
        if (const QString v = o.value(key).toString(); !v.isEmpty())
            d.extraOptions.append({header, v});
    };
    const auto number = [&](const QString &key, const QString &header) {
        if (o.contains(key))
            d.extraOptions.append({header, QString::number(o.value(key).toInt())});
    };
    const auto duration = [&](const QString &key, const QString &header) {
        if (const QString v = durationOption(o, key); !v.isEmpty())
            d.extraOptions.append({header, v});
    };
    const auto forwarded = [&](const QString &key, const QString &prefix) {
        for (const QJsonValue &pair : o.value(key).toArray()) {
            const QJsonArray nv = pair.toArray();
            d.extraOptions.append({prefix + nv.at(0).toString(), nv.at(1).toString()});
        }
    };
    text(u"callbackMethod"_s, u"Upstash-Callback-Method"_s);
    text(u"failureCallbackMethod"_s, u"Upstash-Failure-Callback-Method"_s);
    number(u"callbackRetries"_s, u"Upstash-Callback-Retries"_s);
    number(u"failureCallbackRetries"_s, u"Upstash-Failure-Callback-Retries"_s);
    duration(u"callbackTimeoutMs"_s, u"Upstash-Callback-Timeout"_s);
    duration(u"failureCallbackTimeoutMs"_s, u"Upstash-Failure-Callback-Timeout"_s);
    duration(u"callbackDelayMs"_s, u"Upstash-Callback-Delay"_s);
    duration(u"failureCallbackDelayMs"_s, u"Upstash-Failure-Callback-Delay"_s);
    text(u"callbackRetryDelay"_s, u"Upstash-Callback-Retry-Delay"_s);
    text(u"failureCallbackRetryDelay"_s, u"Upstash-Failure-Callback-Retry-Delay"_s);
    forwarded(u"callbackHeaders"_s, u"Upstash-Callback-Forward-"_s);
    forwarded(u"failureCallbackHeaders"_s, u"Upstash-Failure-Callback-Forward-"_s);
    QStringList redact;
    for (const QJsonValue &v : o.value(u"redact"_s).toArray())
        redact.append(v.toString());
    if (!redact.isEmpty())
        d.extraOptions.append({u"Upstash-Redact-Fields"_s, redact.join(u',')});
    return d;
}

} // namespace

QString shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}

QString encodedDestination(const QString &url)
{
    for (const QChar c : url) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f)
            return QString::fromLatin1(QUrl(url, QUrl::TolerantMode).toEncoded());
    }
    return url;
}

QString PublishDraft::validate() const
{
    const QString dest = destination.trimmed();
    if (dest.isEmpty())
        return kind == ToGroup ? tr("Enter the name of a URL group.")
                               : tr("Enter the destination URL.");
    if (kind == ToGroup && !isName(dest))
        return tr("A URL group name uses only letters, digits, '.', '_' and '-'.");
    if (kind != ToGroup && !isHttpUrl(dest))
        return tr("The destination must start with http:// or https://.");
    if (kind == ToQueue && !isName(queue.trimmed()))
        return tr("Enter a queue name (letters, digits, '.', '_' and '-').");
    for (const auto &[name, value] : headers) {
        if (!isHeaderName(name.trimmed()))
            //: %1 is what the user typed as a header name
            return tr("“%1” is not a valid header name.").arg(name);
    }
    if (!callback.isEmpty() && !isHttpUrl(callback.trimmed()))
        return tr("The callback must start with http:// or https://.");
    if (!failureCallback.isEmpty() && !isHttpUrl(failureCallback.trimmed()))
        return tr("The failure callback must start with http:// or https://.");
    return {};
}

QString PublishDraft::path() const
{
    const QString dest = destination.trimmed();
    if (kind == ToGroup)
        return u"/v2/publish/"_s + dest;
    if (kind == ToQueue)
        return u"/v2/enqueue/"_s + queue.trimmed() + u'/' + encodedDestination(dest);
    return u"/v2/publish/"_s + encodedDestination(dest);
}

Broker::HeaderList PublishDraft::apiHeaders() const
{
    Broker::HeaderList out;
    const auto add = [&](const QString &name, const QString &value) {
        out.append({name.toLatin1(), value.toUtf8()});
    };
    for (const auto &[rawName, value] : headers) {
        const QString name = rawName.trimmed();
        if (name.isEmpty())
            continue;
        // Content-Type goes as it is; anything else must be forwarded explicitly.
        if (name.compare(u"Content-Type"_s, Qt::CaseInsensitive) == 0 ||
            name.startsWith(u"Upstash-"_s, Qt::CaseInsensitive))
            add(name, value);
        else
            add(u"Upstash-Forward-"_s + name, value);
    }
    if (!method.isEmpty() && method != u"POST")
        add(u"Upstash-Method"_s, method);
    if (!delay.trimmed().isEmpty())
        add(u"Upstash-Delay"_s, delay.trimmed());
    if (retries >= 0)
        add(u"Upstash-Retries"_s, QString::number(retries));
    if (!timeout.trimmed().isEmpty())
        add(u"Upstash-Timeout"_s, timeout.trimmed());
    if (!retryDelay.trimmed().isEmpty())
        add(u"Upstash-Retry-Delay"_s, retryDelay.trimmed());
    if (!callback.trimmed().isEmpty())
        add(u"Upstash-Callback"_s, callback.trimmed());
    if (!failureCallback.trimmed().isEmpty())
        add(u"Upstash-Failure-Callback"_s, failureCallback.trimmed());
    if (!labels.isEmpty())
        add(u"Upstash-Label"_s, labels.join(u','));
    if (!deduplicationId.trimmed().isEmpty())
        add(u"Upstash-Deduplication-Id"_s, deduplicationId.trimmed());
    if (!flowControlKey.trimmed().isEmpty()) {
        add(u"Upstash-Flow-Control-Key"_s, flowControlKey.trimmed());
        if (!flowControlValue.trimmed().isEmpty())
            add(u"Upstash-Flow-Control-Value"_s, flowControlValue.trimmed());
    }
    for (const auto &[name, value] : extraOptions)
        add(name, value);
    return out;
}

QString PublishDraft::curlCommand(const QString &baseUrl, const QString &token) const
{
    QStringList lines;
    lines.append(u"curl -X POST "_s + shellQuote(baseUrl + path()));
    lines.append(u"  -H "_s + shellQuote(u"Authorization: Bearer "_s + token));
    for (const auto &[name, value] : apiHeaders())
        lines.append(u"  -H "_s +
                     shellQuote(QString::fromLatin1(name) + u": "_s + QString::fromUtf8(value)));
    if (!body.isEmpty())
        lines.append(u"  --data-raw "_s + shellQuote(QString::fromUtf8(body)));
    return lines.join(u" \\\n"_s);
}

PublishDraft PublishDraft::replayOf(const Broker::Message &message)
{
    return fromMessage(message);
}

PublishDraft PublishDraft::editOf(const Broker::Message &message)
{
    PublishDraft d = fromMessage(message);
    d.delay = durationOption(message.options, u"delayMs"_s);
    return d;
}

} // namespace Dashboard
