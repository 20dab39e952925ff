#pragma once
// Comparing secrets (the API token) without leaking, through timing, how much of a guess matched.

#include <QByteArray>

#include <algorithm>

namespace Broker {

// True when a and b are equal and not empty. Every byte of the longer input is visited and folded
// into one accumulator, whatever the lengths and wherever the first difference is: the time
// depends only on the lengths, never on the contents.
inline bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    const qsizetype n = std::max(a.size(), b.size());
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (qsizetype i = 0; i < n; ++i) {
        const auto x = static_cast<unsigned char>(i < a.size() ? a[i] : 0);
        const auto y = static_cast<unsigned char>(i < b.size() ? b[i] : 0);
        diff |= static_cast<unsigned char>(x ^ y);
    }
    return diff == 0 && !a.isEmpty();
}

} // namespace Broker
