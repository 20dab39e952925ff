#include "cron.h"

#include <QDateTime>
#include <QList>
#include <QStringView>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace Broker {

namespace {

constexpr int kSearchYears = 30;
// Keeps the calendar arithmetic far from overflow: nothing fires after year 9999, and a start
// before year 1 searches from year 1.
constexpr qint64 kMaxAfterMs = 253'402'300'799'999; // 9999-12-31T23:59:59.999Z
constexpr qint64 kMinAfterMs = -62'135'596'800'000; // 0001-01-01T00:00:00Z

struct FieldSpec
{
    QStringView name;
    int min;
    int max;
    // Three-letter names for values nameBase, nameBase+1, ... (month and day-of-week only).
    const std::array<QStringView, 12> *names;
    int nameCount;
    int nameBase;
    bool allowQuestionMark;
};

constexpr std::array<QStringView, 12> kMonthNames = {
    u"JAN", u"FEB", u"MAR", u"APR", u"MAY", u"JUN", u"JUL", u"AUG", u"SEP", u"OCT", u"NOV", u"DEC"};
constexpr std::array<QStringView, 12> kDayNames = {u"SUN", u"MON", u"TUE", u"WED", u"THU", u"FRI",
                                                   u"SAT", {},     {},     {},     {},     {}};

const FieldSpec kMinute{u"minute", 0, 59, nullptr, 0, 0, false};
const FieldSpec kHour{u"hour", 0, 23, nullptr, 0, 0, false};
const FieldSpec kDayOfMonth{u"day-of-month", 1, 31, nullptr, 0, 0, true};
const FieldSpec kMonth{u"month", 1, 12, &kMonthNames, 12, 1, false};
// 7 is accepted as a second spelling of Sunday; the bits fold it onto 0.
const FieldSpec kDayOfWeek{u"day-of-week", 0, 7, &kDayNames, 7, 0, true};

QString fail(const QString &detail)
{
    return u"invalid cron expression: "_s + detail;
}

QString fieldError(const FieldSpec &spec, QStringView token, const QString &problem)
{
    return fail(spec.name.toString() + u" field '"_s + token.toString() + u"' "_s + problem);
}

QList<QStringView> splitWhitespace(QStringView text)
{
    QList<QStringView> parts;
    qsizetype i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i].isSpace())
            ++i;
        const qsizetype start = i;
        while (i < text.size() && !text[i].isSpace())
            ++i;
        if (i > start)
            parts.append(text.mid(start, i - start));
    }
    return parts;
}

