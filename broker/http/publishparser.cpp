#include "publishparser.h"

#include "core/duration.h"
#include "core/ids.h"
#include "delivery/retrydelay.h"

#include <QCryptographicHash>
#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

namespace Broker {

namespace {

const QStringList kMethods = {QStringLiteral("GET"),    QStringLiteral("POST"),
                              QStringLiteral("PUT"),    QStringLiteral("DELETE"),
                              QStringLiteral("PATCH"),  QStringLiteral("HEAD"),
                              QStringLiteral("OPTIONS")};

bool parseBool(const QByteArray &value, bool *out)
{
    const QByteArray v = value.trimmed().toLower();
    if (v == "true" || v == "1") {
        *out = true;
        return true;
    }
    if (v == "false" || v == "0") {
        *out = false;
        return true;
    }
    return false;
}

QJsonArray pairsToJson(const HeaderList &headers)
{
    QJsonArray arr;
    for (const auto &[name, value] : headers)
        arr.append(QJsonArray{QString::fromLatin1(name), QString::fromUtf8(value)});
    return arr;
}

ApiError invalid(const char *header, const QByteArray &value, const QString &why)
{
    return badRequest(QStringLiteral("invalid %1 header value '%2': %3")
                          .arg(QLatin1String(header), QString::fromUtf8(value.left(200)), why));
}

} // namespace

// Headers that describe the connection, not the message: never forwarded in webhook mode.
bool isHopOrTransportHeader(const QByteArray &lower)
{
    static const QByteArrayList names = {"host",
                                         "content-length",
                                         "connection",
                                         "keep-alive",
                                         "expect",
                                         "upgrade",
                                         "te",
                                         "trailer",
                                         "authorization",
                                         "transfer-encoding",
                                         "accept-encoding",
                                         "proxy-authorization",
                                         "proxy-connection"};
    return names.contains(lower);
}

QString rebuildDestination(const QString &rawRest, const QString &rawQuery)
{
    QString dest = rawRest;
    if (rawQuery.isEmpty())
        return dest;
    QStringList kept;
    for (const QString &part : rawQuery.split(u'&')) {
        const QString key =
            QUrl::fromPercentEncoding(part.left(part.indexOf(u'=')).toUtf8()).toLower();
        if (key == QStringLiteral("qstash_token") || key.startsWith(QStringLiteral("upstash-")))
            continue;
        kept.append(part);
    }
    if (!kept.isEmpty())
        dest += u'?' + kept.join(u'&');
    return dest;
}

namespace {

Result<QByteArray> checkUrl(const QString &destination)
{
    QString text = destination;
    // A proxy may have collapsed "https://" into "https:/".
    static const QRegularExpression singleSlash(QStringLiteral("^(https?):/(?!/)"),
                                                QRegularExpression::CaseInsensitiveOption);
    if (!text.startsWith(QLatin1String("http://"), Qt::CaseInsensitive) &&
        !text.startsWith(QLatin1String("https://"), Qt::CaseInsensitive))
        text.replace(singleSlash, QStringLiteral("\\1://")); // the usual URL needs no regex run
    for (const QChar c : text) {
        if (c.unicode() <= 0x20 || c.unicode() == 0x7f)
            return badRequest(QStringLiteral("invalid destination url: contains whitespace or "
                                             "control characters"));
    }
    const QByteArray bytes = text.toUtf8();
    // Qt 6.4 turns invalid UTF-8 in a request target into U+FFFD before we see it: refuse rather
    // than deliver to a URL the sender never wrote.
    if (bytes.contains("%EF%BF%BD") || bytes.contains("\xEF\xBF\xBD"))
        return badRequest(QStringLiteral("invalid destination url: not valid UTF-8"));
    const QUrl url = QUrl::fromEncoded(bytes, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (scheme != QStringLiteral("http") && scheme != QStringLiteral("https"))
        return badRequest(QStringLiteral(
            "invalid destination url: endpoint has invalid scheme, add http:// or https://"));
    if (!url.isValid())
        return badRequest(QStringLiteral("invalid destination url: %1").arg(url.errorString()));
    if (url.host().isEmpty())
        return badRequest(QStringLiteral("invalid destination url: missing host"));
    return bytes;
}

} // namespace

Result<QByteArray> validateUrl(const QString &destination)
{
    // Publishes name the same few destinations again and again; checking one parses it with
    // QUrl (8k instructions a publish, callgrind). The valid ones are remembered, boundedly.
    thread_local QHash<QString, QByteArray> valid;
    if (const auto it = valid.constFind(destination); it != valid.cend())
        return it.value();
    Result<QByteArray> checked = checkUrl(destination);
    if (checked) {
        if (valid.size() >= 1024)
            valid.clear();
        valid.insert(destination, checked.value());
    }
    return checked;
}

Result<PublishRequest> parsePublish(const ApiRequest &request, const QString &destination,
                                    const BrokerConfig &config, qint64 nowMs)
{
    PublishRequest out;
    Message &m = out.message;
    m.id = Ids::newMessageId();
    m.method = "POST";
    m.maxRetries = config.defaultRetries;
    m.createdAt = nowMs;
    m.callerIp = request.remoteIp;
    out.destination = destination;

    if (destination.isEmpty())
        return badRequest(QStringLiteral("missing destination: use /v2/publish/<url or url "
                                         "group name>"));
    static const QRegularExpression groupName(QStringLiteral("^[A-Za-z0-9._-]+$"));
    static const QRegularExpression hasScheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*:"));
    if (destination.startsWith(QStringLiteral("http://"), Qt::CaseInsensitive) ||
        destination.startsWith(QStringLiteral("https://"), Qt::CaseInsensitive) ||
        destination.startsWith(QStringLiteral("http:/"), Qt::CaseInsensitive) ||
        destination.startsWith(QStringLiteral("https:/"), Qt::CaseInsensitive)) {
        auto url = validateUrl(destination);
        if (!url)
            return url.error();
        m.url = url.value();
    } else if (groupName.match(destination).hasMatch()) {
        out.groupName = destination;
    } else if (hasScheme.match(destination).hasMatch()) {
        return badRequest(QStringLiteral(
            "invalid destination url: endpoint has invalid scheme, add http:// or https://"));
    } else {
        return badRequest(QStringLiteral("invalid destination '%1': expected an http(s) URL or a "
                                         "URL group name ([A-Za-z0-9._-]+)")
                              .arg(destination.left(200)));
    }

    // Query parameters `upstash-*` configure like headers (webhook senders cannot set headers);
    // a header of the same name wins.
    HeaderList effective = request.headers;
    for (const auto &[key, value] : request.query) {
        const QByteArray lower = key.toLower().toUtf8();
        if (!lower.startsWith("upstash-") || request.hasHeader(lower))
            continue;
        effective.append({key.toUtf8(), value.toUtf8()});
    }

    bool headerForward = false;
    for (const auto &[name, value] : effective) {
        if (name.compare("upstash-header-forward", Qt::CaseInsensitive) == 0 &&
            !parseBool(value, &headerForward))
            return invalid("Upstash-Header-Forward", value, QStringLiteral("expected true/false"));
    }

    HeaderList callbackHeaders;
    HeaderList failureCallbackHeaders;
    QJsonObject &opt = m.options;
    for (const auto &[name, value] : effective) {
        const QByteArray lower = name.toLower();
        if (lower == "content-type") {
            m.headers.append({name, value});
        } else if (lower.startsWith("upstash-forward-")) {
            const QByteArray forwarded = name.mid(16);
            if (forwarded.isEmpty())
                return invalid("Upstash-Forward-", value, QStringLiteral("empty header name"));
            m.headers.append({forwarded, value});
        } else if (lower.startsWith("upstash-failure-callback-forward-")) {
            failureCallbackHeaders.append({name.mid(33), value});
        } else if (lower.startsWith("upstash-callback-forward-")) {
            callbackHeaders.append({name.mid(25), value});
        } else if (headerForward && !lower.startsWith("upstash-") &&
                   !isHopOrTransportHeader(lower)) {
            m.headers.append({name, value});
        }
    }
    if (!callbackHeaders.isEmpty())
        opt.insert(QStringLiteral("callbackHeaders"), pairsToJson(callbackHeaders));
    if (!failureCallbackHeaders.isEmpty())
        opt.insert(QStringLiteral("failureCallbackHeaders"), pairsToJson(failureCallbackHeaders));

    // Every option below is an Upstash-* header: look them up among those only (a publish has a
    // few, next to a dozen ordinary headers), the last of a repeated name winning.
    HeaderList upstash;
    for (const auto &header : effective) {
        if (header.first.size() > 8 && qstrnicmp(header.first.constData(), "upstash-", 8) == 0)
            upstash.append(header);
    }
    const auto value = [&](const char *name) -> std::optional<QByteArray> {
        Q_ASSERT(qstrnicmp(name, "upstash-", 8) == 0);
        std::optional<QByteArray> found;
        for (const auto &[key, v] : upstash) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                found = v.trimmed();
        }
        return found;
    };

