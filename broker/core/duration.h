#pragma once
// Parsing of the duration strings QStash accepts: `Upstash-Delay: 1d10h30m`, `Upstash-Timeout: 30`
// (bare number = seconds), flow-control periods, and Go-style durations in `Retry-After`-like
// headers (`6m5s`, `1.5s`, `300ms`).

#include <QString>

#include <optional>

namespace Broker::Duration {

// `<number><unit>` groups with units d h m s (plus ms, us/µs, ns), optional fractional numbers,
// or a bare non-negative number meaning seconds. Returns milliseconds, or nullopt when malformed,
// negative or overflowing `maxMs`.
std::optional<qint64> parseToMs(QStringView text, qint64 maxMs = qint64(1) << 52);

// Formats milliseconds as the compact form used in messages and UI: "1d2h3m4s", "250ms", "0s".
QString format(qint64 ms);

} // namespace Broker::Duration