bool allDigits(QStringView s)
{
    if (s.isEmpty())
        return false;
    for (QChar c : s) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

// A single value (number or name) of a field; the error text when it is not one.
std::optional<int> parseValue(const FieldSpec &spec, QStringView token, QStringView whole,
                              QString *error)
{
    if (allDigits(token)) {
        // Cap the length first so a huge number reports "out of range" rather than overflowing.
        const int value = token.size() > 4 ? 100000 : token.toInt();
        if (value < spec.min || value > spec.max) {
            *error = fieldError(spec, token,
                                u"out of range "_s + QString::number(spec.min) + u'-' +
                                    QString::number(spec.max));
            return std::nullopt;
        }
        return value;
    }
    if (spec.names) {
        for (int i = 0; i < spec.nameCount; ++i) {
            if (token.compare((*spec.names)[i], Qt::CaseInsensitive) == 0)
                return spec.nameBase + i;
        }
        *error = fieldError(spec, whole.isEmpty() ? token : whole,
                            u"is not a number or name ("_s + (*spec.names)[0].toString() + u'-' +
                                (*spec.names)[spec.nameCount - 1].toString() + u')');
        return std::nullopt;
    }
    *error = fieldError(spec, whole.isEmpty() ? token : whole, u"is not a number"_s);
    return std::nullopt;
}

// Parses one field into `bits`; `star` tells whether it starts with '*' or '?', which is what the
// day-of-month/day-of-week rule looks at (as in Vixie cron, "*/2" counts as unrestricted there).
std::optional<QString> parseField(const FieldSpec &spec, QStringView field, quint64 *bits,
                                  bool *star)
{
    *bits = 0;
    *star = field.startsWith(u'*') || field.startsWith(u'?');
    if (field == u"?") {
        if (!spec.allowQuestionMark)
            return fieldError(spec, field,
                              u"'?' is only allowed in day-of-month and day-of-week"_s);
        for (int v = spec.min; v <= spec.max; ++v)
            *bits |= quint64(1) << v;
        return std::nullopt;
    }
    for (QStringView item : field.split(u',')) {
        if (item.isEmpty())
            return fieldError(spec, field, u"has an empty list item"_s);
        QStringView rangePart = item;
        int step = 1;
        const qsizetype slash = item.indexOf(u'/');
        if (slash >= 0) {
            rangePart = item.left(slash);
            const QStringView stepText = item.mid(slash + 1);
            if (!allDigits(stepText))
                return fieldError(spec, item, u"has a step that is not a number"_s);
            step = stepText.size() > 4 ? 100000 : stepText.toInt();
            if (step == 0)
                return fieldError(spec, item, u"has a zero step"_s);
        }
        int low = 0;
        int high = 0;
        QString error;
        if (rangePart == u"*") {
            low = spec.min;
            high = spec.max;
        } else if (rangePart == u"?") {
            return fieldError(spec, item, u"uses '?' other than as the whole field"_s);
        } else if (rangePart.isEmpty()) {
            return fieldError(spec, item, u"has a step without a range"_s);
        } else {
            const qsizetype dash = rangePart.indexOf(u'-');
            if (dash >= 0) {
                const auto a = parseValue(spec, rangePart.left(dash), item, &error);
                if (!a)
                    return error;
                const auto b = parseValue(spec, rangePart.mid(dash + 1), item, &error);
                if (!b)
                    return error;
                if (*a > *b)
                    return fieldError(spec, item, u"is a reversed range"_s);
                low = *a;
                high = *b;
            } else {
                const auto a = parseValue(spec, rangePart, {}, &error);
                if (!a)
                    return error;
                low = *a;
                // "a/n" runs from a to the field's maximum, as in cronie and cron-parser.
                high = slash >= 0 ? spec.max : *a;
            }
        }
        for (int v = low; v <= high; v += step)
            *bits |= quint64(1) << v;
    }
    return std::nullopt;
}

// Proleptic Gregorian calendar on plain integers: the search touches many candidate days and
// QDate round trips would dominate it.
qint64 daysFromCivil(qint64 y, int m, int d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const qint64 yoe = y - era * 400;
    const qint64 doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const qint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civilFromDays(qint64 z, qint64 *year, int *month, int *day)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    *day = int(doy - (153 * mp + 2) / 5 + 1);
    *month = int(mp < 10 ? mp + 3 : mp - 9);
    *year = yoe + era * 400 + (*month <= 2);
}

bool isLeap(qint64 y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(qint64 y, int m)
{
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

// Zone ids arrive in request headers, and QTimeZone's tz backend opens a file named after the id;
// only IANA-shaped ids (letters, digits, "_+-", non-empty '/'-separated parts, so no "..") get
// that far.
bool isIanaShaped(QStringView id)
{
    if (id.isEmpty() || id.size() > 64 || id.startsWith(u'/') || id.endsWith(u'/') ||
        id.contains(u"//"))
        return false;
    for (QChar c : id) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') ||
                        (u >= u'0' && u <= u'9') || u == u'/' || u == u'_' || u == u'-' ||
                        u == u'+';
        if (!ok)
            return false;
    }
    return true;
}

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

int lowestBitFrom(quint64 bits, int from)
{
    for (int v = from; v < 64; ++v) {
        if (bits & (quint64(1) << v))
            return v;
    }
    return -1;
}

} // namespace

Result<CronExpression> CronExpression::parse(const QString &text)
{
    CronExpression expr;
    expr.m_text = text.trimmed();
    QStringView rest(expr.m_text);

    for (QStringView prefix : {QStringView(u"CRON_TZ="), QStringView(u"TZ=")}) {
        if (!rest.startsWith(prefix))
            continue;
        rest = rest.mid(prefix.size());
        qsizetype end = 0;
        while (end < rest.size() && !rest[end].isSpace())
            ++end;
        const QStringView zoneId = rest.left(end);
        rest = rest.mid(end).trimmed();
        if (zoneId.isEmpty())
            return badRequest(fail(u"empty time zone after '"_s + prefix.toString() + u'\''));
        const QTimeZone zone = isIanaShaped(zoneId) ? QTimeZone(zoneId.toLatin1()) : QTimeZone();
        if (!zone.isValid())
            return badRequest(fail(u"unknown time zone '"_s + zoneId.toString() + u'\''));
        expr.m_timeZone = zone;
        expr.m_timeZoneId = zoneId.toString();
        break;
    }

    QString expanded;
    if (rest.startsWith(u'@')) {
        static constexpr std::pair<QStringView, QStringView> kDescriptors[] = {
            {u"@yearly", u"0 0 1 1 *"}, {u"@annually", u"0 0 1 1 *"}, {u"@monthly", u"0 0 1 * *"},
            {u"@weekly", u"0 0 * * 0"}, {u"@daily", u"0 0 * * *"},    {u"@midnight", u"0 0 * * *"},
            {u"@hourly", u"0 * * * *"},
        };
        for (const auto &[name, fields] : kDescriptors) {
            if (rest.compare(name, Qt::CaseInsensitive) == 0)
                expanded = fields.toString();
        }
        if (expanded.isEmpty())
            return badRequest(fail(u"unknown descriptor '"_s + rest.toString() + u'\''));
        rest = expanded;
    }

    if (rest.isEmpty())
        return badRequest(fail(u"empty expression"_s));
    const QList<QStringView> fields = splitWhitespace(rest);
    if (fields.size() != 5)
        return badRequest(
            fail(u"expected 5 fields (minute hour day-of-month month day-of-week), got "_s +
                 QString::number(fields.size())));

    quint64 bits = 0;
    bool star = false;
    if (auto err = parseField(kMinute, fields[0], &bits, &star))
        return badRequest(*err);
    expr.m_minutes = bits;
    if (auto err = parseField(kHour, fields[1], &bits, &star))
        return badRequest(*err);
    expr.m_hours = quint32(bits);
    if (auto err = parseField(kDayOfMonth, fields[2], &bits, &star))
        return badRequest(*err);
    expr.m_daysOfMonth = quint32(bits);
    expr.m_domStar = star;
    if (auto err = parseField(kMonth, fields[3], &bits, &star))
        return badRequest(*err);
    expr.m_months = quint16(bits);
    if (auto err = parseField(kDayOfWeek, fields[4], &bits, &star))
        return badRequest(*err);
    expr.m_daysOfWeek = quint8((bits | (bits >> 7)) & 0x7f);
    expr.m_dowStar = star;

    // When both day fields must match, a day-of-month that no selected month has can never fire;
    // the weekday cannot rescue it. (With the union rule every week has a matching day.)
    expr.m_never = false;
    if (!expr.dayMatchIsUnion()) {
        bool possible = false;
        for (int m = 1; m <= 12 && !possible; ++m) {
            if (!(expr.m_months & (1u << m)))
                continue;
            const int maxDay = m == 2 ? 29 : daysInMonth(2001, m);
            possible = (expr.m_daysOfMonth & ((quint64(1) << (maxDay + 1)) - 2)) != 0;
        }
        expr.m_never = !possible;
    }

    expr.m_fixedOffset = !expr.m_timeZone.hasTransitions();
    if (expr.m_fixedOffset)
        expr.m_fixedOffsetSecs = expr.m_timeZone.offsetFromUtc(QDateTime::currentDateTimeUtc());
    return expr;
}

bool CronExpression::dayMatches(int year, int month, int day) const
{
    const bool domHit = m_daysOfMonth & (1u << day);
    const int weekday = int((daysFromCivil(year, month, day) % 7 + 11) % 7); // 1970-01-01: Thu
    const bool dowHit = m_daysOfWeek & (1u << weekday);
    return dayMatchIsUnion() ? (domHit || dowHit) : (domHit && dowHit);
}

bool CronExpression::matchesLocal(QDate date, int hour, int minute) const
{
    if (m_never || !date.isValid() || hour < 0 || hour > 23 || minute < 0 || minute > 59)
        return false;
    return (m_minutes & (quint64(1) << minute)) && (m_hours & (1u << hour)) &&
           (m_months & (1u << date.month())) && dayMatches(date.year(), date.month(), date.day());
}

qint64 CronExpression::offsetAt(qint64 utcSecs) const
{
    if (m_fixedOffset)
        return m_fixedOffsetSecs;
    return m_timeZone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(utcSecs, QTimeZone::utc()));
}