    const auto parseMethod = [&](const char *header, QByteArray *target) -> Status {
        if (auto v = value(header)) {
            const QString upper = QString::fromLatin1(*v).toUpper();
            if (!kMethods.contains(upper))
                return invalid(header, *v,
                               QStringLiteral("expected one of ") + kMethods.join(u' '));
            *target = upper.toLatin1();
        }
        return Ok{};
    };
    const auto parseRetries = [&](const char *header, const char *optKey) -> Status {
        if (auto v = value(header)) {
            bool ok = false;
            const int n = v->toInt(&ok);
            if (!ok || n < 0)
                return invalid(header, *v, QStringLiteral("expected a non-negative integer"));
            if (n > config.maxRetries)
                return invalid(
                    header, *v,
                    QStringLiteral("at most %1 retries are allowed").arg(config.maxRetries));
            if (optKey)
                opt.insert(QLatin1String(optKey), n);
            else
                m.maxRetries = n;
        }
        return Ok{};
    };
    const auto parseTimeout = [&](const char *header, const char *optKey) -> Status {
        if (auto v = value(header)) {
            const auto ms = Duration::parseToMs(QString::fromLatin1(*v), config.maxTimeoutMs);
            if (!ms || *ms <= 0)
                return invalid(header, *v,
                               QStringLiteral("expected a duration like 30s, 5m or 30 (seconds), "
                                              "at most %1")
                                   .arg(Duration::format(config.maxTimeoutMs)));
            if (optKey)
                opt.insert(QLatin1String(optKey), double(*ms));
            else
                m.timeoutMs = *ms;
        }
        return Ok{};
    };
    const auto parseDelay = [&](const char *header, const char *optKey, qint64 *target) -> Status {
        if (auto v = value(header)) {
            const auto ms = Duration::parseToMs(QString::fromLatin1(*v), config.maxDelayMs);
            if (!ms)
                return invalid(header, *v,
                               QStringLiteral("expected a duration like 10s, 5m, 1d10h30m, at "
                                              "most %1")
                                   .arg(Duration::format(config.maxDelayMs)));
            if (optKey)
                opt.insert(QLatin1String(optKey), double(*ms));
            else
                *target = *ms;
        }
        return Ok{};
    };
    const auto parseUrlOption = [&](const char *header, const char *optKey) -> Status {
        if (auto v = value(header)) {
            auto url = validateUrl(QString::fromUtf8(*v));
            if (!url)
                return invalid(header, *v, url.error().message);
            opt.insert(QLatin1String(optKey), QString::fromUtf8(url.value()));
        }
        return Ok{};
    };
    const auto parseExpression = [&](const char *header, const char *optKey) -> Status {
        if (auto v = value(header)) {
            auto expr = RetryDelayExpression::parse(QString::fromUtf8(*v));
            if (!expr)
                return invalid(header, *v, expr.error().message);
            opt.insert(QLatin1String(optKey), QString::fromUtf8(*v));
        }
        return Ok{};
    };

