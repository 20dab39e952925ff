// libFuzzer target: destination URL parsing. The input is a request target after
// "/v2/publish/", parsed the way the ingress sees it (QUrl, tolerant, as QHttpServer does); the
// destination is rebuilt from the encoded path and query (rebuildDestination) and validated
// (validateUrl). An accepted destination is an absolute http(s) URL with a host and no
// whitespace or control characters, stable when validated again.

#include "http/publishparser.h"

#include <QUrl>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 8192)
        return 0;
    const QByteArray target =
        "/v2/publish/" + QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
    const QUrl url = QUrl::fromEncoded(target);
    const QString path = url.path(QUrl::FullyEncoded);
    const QString prefix = QStringLiteral("/v2/publish/");
    const QString rest = path.startsWith(prefix) ? path.mid(prefix.size()) : path;
    const QString destination = Broker::rebuildDestination(rest, url.query(QUrl::FullyEncoded));
    const auto valid = Broker::validateUrl(destination);
    // The raw input as a destination on its own, as batch items and callbacks give it.
    const auto direct = Broker::validateUrl(
        QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size)));
    for (const auto *result : {&valid, &direct}) {
        if (!*result) {
            if (!result->error().message.startsWith(QLatin1String("invalid destination url")))
                __builtin_trap();
            continue;
        }
        const QByteArray bytes = result->value();
        for (const char c : bytes) {
            if (uchar(c) <= 0x20 || uchar(c) == 0x7f)
                __builtin_trap();
        }
        const QUrl parsed = QUrl::fromEncoded(bytes, QUrl::StrictMode);
        const QString scheme = parsed.scheme().toLower();
        if (!parsed.isValid() || parsed.host().isEmpty() ||
            (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
            __builtin_trap();
        const auto again = Broker::validateUrl(QString::fromUtf8(bytes));
        if (!again || again.value() != bytes)
            __builtin_trap();
    }
    return 0;
}
