#include "duration.h"

#include <cmath>

namespace Broker::Duration {

namespace {

std::optional<double> unitMs(QStringView unit)
{
    if (unit == u"d")
        return 86'400'000.0;
    if (unit == u"h")
        return 3'600'000.0;
    if (unit == u"m")
        return 60'000.0;
    if (unit == u"s" || unit.isEmpty())
        return 1000.0;
    if (unit == u"ms")
        return 1.0;
    if (unit == u"us" || unit == u"\u00b5s" || unit == u"\u03bcs")
        return 0.001;
    if (unit == u"ns")
        return 0.000001;
    return std::nullopt;
}

} // namespace

std::optional<qint64> parseToMs(QStringView text, qint64 maxMs)
{
    const QStringView s = text.trimmed();
    if (s.isEmpty())
        return std::nullopt;
    double total = 0;
    qsizetype i = 0;
    bool sawBareNumber = false;
    while (i < s.size()) {
        const qsizetype numStart = i;
        while (i < s.size() && (s[i].isDigit() || s[i] == u'.'))
            ++i;
        if (i == numStart)
            return std::nullopt; // a unit without a number, or a sign
        bool ok = false;
        const double value = s.mid(numStart, i - numStart).toDouble(&ok);
        if (!ok || !std::isfinite(value))
            return std::nullopt;
        const qsizetype unitStart = i;
        while (i < s.size() && !s[i].isDigit() && s[i] != u'.')
            ++i;
        const QStringView unit = s.mid(unitStart, i - unitStart);
        if (unit.isEmpty()) {
            // A bare number is only valid alone ("30" = 30 s).
            if (numStart != 0 || i != s.size())
                return std::nullopt;
            sawBareNumber = true;
        }
        const auto factor = unitMs(unit);
        if (!factor)
            return std::nullopt;
        total += value * *factor;
        if (total > double(maxMs))
            return std::nullopt;
    }
    Q_UNUSED(sawBareNumber);
    return qint64(std::llround(total));
}

QString format(qint64 ms)
{
    if (ms <= 0)
        return QStringLiteral("0s");
    if (ms < 1000)
        return QString::number(ms) + QStringLiteral("ms");
    QString out;
    qint64 secs = ms / 1000;
    const qint64 d = secs / 86400;
    secs %= 86400;
    const qint64 h = secs / 3600;
    secs %= 3600;
    const qint64 m = secs / 60;
    secs %= 60;
    if (d)
        out += QString::number(d) + u'd';
    if (h)
        out += QString::number(h) + u'h';
    if (m)
        out += QString::number(m) + u'm';
    if (secs || out.isEmpty())
        out += QString::number(secs) + u's';
    return out;
}

} // namespace Broker::Duration
