#pragma once
// CronExpression: the broker's own parser and next-fire calculator for QStash schedules
// ("m h dom mon dow", optional CRON_TZ= prefix), so schedules need no third-party cron library.

#include "core/result.h"

#include <QDate>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace Broker {

class CronExpression
{
public:
    // A default-constructed expression never fires (nextAfter() is always -1); it exists so that
    // owners can hold one before a schedule is parsed.
    CronExpression() = default;

    // Parses "m h dom mon dow" with an optional "CRON_TZ=<IANA> " (also "TZ=") prefix; leading and
    // trailing whitespace trimmed; UTC by default. Also accepts @yearly @annually @monthly @weekly
    // @daily @midnight @hourly. The error message names the bad field, e.g.
    // "invalid cron expression: minute field '61' out of range 0-59".
    static Result<CronExpression> parse(const QString &text);

    // Next fire time strictly after `afterMs` (unix ms, UTC), as unix ms at a whole minute, or -1
    // when there is none: at once for day/month combinations that can never occur
    // ("0 0 30 2 *"), otherwise after searching 30 years (enough for a 29 February that must also
    // fall on a given weekday). Fields match the zone's wall clock; a wall-clock time skipped by a
    // DST change does not fire that day, one repeated by a DST change fires once (the first time).
    qint64 nextAfter(qint64 afterMs) const;

    QString text() const { return m_text; }             // trimmed original text
    QString timeZoneId() const { return m_timeZoneId; } // "UTC" by default
    QTimeZone timeZone() const { return m_timeZone; }

    // Whether a wall-clock minute in the expression's zone satisfies the five fields, ignoring
    // whether that wall-clock time exists there (DST); lets callers and tests reason about fires.
    bool matchesLocal(QDate date, int hour, int minute) const;

    // Field bitsets: bit n set = value n allowed. Day-of-week uses bits 0-6 (Sunday = 0; the 7
    // of the syntax is folded onto 0).
    quint64 minuteBits() const { return m_minutes; }
    quint32 hourBits() const { return m_hours; }
    quint32 dayOfMonthBits() const { return m_daysOfMonth; }
    quint16 monthBits() const { return m_months; }
    quint8 dayOfWeekBits() const { return m_daysOfWeek; }
    // True when day-of-month and day-of-week are both restricted (neither starts with '*' or '?'),
    // so a day matches when either matches; otherwise both must match.
    bool dayMatchIsUnion() const { return !m_domStar && !m_dowStar; }

private:
    bool dayMatches(int year, int month, int day) const;
    // Unix seconds of a wall-clock time (local seconds since the epoch) in m_timeZone: the earlier
    // instant when the time occurs twice, nullopt when it falls in a DST gap.
    std::optional<qint64> resolveLocal(qint64 localSecs) const;
    qint64 offsetAt(qint64 utcSecs) const;

    QString m_text;
    QString m_timeZoneId = QStringLiteral("UTC");
    QTimeZone m_timeZone = QTimeZone::utc();
    bool m_fixedOffset = true; // no transitions: skip the (comparatively slow) zone lookups
    int m_fixedOffsetSecs = 0;
    quint64 m_minutes = 0;
    quint32 m_hours = 0;
    quint32 m_daysOfMonth = 0;
    quint16 m_months = 0;
    quint8 m_daysOfWeek = 0;
    bool m_domStar = false;
    bool m_dowStar = false;
    bool m_never = true; // statically impossible (or default-constructed)
};

} // namespace Broker
