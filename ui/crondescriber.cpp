#include "crondescriber.h"

#include <QLocale>
#include <QTime>

using namespace Qt::StringLiterals;

namespace Dashboard {

namespace {

QList<int> values(quint64 bits, int from, int to)
{
    QList<int> out;
    for (int v = from; v <= to; ++v) {
        if (bits & (quint64(1) << v))
            out.append(v);
    }
    return out;
}

bool isAll(const QList<int> &list, int from, int to)
{
    return list.size() == to - from + 1;
}

// The step s when the list is exactly from, from+s, from+2s... up to `to`; else 0.
int stepOf(const QList<int> &list, int from, int to)
{
    if (list.size() < 2 || list.first() != from)
        return 0;
    const int step = list.at(1) - list.at(0);
    for (int i = 1; i < list.size(); ++i) {
        if (list.at(i) - list.at(i - 1) != step)
            return 0;
    }
    return list.last() + step > to ? step : 0;
}

// Runs of consecutive values: [[1,5],[7,7]].
QList<QPair<int, int>> runs(const QList<int> &list)
{
    QList<QPair<int, int>> out;
    for (const int v : list) {
        if (!out.isEmpty() && out.last().second == v - 1)
            out.last().second = v;
        else
            out.append({v, v});
    }
    return out;
}

QString hhmm(int hour, int minute)
{
    return QTime(hour, minute).toString(u"HH:mm"_s);
}

QString dayName(int cronDay) // 0 = Sunday
{
    return QLocale().dayName(cronDay == 0 ? 7 : cronDay, QLocale::ShortFormat);
}

QString monthName(int month)
{
    return QLocale().monthName(month, QLocale::ShortFormat);
}

QStringList numbers(const QList<int> &list)
{
    QStringList out;
    for (const int v : list)
        out.append(QString::number(v));
    return out;
}

} // namespace

QString CronDescriber::joinList(const QStringList &items)
{
    if (items.isEmpty())
        return {};
    if (items.size() == 1)
        return items.first();
    //: Joins the last two items of a list: "Mon, Wed and Fri"
    return tr("%1 and %2").arg(items.mid(0, items.size() - 1).join(u", "_s), items.last());
}

QString CronDescriber::timePart(const Broker::CronExpression &cron)
{
    const QList<int> minutes = values(cron.minuteBits(), 0, 59);
    const QList<int> hours = values(cron.hourBits(), 0, 23);
    const bool allMinutes = isAll(minutes, 0, 59);
    const bool allHours = isAll(hours, 0, 23);
    const int minuteStep = stepOf(minutes, 0, 59);
    const int hourStep = stepOf(hours, 0, 23);
    const QList<QPair<int, int>> hourRuns = runs(hours);

    if (allMinutes && allHours)
        return tr("every minute");
    if (allHours) {
        if (minuteStep > 0)
            return minuteStep == 1 ? tr("every minute") : tr("every %1 minutes").arg(minuteStep);
        if (minutes.size() == 1)
            return tr("every hour at minute %1").arg(minutes.first());
        return tr("every hour at minutes %1").arg(joinList(numbers(minutes)));
    }
    if (minutes.size() == 1) {
        const int m = minutes.first();
        if (hourStep > 0)
            return hourStep == 1 ? tr("every hour at minute %1").arg(m)
                                 : tr("every %1 hours at minute %2").arg(hourStep).arg(m);
        if (hours.size() <= 6) {
            QStringList times;
            for (const int h : hours)
                times.append(hhmm(h, m));
            return tr("at %1").arg(joinList(times));
        }
    }
    if (hourRuns.size() == 1) {
        const QString from = hhmm(hourRuns.first().first, 0);
        const QString to = hhmm(hourRuns.first().second, 59);
        if (allMinutes)
            return tr("every minute from %1 to %2").arg(from, to);
        if (minuteStep > 0)
            return tr("every %1 minutes from %2 to %3").arg(minuteStep).arg(from, to);
    }
    if (allMinutes)
        return tr("every minute during hours %1").arg(joinList(numbers(hours)));
    return tr("at minutes %1 past hours %2")
        .arg(joinList(numbers(minutes)), joinList(numbers(hours)));
}

QString CronDescriber::dayPart(const Broker::CronExpression &cron)
{
    const QList<int> doms = values(cron.dayOfMonthBits(), 1, 31);
    const QList<int> months = values(cron.monthBits(), 1, 12);
    const QList<int> dows = values(cron.dayOfWeekBits(), 0, 6);
    const bool allDom = isAll(doms, 1, 31);
    const bool allDow = isAll(dows, 0, 6);

    QString weekdays;
    if (!allDow) {
        // Monday first, so Mon–Fri reads as one run and Sat–Sun as another.
        QList<int> mondayFirst;
        for (const int d : dows)
            mondayFirst.append(d == 0 ? 7 : d);
        std::sort(mondayFirst.begin(), mondayFirst.end());
        QStringList parts;
        for (const auto &[a, b] : runs(mondayFirst)) {
            if (b - a >= 2)
                parts.append(dayName(a % 7) + u'–' + dayName(b % 7));
            else if (b == a + 1)
                parts << dayName(a % 7) << dayName(b % 7);
            else
                parts.append(dayName(a % 7));
        }
        weekdays = joinList(parts);
    }
    QString monthDays;
    if (!allDom) {
        monthDays = doms.size() == 1 ? tr("on day %1 of the month").arg(doms.first())
                                     : tr("on days %1 of the month").arg(joinList(numbers(doms)));
    }
    QStringList parts;
    if (!monthDays.isEmpty() && !weekdays.isEmpty()) {
        //: Cron where day-of-month and day-of-week are both set: either matches
        parts.append(cron.dayMatchIsUnion() ? tr("%1 or on %2").arg(monthDays, weekdays)
                                            : tr("%1 if on %2").arg(monthDays, weekdays));
    } else if (!monthDays.isEmpty()) {
        parts.append(monthDays);
    } else if (!weekdays.isEmpty()) {
        parts.append(weekdays);
    }
    if (!isAll(months, 1, 12)) {
        QStringList names;
        for (const auto &[a, b] : runs(months)) {
            if (b - a >= 2)
                names.append(monthName(a) + u'–' + monthName(b));
            else
                for (int m = a; m <= b; ++m)
                    names.append(monthName(m));
        }
        //: Cron months, e.g. "in Jan and Jul"
        parts.append(tr("in %1").arg(joinList(names)));
    }
    return parts.join(u", "_s);
}

QString CronDescriber::describe(const Broker::CronExpression &cron)
{
    if (cron.minuteBits() == 0)
        return tr("never");
    QString text = timePart(cron);
    if (const QString days = dayPart(cron); !days.isEmpty())
        text += u", "_s + days;
    if (cron.timeZoneId() != u"UTC")
        text += u" ("_s + cron.timeZoneId() + u')';
    return text;
}

QString CronDescriber::describe(const QString &text, QString *error)
{
    const auto parsed = Broker::CronExpression::parse(text);
    if (!parsed) {
        if (error)
            *error = parsed.error().message;
        return {};
    }
    if (error)
        error->clear();
    return describe(parsed.value());
}

QList<QDateTime> CronDescriber::nextFireTimes(const Broker::CronExpression &cron, qint64 afterMs,
                                              int count)
{
    QList<QDateTime> out;
    qint64 at = afterMs;
    for (int i = 0; i < count; ++i) {
        at = cron.nextAfter(at);
        if (at < 0)
            break;
        out.append(QDateTime::fromMSecsSinceEpoch(at, cron.timeZone()));
    }
    return out;
}

} // namespace Dashboard
