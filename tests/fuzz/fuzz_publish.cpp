// libFuzzer target: publish header and query parsing (Broker::parsePublish) on a synthetic
// ApiRequest. Input: the destination (path remainder) on the first line, the raw query on the
// second, then "Name: value" header lines, an empty line, and the body. An accepted request
// yields a message the broker can store and deliver.

#include "http/publishparser.h"

#include <QUrl>

#include <cstdint>

namespace {

QString decode(const QString &text)
{
    QString t = text;
    t.replace(u'+', u' ');
    return QUrl::fromPercentEncoding(t.toUtf8());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 16384)
        return 0;
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    QList<QByteArray> lines = input.split('\n');
    Broker::ApiRequest request;
    request.method = "POST";
    request.remoteIp = QStringLiteral("127.0.0.1");
    const QString rest = QString::fromUtf8(lines.value(0));
    request.rawQuery = QString::fromUtf8(lines.value(1));
    for (const QString &part : request.rawQuery.split(u'&', Qt::SkipEmptyParts)) {
        const qsizetype eq = part.indexOf(u'=');
        request.query.append({decode(part.left(eq < 0 ? part.size() : eq)),
                              eq < 0 ? QString() : decode(part.mid(eq + 1))});
    }
    qsizetype i = 2;
    for (; i < lines.size() && !lines.at(i).isEmpty(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    for (++i; i < lines.size(); ++i)
        request.body += lines.at(i) + (i + 1 < lines.size() ? "\n" : "");

    Broker::BrokerConfig config;
    const qint64 now = 1'800'000'000'000;
    const QString destination = Broker::rebuildDestination(rest, request.rawQuery);
    const auto parsed = Broker::parsePublish(request, destination, config, now);
    if (!parsed) {
        if (parsed.error().message.isEmpty())
            __builtin_trap();
        return 0;
    }
    const Broker::Message &m = parsed->message;
    if (m.url.isEmpty() == parsed->groupName.isEmpty())
        __builtin_trap(); // exactly one of a URL or a URL group
    if (!m.url.isEmpty() && !Broker::validateUrl(QString::fromUtf8(m.url)))
        __builtin_trap();
    if (m.maxRetries < 0 || m.maxRetries > config.maxRetries || m.timeoutMs < 0 ||
        m.timeoutMs > config.maxTimeoutMs || m.notBefore < 0 || m.dueAt != m.notBefore ||
        m.id.isEmpty() || m.body != request.body)
        __builtin_trap();
    if (parsed->delayMs > config.maxDelayMs)
        __builtin_trap();
    return 0;
}
