#pragma once
// Retry hints in a failed delivery's response (`Retry-After`, `X-RateLimit-Reset*`): when the
// destination says when to come back, that wait replaces the normal backoff for the next attempt.

#include <QByteArray>
#include <QList>
#include <QPair>

#include <optional>

namespace Broker::RetryAfter {

constexpr qint64 MaxDelayMs = 86'400'000;

// Consults `Retry-After`, `X-RateLimit-Reset`, `X-RateLimit-Reset-Requests` and
// `X-RateLimit-Reset-Tokens` (names case-insensitive) in that order; the first usable value wins.
// A value is usable when it is seconds ("120", "1.5"), an HTTP date (IMF-fixdate, plus the
// obsolete RFC 850 and asctime forms HTTP recipients must accept) measured from `nowMs`, a Go-style
// duration ("6m5s", "300ms"), or - for `X-RateLimit-Reset` only - a unix timestamp in seconds when
// the number exceeds 1e9. Garbage, negative waits (dates in the past included) and waits above
// one day make that value unusable, and the next header is tried. Returns ms to wait (0 = retry
// now), or nullopt when no header gave a usable value.
std::optional<qint64> delayMs(const QList<QPair<QByteArray, QByteArray>> &headers, qint64 nowMs);

// The HTTP-date part on its own: unix ms, or nullopt when `value` is not an HTTP date.
std::optional<qint64> parseHttpDateMs(QByteArrayView value);

} // namespace Broker::RetryAfter
