#pragma once
// Cron in plain language for the Schedules page: "every 5 minutes, Mon–Fri", "at 09:30, on day
// 1 of the month", "every hour at minute 15 (Europe/Berlin)"; and the next fire times in the
// schedule's own time zone.

#include "scheduling/cron.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace Dashboard {

class CronDescriber final
{
    Q_DECLARE_TR_FUNCTIONS(Dashboard::CronDescriber)
public:
    static QString describe(const Broker::CronExpression &cron);
    // Parses first; an invalid expression gives the parser's error in `error` and "".
    static QString describe(const QString &text, QString *error = nullptr);
    // The next `count` fire times strictly after afterMs, in the expression's time zone.
    static QList<QDateTime> nextFireTimes(const Broker::CronExpression &cron, qint64 afterMs,
                                          int count = 5);

    // "a", "a and b", "a, b and c"
    static QString joinList(const QStringList &items);

private:
    static QString timePart(const Broker::CronExpression &cron);
    static QString dayPart(const Broker::CronExpression &cron);
};

} // namespace Dashboard