std::optional<qint64> CronExpression::resolveLocal(qint64 localSecs) const
{
    if (m_fixedOffset)
        return localSecs - m_fixedOffsetSecs;
    // The offsets a day either side are the only candidates as long as a zone never changes its
    // offset twice within two days, which no IANA zone does.
    const qint64 before = offsetAt(localSecs - 86400);
    const qint64 after = offsetAt(localSecs + 86400);
    std::optional<qint64> best;
    for (const qint64 offset : {before, after}) {
        const qint64 candidate = localSecs - offset;
        if (offsetAt(candidate) == offset && (!best || candidate < *best))
            best = candidate;
        if (before == after)
            break;
    }
    return best;
}

qint64 CronExpression::nextAfter(qint64 afterMs) const
{
    if (m_never || afterMs >= kMaxAfterMs)
        return -1;
    afterMs = std::max(afterMs, kMinAfterMs);
    const qint64 afterSecs = floorDiv(afterMs, 1000);
    const qint64 localAfter = afterSecs + offsetAt(afterSecs);
    // Walking wall-clock minutes upward from the one after `afterMs`'s wall-clock time never skips
    // a fire: the first-occurrence mapping from wall clock to instants is monotonic, and candidates
    // that map to or before `afterMs` (inside a repeated hour) are just passed over below.
    const qint64 startMinute = floorDiv(localAfter, 60) + 1;
    qint64 dayNumber = floorDiv(startMinute, 1440);
    int minuteOfDay = int(startMinute - dayNumber * 1440);
    qint64 year = 0;
    int month = 0;
    int day = 0;
    civilFromDays(dayNumber, &year, &month, &day);
    const qint64 lastYear = year + kSearchYears;

    const auto nextMonth = [&] {
        day = 1;
        minuteOfDay = 0;
        if (++month > 12) {
            month = 1;
            ++year;
        }
    };
    while (year <= lastYear) {
        if (!(m_months & (1u << month))) {
            const int m = lowestBitFrom(m_months, month + 1);
            if (m > 0 && m <= 12) {
                month = m;
            } else {
                month = lowestBitFrom(m_months, 1);
                ++year;
            }
            day = 1;
            minuteOfDay = 0;
            continue;
        }
        if (day > daysInMonth(year, month)) {
            nextMonth();
            continue;
        }
        if (dayMatches(int(year), month, day)) {
            const qint64 dayStart = daysFromCivil(year, month, day) * 86400;
            for (int hour = minuteOfDay / 60; hour < 24; ++hour) {
                if (!(m_hours & (1u << hour)))
                    continue;
                const int fromMinute = hour == minuteOfDay / 60 ? minuteOfDay % 60 : 0;
                for (int minute = lowestBitFrom(m_minutes, fromMinute); minute >= 0 && minute < 60;
                     minute = lowestBitFrom(m_minutes, minute + 1)) {
                    const auto instant = resolveLocal(dayStart + hour * 3600 + minute * 60);
                    // nullopt: skipped by a spring-forward gap. <= afterMs: the first pass of a
                    // repeated hour that already fired before the start instant.
                    if (instant && *instant * 1000 > afterMs)
                        return *instant * 1000;
                }
            }
        }
        minuteOfDay = 0;
        if (++day > daysInMonth(year, month))
            nextMonth();
    }
    return -1;
}

} // namespace Broker
