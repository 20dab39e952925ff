// libFuzzer target: the cron parser (Broker::CronExpression::parse) and the next-fire search
// (nextAfter). Checks what every accepted expression promises: a next fire strictly after the
// given time, on a whole minute, matching the fields in its zone; -1 only when there is none.

#include "scheduling/cron.h"

#include <QDateTime>

#include <cstdint>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 512)
        return 0;
    // "<expression>\n<anything>": the part after the newline picks the start time, anywhere from
    // 1970 to about 2100 at any millisecond.
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype newline = input.indexOf('\n');
    qint64 after = 1'800'000'000'000;
    if (newline >= 0) {
        quint64 raw = 0;
        const QByteArray tail = input.mid(newline + 1);
        std::memcpy(&raw, tail.leftJustified(8, '\0').constData(), 8);
        after = qint64(raw % 4'102'444'800'000ULL);
    }
    const QString text = QString::fromUtf8(newline >= 0 ? input.left(newline) : input);
    const auto parsed = Broker::CronExpression::parse(text);
    if (!parsed) {
        if (!parsed.error().message.startsWith(QLatin1String("invalid cron expression")))
            __builtin_trap();
        return 0;
    }
    const Broker::CronExpression &cron = parsed.value();
    const qint64 next = cron.nextAfter(after);
    if (next == -1)
        return 0;
    if (next <= after || next % 60'000 != 0)
        __builtin_trap();
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(next, cron.timeZone());
    if (!cron.matchesLocal(local.date(), local.time().hour(), local.time().minute()))
        __builtin_trap();
    // The following fire is later still (and found without hanging).
    const qint64 again = cron.nextAfter(next);
    if (again != -1 && again <= next)
        __builtin_trap();
    return 0;
}
