#include "backoff.h"

#include <algorithm>
#include <cmath>

namespace Broker::Backoff {

namespace {
constexpr double maxDelaySeconds = 86'400;
}

qint64 defaultDelayMs(int retryNumber)
{
    const int n = qMax(retryNumber, 1);
    // e^(2.5 * 5) already exceeds a day; stopping here also keeps exp() far from overflow.
    if (n >= 5)
        return qint64(maxDelaySeconds * 1000);
    const double seconds = std::min(maxDelaySeconds, std::exp(2.5 * n));
    return std::llround(seconds * 1000);
}

} // namespace Broker::Backoff
