#include "retryafter.h"

#include "core/duration.h"

#include <QDate>
#include <QString>

#include <cmath>

namespace Broker::RetryAfter {

namespace {

constexpr qint64 unixEpochJulianDay = 2'440'588; // QDate(1970, 1, 1).toJulianDay()
constexpr double unixTimestampThreshold = 1e9;   // seconds; anything larger is a point in time

enum class HeaderKind { RetryAfter, RateLimitReset, OtherReset };

struct HintHeader
{
    QByteArrayView name;
    HeaderKind kind;
};

constexpr HintHeader hintHeaders[] = {
    {"Retry-After", HeaderKind::RetryAfter},
    {"X-RateLimit-Reset", HeaderKind::RateLimitReset},
    {"X-RateLimit-Reset-Requests", HeaderKind::OtherReset},
    {"X-RateLimit-Reset-Tokens", HeaderKind::OtherReset},
};

constexpr QByteArrayView monthNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr QByteArrayView shortDayNames[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr QByteArrayView longDayNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                           "Friday", "Saturday", "Sunday"};

bool isAsciiDigit(char c)
{
    return c >= '0' && c <= '9';
}

template<size_t N>
bool isOneOf(QByteArrayView word, const QByteArrayView (&names)[N])
{
    for (const QByteArrayView &name : names) {
        if (word == name)
            return true;
    }
    return false;
}

// HTTP-date names are case-sensitive (RFC 9110 §5.6.7), so no case folding here.
std::optional<int> monthNumber(QByteArrayView name)
{
    for (int i = 0; i < 12; ++i) {
        if (name == monthNames[i])
            return i + 1;
    }
    return std::nullopt;
}

// Only plain ASCII digits: toInt() alone would also take signs and surrounding spaces.
std::optional<int> digits(QByteArrayView s, qsizetype minLen, qsizetype maxLen)
{
    if (s.size() < minLen || s.size() > maxLen)
        return std::nullopt;
    int value = 0;
    for (char c : s) {
        if (!isAsciiDigit(c))
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

// "HH:MM:SS" → seconds since midnight. 60 seconds is allowed for a leap second.
std::optional<int> secondsOfDay(QByteArrayView s)
{
    if (s.size() != 8 || s[2] != ':' || s[5] != ':')
        return std::nullopt;
    const auto h = digits(s.sliced(0, 2), 2, 2);
    const auto m = digits(s.sliced(3, 2), 2, 2);
    const auto sec = digits(s.sliced(6, 2), 2, 2);
    if (!h || !m || !sec || *h > 23 || *m > 59 || *sec > 60)
        return std::nullopt;
    return *h * 3600 + *m * 60 + *sec;
}

std::optional<qint64> unixMs(int year, std::optional<int> month, std::optional<int> day,
                             std::optional<int> secs)
{
    if (!month || !day || !secs || !QDate::isValid(year, *month, *day))
        return std::nullopt;
    const qint64 days = QDate(year, *month, *day).toJulianDay() - unixEpochJulianDay;
    return days * 86'400'000 + qint64(*secs) * 1000;
}

// "120" or "1.5": unsigned decimal seconds, nothing else.
std::optional<double> plainSeconds(QByteArrayView s)
{
    qsizetype i = 0;
    while (i < s.size() && isAsciiDigit(s[i]))
        ++i;
    if (i == 0)
        return std::nullopt;
    if (i < s.size() && s[i] == '.') {
        const qsizetype fractionStart = ++i;
        while (i < s.size() && isAsciiDigit(s[i]))
            ++i;
        if (i == fractionStart)
            return std::nullopt;
    }
    if (i != s.size())
        return std::nullopt;
    bool ok = false;
    const double value = s.toByteArray().toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

// A wait computed in double (so absurd inputs cannot overflow integers) and accepted only when it
// lands in [0, one day].
std::optional<qint64> acceptWait(double ms)
{
    if (!(ms >= 0) || ms > double(MaxDelayMs))
        return std::nullopt;
    return std::llround(ms);
}

std::optional<qint64> parseValue(QByteArrayView value, HeaderKind kind, qint64 nowMs)
{
    if (value.isEmpty())
        return std::nullopt;
    if (const auto seconds = plainSeconds(value)) {
        if (kind == HeaderKind::RateLimitReset && *seconds > unixTimestampThreshold)
            return acceptWait(*seconds * 1000 - double(nowMs));
        return acceptWait(*seconds * 1000);
    }
    if (const auto dateMs = parseHttpDateMs(value))
        return acceptWait(double(*dateMs) - double(nowMs));
    // Go-style durations; the one-day cap doubles as the parser's overflow limit.
    return Duration::parseToMs(QString::fromUtf8(value), MaxDelayMs);
}

} // namespace

std::optional<qint64> parseHttpDateMs(QByteArrayView value)
{
    const QList<QByteArray> parts = value.toByteArray().simplified().split(' ');
    if (parts.size() == 6) {
        // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
        if (!parts[0].endsWith(',') || !isOneOf(parts[0].chopped(1), shortDayNames) ||
            parts[5] != "GMT")
            return std::nullopt;
        const auto year = digits(parts[3], 4, 4);
        if (!year)
            return std::nullopt;
        return unixMs(*year, monthNumber(parts[2]), digits(parts[1], 1, 2), secondsOfDay(parts[4]));
    }
    if (parts.size() == 4) {
        // Obsolete RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"
        const QByteArray &date = parts[1];
        if (!parts[0].endsWith(',') || !isOneOf(parts[0].chopped(1), longDayNames) ||
            parts[3] != "GMT" || date.size() != 9 || date[2] != '-' || date[6] != '-')
            return std::nullopt;
        const auto yy = digits(QByteArrayView(date).sliced(7, 2), 2, 2);
        if (!yy)
            return std::nullopt;
        // RFC 9110 wants "more than 50 years in the future means the past century"; a fixed pivot
        // is equivalent for any date this broker will realistically see.
        const int year = *yy < 70 ? 2000 + *yy : 1900 + *yy;
        return unixMs(year, monthNumber(QByteArrayView(date).sliced(3, 3)),
                      digits(QByteArrayView(date).sliced(0, 2), 2, 2), secondsOfDay(parts[2]));
    }
    if (parts.size() == 5) {
        // Obsolete asctime: "Sun Nov  6 08:49:37 1994" (simplified() folded the double space)
        if (!isOneOf(parts[0], shortDayNames))
            return std::nullopt;
        const auto year = digits(parts[4], 4, 4);
        if (!year)
            return std::nullopt;
        return unixMs(*year, monthNumber(parts[1]), digits(parts[2], 1, 2), secondsOfDay(parts[3]));
    }
    return std::nullopt;
}

std::optional<qint64> delayMs(const QList<QPair<QByteArray, QByteArray>> &headers, qint64 nowMs)
{
    for (const HintHeader &hint : hintHeaders) {
        for (const auto &[name, value] : headers) {
            if (name.compare(hint.name, Qt::CaseInsensitive) != 0)
                continue;
            if (const auto ms = parseValue(value.trimmed(), hint.kind, nowMs))
                return ms;
        }
    }
    return std::nullopt;
}

} // namespace Broker::RetryAfter