    QByteArray callbackMethod;
    QByteArray failureCallbackMethod;
    const Status checks[] = {
        parseMethod("Upstash-Method", &m.method),
        parseRetries("Upstash-Retries", nullptr),
        parseTimeout("Upstash-Timeout", nullptr),
        parseDelay("Upstash-Delay", nullptr, &out.delayMs),
        parseExpression("Upstash-Retry-Delay", "retryDelay"),
        parseUrlOption("Upstash-Callback", "callback"),
        parseUrlOption("Upstash-Failure-Callback", "failureCallback"),
        parseMethod("Upstash-Callback-Method", &callbackMethod),
        parseMethod("Upstash-Failure-Callback-Method", &failureCallbackMethod),
        parseRetries("Upstash-Callback-Retries", "callbackRetries"),
        parseRetries("Upstash-Failure-Callback-Retries", "failureCallbackRetries"),
        parseTimeout("Upstash-Callback-Timeout", "callbackTimeoutMs"),
        parseTimeout("Upstash-Failure-Callback-Timeout", "failureCallbackTimeoutMs"),
        parseDelay("Upstash-Callback-Delay", "callbackDelayMs", nullptr),
        parseDelay("Upstash-Failure-Callback-Delay", "failureCallbackDelayMs", nullptr),
        parseExpression("Upstash-Callback-Retry-Delay", "callbackRetryDelay"),
        parseExpression("Upstash-Failure-Callback-Retry-Delay", "failureCallbackRetryDelay"),
    };
    for (const Status &st : checks) {
        if (!st)
            return st.error();
    }
    if (!callbackMethod.isEmpty())
        opt.insert(QStringLiteral("callbackMethod"), QString::fromLatin1(callbackMethod));
    if (!failureCallbackMethod.isEmpty())
        opt.insert(QStringLiteral("failureCallbackMethod"),
                   QString::fromLatin1(failureCallbackMethod));

