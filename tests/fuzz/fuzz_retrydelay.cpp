// libFuzzer target: the Upstash-Retry-Delay evaluator (Broker::RetryDelayExpression). Parsing
// never crashes or recurses without bound; every accepted expression evaluates, for any retry
// count, to a delay inside [0, MaxDelayMs].

#include "delivery/retrydelay.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto parsed = Broker::RetryDelayExpression::parse(text);
    if (!parsed) {
        if (!parsed.error().message.startsWith(QLatin1String("invalid retry delay expression")))
            __builtin_trap();
        return 0;
    }
    if (text.size() > Broker::RetryDelayExpression::MaxLength || parsed->text() != text)
        __builtin_trap();
    for (const int retried : {0, 1, 2, 7, 20, 1000, 2'147'483'647}) {
        const qint64 ms = parsed->evaluateMs(retried);
        if (ms < 0 || ms > Broker::RetryDelayExpression::MaxDelayMs)
            __builtin_trap();
    }
    return 0;
}
