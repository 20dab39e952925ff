#pragma once
// Default retry backoff used when a message has no `Upstash-Retry-Delay` and the failed response
// gave no retry hint: QStash's exponential schedule, capped at one day.

#include <QtGlobal>

namespace Broker::Backoff {

// min(86400, e^(2.5 * n)) seconds in ms, with n = 1 for the first retry: 12182, 148413, 1808042,
// 22026466, then 86400000 from n = 5. n < 1 is treated as 1 so a bad caller never gets a
// zero-delay retry storm.
qint64 defaultDelayMs(int retryNumber);

} // namespace Broker::Backoff