    if (auto v = value("Upstash-Not-Before")) {
        bool ok = false;
        const qint64 secs = v->toLongLong(&ok);
        if (!ok || secs < 0 || secs > (qint64(1) << 40))
            return invalid("Upstash-Not-Before", *v,
                           QStringLiteral("expected unix time in seconds"));
        out.notBeforeMs = secs * 1000;
    }
    if (auto v = value("Upstash-Deduplication-Id")) {
        if (v->isEmpty() || v->size() > 512)
            return invalid("Upstash-Deduplication-Id", *v,
                           QStringLiteral("expected 1 to 512 characters"));
        m.deduplicationId = QString::fromUtf8(*v);
    }
    if (auto v = value("Upstash-Content-Based-Deduplication")) {
        if (!parseBool(*v, &out.contentBasedDedup))
            return invalid("Upstash-Content-Based-Deduplication", *v,
                           QStringLiteral("expected true/false"));
    }
    if (auto v = value("Upstash-Label")) {
        for (const QByteArray &part : v->split(',')) {
            const QString label = QString::fromUtf8(part.trimmed());
            if (!label.isEmpty())
                m.labels.append(label);
        }
    }
    if (auto v = value("Upstash-Flow-Control-Key")) {
        if (v->isEmpty())
            return invalid("Upstash-Flow-Control-Key", *v, QStringLiteral("empty key"));
        m.flowControlKey = QString::fromUtf8(*v);
    }
    if (auto v = value("Upstash-Flow-Control-Value")) {
        QJsonObject fc;
        for (const QByteArray &part : v->split(',')) {
            const QByteArray item = part.trimmed();
            if (item.isEmpty())
                continue;
            const qsizetype eq = item.indexOf('=');
            const QByteArray key = item.left(eq).trimmed().toLower();
            const QByteArray val = eq < 0 ? QByteArray() : item.mid(eq + 1).trimmed();
            if (key == "parallelism" || key == "rate") {
                bool ok = false;
                const int n = val.toInt(&ok);
                if (!ok || n < 1)
                    return invalid("Upstash-Flow-Control-Value", *v,
                                   QStringLiteral("%1 must be a positive integer")
                                       .arg(QString::fromLatin1(key)));
                fc.insert(QString::fromLatin1(key), n);
            } else if (key == "period") {
                const auto ms =
                    Duration::parseToMs(QString::fromLatin1(val), 7LL * 24 * 3600 * 1000);
                if (!ms || *ms < 1000)
                    return invalid("Upstash-Flow-Control-Value", *v,
                                   QStringLiteral("period must be a duration from 1s to 1 week"));
                fc.insert(QStringLiteral("period"), double(*ms / 1000));
            } else {
                return invalid("Upstash-Flow-Control-Value", *v,
                               QStringLiteral("unknown key '%1' (expected parallelism, rate, "
                                              "period)")
                                   .arg(QString::fromLatin1(key)));
            }
        }
        if (m.flowControlKey.isEmpty())
            return invalid("Upstash-Flow-Control-Value", *v,
                           QStringLiteral("needs Upstash-Flow-Control-Key"));
        if (fc.contains(QStringLiteral("rate")) && !fc.contains(QStringLiteral("period")))
            fc.insert(QStringLiteral("period"), 1);
        opt.insert(QStringLiteral("flowControl"), fc);
    }
    if (auto v = value("Upstash-Redact-Fields")) {
        QJsonArray redact;
        for (const QByteArray &part : v->split(',')) {
            const QByteArray token = part.trimmed();
            if (token.isEmpty())
                continue;
            const QByteArray lower = token.toLower();
            if (lower == "body") {
                redact.append(QStringLiteral("body"));
            } else if (lower == "header" || lower == "headers") {
                redact.append(QStringLiteral("header"));
            } else if ((lower.startsWith("header[") || lower.startsWith("headers[")) &&
                       lower.endsWith(']')) {
                const QByteArray name = lower.mid(lower.indexOf('[') + 1).chopped(1).trimmed();
                if (name.isEmpty())
                    return invalid("Upstash-Redact-Fields", *v,
                                   QStringLiteral("empty header name"));
                redact.append(
                    QString(QStringLiteral("header[") + QString::fromLatin1(name) + u']'));
            } else {
                return invalid("Upstash-Redact-Fields", *v,
                               QStringLiteral("expected body, header or header[<name>]"));
            }
        }
        if (!redact.isEmpty())
            opt.insert(QStringLiteral("redact"), redact);
    }
    if (value("Upstash-Cron"))
        return badRequest(QStringLiteral("Upstash-Cron is accepted on /v2/schedules/<destination>, "
                                         "not on publish"));

    m.body = request.body;
    if (!m.deduplicationId.isEmpty()) {
        m.dedupKey = QStringLiteral("id:") + m.deduplicationId;
    } else if (out.contentBasedDedup) {
        // Destination, body and every header but the credentials, as QStash documents.
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(destination.toUtf8());
        hash.addData(QByteArrayView("\n", 1));
        for (const auto &[name, value] : effective) {
            const QByteArray lower = name.toLower();
            if (lower == "authorization" || lower.startsWith("upstash-telemetry-"))
                continue;
            hash.addData(lower);
            hash.addData(QByteArrayView(":", 1));
            hash.addData(value);
            hash.addData(QByteArrayView("\n", 1));
        }
        hash.addData(request.body);
        m.dedupKey = QStringLiteral("content:") + QString::fromLatin1(hash.result().toHex());
    }
    m.notBefore = nowMs;
    if (out.notBeforeMs >= 0)
        m.notBefore = out.notBeforeMs; // wins over Upstash-Delay
    else if (out.delayMs > 0)
        m.notBefore = nowMs + qint64(double(out.delayMs) * config.timeScale);
    m.dueAt = m.notBefore;
    if (out.delayMs > 0)
        opt.insert(QStringLiteral("delayMs"), double(out.delayMs));
    return out;
}

} // namespace Broker
