// Unit tests for Broker::CronExpression: parse errors, every syntax form, the day-of-month /
// day-of-week rule, impossible dates, and DST behaviour in real zones. tst_crondiff checks the same
// class against cron-parser on random expressions; this file pins the cases that matter by name.

#include "scheduling/cron.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QList>
#include <QRandomGenerator>
#include <QTest>
#include <QTimeZone>

#include <limits>

using namespace Qt::StringLiterals;
using Broker::CronExpression;

// Parses `text` into `var`, failing the current test (not aborting the run) when it does not parse.
#define PARSE_OR_FAIL(var, text)                                                                   \
    const auto var##Result = CronExpression::parse(text);                                          \
    QVERIFY2(var##Result.ok(),                                                                     \
             qPrintable(var##Result.ok() ? QString() : var##Result.error().message));              \
    const CronExpression &var = var##Result.value()

namespace {

quint64 bitsOf(std::initializer_list<int> values)
{
    quint64 bits = 0;
    for (int v : values)
        bits |= quint64(1) << v;
    return bits;
}

quint64 bitRange(int from, int to, int step = 1)
{
    quint64 bits = 0;
    for (int v = from; v <= to; v += step)
        bits |= quint64(1) << v;
    return bits;
}

qint64 utcMs(const QString &iso)
{
    const QDateTime dt = QDateTime::fromString(iso, Qt::ISODateWithMs);
    Q_ASSERT_X(dt.isValid() && dt.timeSpec() == Qt::UTC, "utcMs", "test data must be UTC ISO");
    return dt.toMSecsSinceEpoch();
}

QString isoUtc(qint64 ms)
{
    if (ms < 0)
        return u"-1"_s;
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

// Brute-force oracle: the zone's wall clock for every UTC minute, first occurrences only.
bool bruteForceFires(const CronExpression &expr, const QTimeZone &zone, qint64 utcSecs)
{
    const auto offsetAt = [&](qint64 secs) {
        return zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc()));
    };
    const qint64 local = utcSecs + offsetAt(utcSecs);
    const QDateTime wall = QDateTime::fromSecsSinceEpoch(local, QTimeZone::utc());
    if (!expr.matchesLocal(wall.date(), wall.time().hour(), wall.time().minute()))
        return false;
    // The same wall-clock time earlier (a repeated hour) means this is the second occurrence;
    // only possible right after the offset went down.
    if (offsetAt(utcSecs - 3 * 3600) <= offsetAt(utcSecs))
        return true;
    for (qint64 back = 60; back <= 3 * 3600; back += 60) {
        if (utcSecs - back + offsetAt(utcSecs - back) == local)
            return false;
    }
    return true;
}

} // namespace

class tst_Cron : public QObject
{
    Q_OBJECT

private slots:
    void parseErrors_data();
    void parseErrors();
    void parseForms_data();
    void parseForms();
    void textAndZone_data();
    void textAndZone();
    void nextAfter_data();
    void nextAfter();
    void matchesLocal();
    void defaultNeverFires();
    void bruteForceAgreement_data();
    void bruteForceAgreement();
    void efficientOnSparseSchedules();
};

void tst_Cron::parseErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message"); // must appear in the error; names the bad field

    QTest::newRow("minute too big") << u"61 * * * *"_s << u"minute field '61' out of range 0-59"_s;
    QTest::newRow("minute in list") << u"1,60 * * * *"_s << u"minute field '60' out of range"_s;
    QTest::newRow("huge number") << u"99999999999 * * * *"_s << u"minute field '99999999999'"_s;
    QTest::newRow("minute garbage") << u"a * * * *"_s << u"minute field 'a' is not a number"_s;
    QTest::newRow("minute ?") << u"? * * * *"_s << u"minute field '?'"_s;
    QTest::newRow("minute empty item") << u"1,,2 * * * *"_s << u"minute field '1,,2'"_s;
    QTest::newRow("minute trailing comma") << u"1, * * * *"_s << u"minute field"_s;
    QTest::newRow("minute zero step")
        << u"*/0 * * * *"_s << u"minute field '*/0' has a zero step"_s;
    QTest::newRow("minute step garbage") << u"*/x * * * *"_s << u"minute field '*/x'"_s;
    QTest::newRow("minute step only") << u"/5 * * * *"_s << u"minute field '/5'"_s;
    QTest::newRow("minute double step") << u"1/2/3 * * * *"_s << u"minute field '1/2/3'"_s;
    QTest::newRow("minute double range") << u"1-2-3 * * * *"_s << u"minute field '1-2-3'"_s;
    QTest::newRow("minute negative") << u"-5 * * * *"_s << u"minute field '-5'"_s;
    QTest::newRow("hour too big") << u"0 24 * * *"_s << u"hour field '24' out of range 0-23"_s;
    QTest::newRow("hour reversed") << u"0 5-2 * * *"_s << u"hour field '5-2' is a reversed range"_s;
    QTest::newRow("hour name") << u"0 MON * * *"_s << u"hour field 'MON' is not a number"_s;
    QTest::newRow("dom zero") << u"0 0 0 * *"_s << u"day-of-month field '0' out of range 1-31"_s;
    QTest::newRow("dom 32") << u"0 0 32 * *"_s << u"day-of-month field '32' out of range 1-31"_s;
    QTest::newRow("dom range step zero")
        << u"0 0 1-31/0 * *"_s << u"day-of-month field '1-31/0' has a zero step"_s;
    QTest::newRow("dom ? with step") << u"0 0 ?/2 * *"_s << u"day-of-month field '?/2'"_s;
    QTest::newRow("month zero") << u"0 0 1 0 *"_s << u"month field '0' out of range 1-12"_s;
    QTest::newRow("month 13") << u"0 0 1 13 *"_s << u"month field '13' out of range 1-12"_s;
    QTest::newRow("month bad name")
        << u"0 0 1 FOO *"_s << u"month field 'FOO' is not a number or name (JAN-DEC)"_s;
    QTest::newRow("month bad range name") << u"0 0 1 JAN-FOO *"_s << u"month field 'JAN-FOO'"_s;
    QTest::newRow("month reversed names")
        << u"0 0 1 DEC-JAN *"_s << u"month field 'DEC-JAN' is a reversed range"_s;
    QTest::newRow("month full name") << u"0 0 1 JANUARY *"_s << u"month field 'JANUARY'"_s;
    QTest::newRow("month ?") << u"0 0 1 ? *"_s << u"month field '?'"_s;
    QTest::newRow("dow 8") << u"0 0 * * 8"_s << u"day-of-week field '8' out of range 0-7"_s;
    QTest::newRow("dow bad name") << u"0 0 * * FUN"_s
                                  << u"day-of-week field 'FUN' is not a number or name (SUN-SAT)"_s;
    QTest::newRow("dow month name") << u"0 0 * * JAN"_s << u"day-of-week field 'JAN'"_s;
    QTest::newRow("dow open range") << u"0 0 * * MON-"_s << u"day-of-week field 'MON-'"_s;
    QTest::newRow("dow reversed") << u"0 0 * * FRI-MON"_s << u"day-of-week field 'FRI-MON'"_s;
    // SUN is 0, so SAT-SUN is reversed (as in Vixie cron and cron-parser); write SAT,SUN or 6-7.
    QTest::newRow("dow SAT-SUN") << u"0 0 * * SAT-SUN"_s << u"'SAT-SUN' is a reversed range"_s;
    QTest::newRow("dow zero step") << u"0 0 * * 1/0"_s << u"day-of-week field '1/0'"_s;
    QTest::newRow("quartz L") << u"0 0 L * *"_s << u"day-of-month field 'L'"_s;
    QTest::newRow("quartz #") << u"0 0 * * 1#2"_s << u"day-of-week field '1#2'"_s;
    QTest::newRow("too few fields") << u"* * * *"_s << u"expected 5 fields"_s;
    QTest::newRow("too many fields") << u"0 * * * * *"_s << u"expected 5 fields"_s;
    QTest::newRow("empty") << QString() << u"empty expression"_s;
    QTest::newRow("blank") << u"  \t "_s << u"empty expression"_s;
    QTest::newRow("zone only") << u"CRON_TZ=Europe/Berlin"_s << u"empty expression"_s;
    QTest::newRow("unknown zone") << u"CRON_TZ=Mars/Olympus_Mons 0 * * * *"_s
                                  << u"unknown time zone 'Mars/Olympus_Mons'"_s;
    QTest::newRow("unknown zone TZ=") << u"TZ=Nowhere/Land 0 * * * *"_s << u"'Nowhere/Land'"_s;
    QTest::newRow("path-like zone") << u"CRON_TZ=../../../etc/passwd 0 * * * *"_s
                                    << u"unknown time zone '../../../etc/passwd'"_s;
    QTest::newRow("absolute zone path")
        << u"CRON_TZ=/usr/share/zoneinfo/UTC 0 * * * *"_s << u"unknown time zone"_s;
    QTest::newRow("empty zone") << u"CRON_TZ= 0 * * * *"_s << u"empty time zone"_s;
    QTest::newRow("unknown descriptor") << u"@reboot"_s << u"unknown descriptor '@reboot'"_s;
    QTest::newRow("descriptor with fields") << u"@daily 5"_s << u"unknown descriptor"_s;
}

void tst_Cron::parseErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    const auto result = CronExpression::parse(text);
    QVERIFY2(!result.ok(), qPrintable(u"accepted: "_s + text));
    QCOMPARE(result.error().code, Broker::ErrorCode::BadRequest);
    const QString actual = result.error().message;
    QVERIFY2(actual.startsWith(u"invalid cron expression: "_s), qPrintable(actual));
    QVERIFY2(actual.contains(message), qPrintable(actual));
}

void tst_Cron::parseForms_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<quint64>("minutes");
    QTest::addColumn<quint64>("hours");
    QTest::addColumn<quint64>("doms");
    QTest::addColumn<quint64>("months");
    QTest::addColumn<quint64>("dows");
    QTest::addColumn<bool>("unionRule");

    const quint64 allMin = bitRange(0, 59), allHour = bitRange(0, 23), allDom = bitRange(1, 31),
                  allMon = bitRange(1, 12), allDow = bitRange(0, 6);

    QTest::newRow("all stars") << u"* * * * *"_s << allMin << allHour << allDom << allMon << allDow
                               << false;
    QTest::newRow("single values") << u"5 4 3 2 1"_s << bitsOf({5}) << bitsOf({4}) << bitsOf({3})
                                   << bitsOf({2}) << bitsOf({1}) << true;
    QTest::newRow("leading zeros") << u"05 07 09 01 00"_s << bitsOf({5}) << bitsOf({7})
                                   << bitsOf({9}) << bitsOf({1}) << bitsOf({0}) << true;
    QTest::newRow("lists") << u"0,15,59 1,23 1,31 1,12 0,6"_s << bitsOf({0, 15, 59})
                           << bitsOf({1, 23}) << bitsOf({1, 31}) << bitsOf({1, 12})
                           << bitsOf({0, 6}) << true;
    QTest::newRow("ranges") << u"10-15 9-17 1-7 3-5 1-5"_s << bitRange(10, 15) << bitRange(9, 17)
                            << bitRange(1, 7) << bitRange(3, 5) << bitRange(1, 5) << true;
    QTest::newRow("star steps") << u"*/15 */7 */10 */3 */2"_s << bitsOf({0, 15, 30, 45})
                                << bitsOf({0, 7, 14, 21}) << bitsOf({1, 11, 21, 31})
                                << bitsOf({1, 4, 7, 10}) << bitsOf({0, 2, 4, 6}) << false;
    QTest::newRow("range steps") << u"10-30/10 8-18/4 2-20/9 2-11/3 1-5/2"_s << bitsOf({10, 20, 30})
                                 << bitsOf({8, 12, 16}) << bitsOf({2, 11, 20})
                                 << bitsOf({2, 5, 8, 11}) << bitsOf({1, 3, 5}) << true;
    QTest::newRow("start/step runs to max")
        << u"50/3 20/2 25/3 10/1 1/2"_s << bitsOf({50, 53, 56, 59}) << bitsOf({20, 22})
        << bitsOf({25, 28, 31}) << bitsOf({10, 11, 12}) << bitsOf({1, 3, 5, 0}) << true;
    QTest::newRow("step wider than range") << u"*/100 0 1 * *"_s << bitsOf({0}) << bitsOf({0})
                                           << bitsOf({1}) << allMon << allDow << false;
    QTest::newRow("mixed list") << u"1-3,7,*/20 0 1 * *"_s << bitsOf({0, 1, 2, 3, 7, 20, 40})
                                << bitsOf({0}) << bitsOf({1}) << allMon << allDow << false;
    QTest::newRow("question marks")
        << u"0 0 ? * ?"_s << bitsOf({0}) << bitsOf({0}) << allDom << allMon << allDow << false;
    QTest::newRow("? in dow only") << u"0 0 15 * ?"_s << bitsOf({0}) << bitsOf({0}) << bitsOf({15})
                                   << allMon << allDow << false;
    QTest::newRow("month names") << u"0 0 1 JAN,mar,Dec *"_s << bitsOf({0}) << bitsOf({0})
                                 << bitsOf({1}) << bitsOf({1, 3, 12}) << allDow << false;
    QTest::newRow("month name range step")
        << u"0 0 1 jan-DEC/3 *"_s << bitsOf({0}) << bitsOf({0}) << bitsOf({1})
        << bitsOf({1, 4, 7, 10}) << allDow << false;
    QTest::newRow("month name and number") << u"0 0 1 2-Apr *"_s << bitsOf({0}) << bitsOf({0})
                                           << bitsOf({1}) << bitsOf({2, 3, 4}) << allDow << false;
    QTest::newRow("day names") << u"0 0 * * MON-FRI"_s << bitsOf({0}) << bitsOf({0}) << allDom
                               << allMon << bitRange(1, 5) << false;
    QTest::newRow("day names list") << u"0 0 * * sun,Sat"_s << bitsOf({0}) << bitsOf({0}) << allDom
                                    << allMon << bitsOf({0, 6}) << false;
    QTest::newRow("7 is sunday") << u"0 0 * * 7"_s << bitsOf({0}) << bitsOf({0}) << allDom << allMon
                                 << bitsOf({0}) << false;
    QTest::newRow("range to 7") << u"0 0 * * 5-7"_s << bitsOf({0}) << bitsOf({0}) << allDom
                                << allMon << bitsOf({5, 6, 0}) << false;
    QTest::newRow("0-7") << u"0 0 * * 0-7"_s << bitsOf({0}) << bitsOf({0}) << allDom << allMon
                         << allDow << false;
    QTest::newRow("dom star-step keeps AND")
        << u"0 0 */2 * MON"_s << bitsOf({0}) << bitsOf({0}) << bitRange(1, 31, 2) << allMon
        << bitsOf({1}) << false;
    QTest::newRow("dow star-step keeps AND")
        << u"0 0 13 * */3"_s << bitsOf({0}) << bitsOf({0}) << bitsOf({13}) << allMon
        << bitsOf({0, 3, 6}) << false;
    QTest::newRow("@yearly") << u"@yearly"_s << bitsOf({0}) << bitsOf({0}) << bitsOf({1})
                             << bitsOf({1}) << allDow << false;
    QTest::newRow("@annually") << u"@annually"_s << bitsOf({0}) << bitsOf({0}) << bitsOf({1})
                               << bitsOf({1}) << allDow << false;
    QTest::newRow("@monthly") << u"@monthly"_s << bitsOf({0}) << bitsOf({0}) << bitsOf({1})
                              << allMon << allDow << false;
    QTest::newRow("@weekly") << u"@weekly"_s << bitsOf({0}) << bitsOf({0}) << allDom << allMon
                             << bitsOf({0}) << false;
    QTest::newRow("@daily") << u"@daily"_s << bitsOf({0}) << bitsOf({0}) << allDom << allMon
                            << allDow << false;
    QTest::newRow("@midnight") << u"@MIDNIGHT"_s << bitsOf({0}) << bitsOf({0}) << allDom << allMon
                               << allDow << false;
    QTest::newRow("@hourly") << u"@hourly"_s << bitsOf({0}) << allHour << allDom << allMon << allDow
                             << false;
    QTest::newRow("descriptor with zone") << u"CRON_TZ=Asia/Kolkata @hourly"_s << bitsOf({0})
                                          << allHour << allDom << allMon << allDow << false;
    QTest::newRow("tabs and spaces") << u" \t0\t 12  * *\t* "_s << bitsOf({0}) << bitsOf({12})
                                     << allDom << allMon << allDow << false;
}

void tst_Cron::parseForms()
{
    QFETCH(QString, text);
    QFETCH(quint64, minutes);
    QFETCH(quint64, hours);
    QFETCH(quint64, doms);
    QFETCH(quint64, months);
    QFETCH(quint64, dows);
    QFETCH(bool, unionRule);
    const auto result = CronExpression::parse(text);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result->minuteBits(), minutes);
    QCOMPARE(quint64(result->hourBits()), hours);
    QCOMPARE(quint64(result->dayOfMonthBits()), doms);
    QCOMPARE(quint64(result->monthBits()), months);
    QCOMPARE(quint64(result->dayOfWeekBits()), dows);
    QCOMPARE(result->dayMatchIsUnion(), unionRule);
}

void tst_Cron::textAndZone_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("zone");

    QTest::newRow("default UTC") << u"0 * * * *"_s << u"0 * * * *"_s << u"UTC"_s;
    QTest::newRow("trimmed") << u"\n  0 * * * *\t "_s << u"0 * * * *"_s << u"UTC"_s;
    QTest::newRow("CRON_TZ") << u" CRON_TZ=America/New_York 0 4 * * * "_s
                             << u"CRON_TZ=America/New_York 0 4 * * *"_s << u"America/New_York"_s;
    QTest::newRow("TZ") << u"TZ=Europe/Berlin 0 4 * * *"_s << u"TZ=Europe/Berlin 0 4 * * *"_s
                        << u"Europe/Berlin"_s;
    QTest::newRow("explicit UTC") << u"CRON_TZ=UTC 0 4 * * *"_s << u"CRON_TZ=UTC 0 4 * * *"_s
                                  << u"UTC"_s;
    QTest::newRow("zone then tab") << u"CRON_TZ=Asia/Kolkata\t0 4 * * *"_s
                                   << u"CRON_TZ=Asia/Kolkata\t0 4 * * *"_s << u"Asia/Kolkata"_s;
}

void tst_Cron::textAndZone()
{
    QFETCH(QString, input);
    QFETCH(QString, text);
    QFETCH(QString, zone);
    PARSE_OR_FAIL(expr, input);
    QCOMPARE(expr.text(), text);
    QCOMPARE(expr.timeZoneId(), zone);
    QVERIFY(expr.timeZone().isValid());
}

void tst_Cron::nextAfter_data()
{
    QTest::addColumn<QString>("expr");
    QTest::addColumn<QString>("start");        // UTC ISO
    QTest::addColumn<QStringList>("expected"); // successive fires, UTC ISO; "-1" = none

    QTest::newRow("every 15 minutes, strictly after")
        << u"*/15 * * * *"_s << u"2026-01-01T00:00:00Z"_s
        << QStringList{u"2026-01-01T00:15:00Z"_s, u"2026-01-01T00:30:00Z"_s,
                       u"2026-01-01T00:45:00Z"_s, u"2026-01-01T01:00:00Z"_s};
    QTest::newRow("sub-minute start")
        << u"*/15 * * * *"_s << u"2026-01-01T00:14:59.999Z"_s
        << QStringList{u"2026-01-01T00:15:00Z"_s, u"2026-01-01T00:30:00Z"_s};
    QTest::newRow("every minute") << u"* * * * *"_s << u"2026-01-01T00:00:30Z"_s
                                  << QStringList{u"2026-01-01T00:01:00Z"_s,
                                                 u"2026-01-01T00:02:00Z"_s};
    QTest::newRow("year rollover")
        << u"59 23 31 12 *"_s << u"2026-12-31T23:59:00Z"_s
        << QStringList{u"2027-12-31T23:59:00Z"_s, u"2028-12-31T23:59:00Z"_s};
    QTest::newRow("range step hours")
        << u"30 8-18/5 * * *"_s << u"2026-06-01T12:00:00Z"_s
        << QStringList{u"2026-06-01T13:30:00Z"_s, u"2026-06-01T18:30:00Z"_s,
                       u"2026-06-02T08:30:00Z"_s};
    QTest::newRow("feb 29") << u"0 0 29 2 *"_s << u"2026-01-01T00:00:00Z"_s
                            << QStringList{u"2028-02-29T00:00:00Z"_s, u"2032-02-29T00:00:00Z"_s};
    QTest::newRow("feb 29 over 2100")
        << u"0 0 29 2 *"_s << u"2096-03-01T00:00:00Z"_s << QStringList{u"2104-02-29T00:00:00Z"_s};
    QTest::newRow("feb 29 that is a sunday (AND rule)")
        << u"0 0 29 2 */7"_s << u"2026-01-01T00:00:00Z"_s
        << QStringList{u"2032-02-29T00:00:00Z"_s, u"2060-02-29T00:00:00Z"_s,
                       u"2088-02-29T00:00:00Z"_s};
    QTest::newRow("feb 30 never") << u"0 0 30 2 *"_s << u"2026-01-01T00:00:00Z"_s
                                  << QStringList{u"-1"_s};
    QTest::newRow("31st of 30-day months never")
        << u"0 0 31 4,6,9,11 *"_s << u"2026-01-01T00:00:00Z"_s << QStringList{u"-1"_s};
    QTest::newRow("feb 30 rescued by weekday (OR rule)")
        << u"0 0 30 2 MON"_s << u"2026-01-01T00:00:00Z"_s
        << QStringList{u"2026-02-02T00:00:00Z"_s, u"2026-02-09T00:00:00Z"_s};
    QTest::newRow("31st skips short months")
        << u"0 0 31 * *"_s << u"2026-01-31T00:00:00Z"_s
        << QStringList{u"2026-03-31T00:00:00Z"_s, u"2026-05-31T00:00:00Z"_s,
                       u"2026-07-31T00:00:00Z"_s, u"2026-08-31T00:00:00Z"_s};
    QTest::newRow("dom or dow: 13th or friday")
        << u"0 12 13 * FRI"_s << u"2026-02-01T00:00:00Z"_s
        << QStringList{u"2026-02-06T12:00:00Z"_s, u"2026-02-13T12:00:00Z"_s,
                       u"2026-02-20T12:00:00Z"_s, u"2026-02-27T12:00:00Z"_s,
                       u"2026-03-06T12:00:00Z"_s, u"2026-03-13T12:00:00Z"_s};
    QTest::newRow("dom only") << u"0 12 13 * *"_s << u"2026-02-01T00:00:00Z"_s
                              << QStringList{u"2026-02-13T12:00:00Z"_s, u"2026-03-13T12:00:00Z"_s};
    QTest::newRow("dow only") << u"0 12 * * FRI"_s << u"2026-02-01T00:00:00Z"_s
                              << QStringList{u"2026-02-06T12:00:00Z"_s, u"2026-02-13T12:00:00Z"_s};
    QTest::newRow("dom ? means unrestricted")
        << u"0 12 ? * FRI"_s << u"2026-02-01T00:00:00Z"_s
        << QStringList{u"2026-02-06T12:00:00Z"_s, u"2026-02-13T12:00:00Z"_s};
    QTest::newRow("dom star-step and dow: both must match")
        << u"0 0 */10 * MON"_s << u"2026-01-01T00:00:00Z"_s
        << QStringList{u"2026-05-11T00:00:00Z"_s, u"2026-06-01T00:00:00Z"_s,
                       u"2026-08-31T00:00:00Z"_s, u"2026-09-21T00:00:00Z"_s};
    QTest::newRow("sunday as 7") << u"0 9 * * 7"_s << u"2026-01-01T00:00:00Z"_s
                                 << QStringList{u"2026-01-04T09:00:00Z"_s,
                                                u"2026-01-11T09:00:00Z"_s};
    QTest::newRow("weekend names")
        << u"0 9 * * SAT,SUN"_s << u"2026-01-01T00:00:00Z"_s
        << QStringList{u"2026-01-03T09:00:00Z"_s, u"2026-01-04T09:00:00Z"_s,
                       u"2026-01-10T09:00:00Z"_s};
    QTest::newRow("month names") << u"0 0 1 jan,JUL *"_s << u"2026-01-01T00:00:00Z"_s
                                 << QStringList{u"2026-07-01T00:00:00Z"_s,
                                                u"2027-01-01T00:00:00Z"_s};
    QTest::newRow("@yearly") << u"@yearly"_s << u"2026-05-05T00:00:00Z"_s
                             << QStringList{u"2027-01-01T00:00:00Z"_s, u"2028-01-01T00:00:00Z"_s};
    QTest::newRow("@weekly") << u"@weekly"_s << u"2026-01-01T00:00:00Z"_s
                             << QStringList{u"2026-01-04T00:00:00Z"_s, u"2026-01-11T00:00:00Z"_s};
    QTest::newRow("before 1970") << u"0 0 1 1 *"_s << u"1969-06-01T00:00:00Z"_s
                                 << QStringList{u"1970-01-01T00:00:00Z"_s};

    // Zones: fields are matched on the zone's wall clock.
    QTest::newRow("New York 04:00, winter")
        << u"CRON_TZ=America/New_York 0 4 * * *"_s << u"2026-01-15T00:00:00Z"_s
        << QStringList{u"2026-01-15T09:00:00Z"_s, u"2026-01-16T09:00:00Z"_s};
    QTest::newRow("New York 04:00, summer")
        << u"CRON_TZ=America/New_York 0 4 * * *"_s << u"2026-07-15T00:00:00Z"_s
        << QStringList{u"2026-07-15T08:00:00Z"_s, u"2026-07-16T08:00:00Z"_s};
    QTest::newRow("TZ= prefix") << u"TZ=America/New_York 0 4 * * *"_s << u"2026-07-15T00:00:00Z"_s
                                << QStringList{u"2026-07-15T08:00:00Z"_s};
    QTest::newRow("Kolkata half-hour offset")
        << u"CRON_TZ=Asia/Kolkata 0 9 * * *"_s << u"2026-01-01T00:00:00Z"_s
        << QStringList{u"2026-01-01T03:30:00Z"_s, u"2026-01-02T03:30:00Z"_s};
    QTest::newRow("local day decides the weekday")
        << u"CRON_TZ=Asia/Kolkata 0 1 * * MON"_s << u"2026-01-01T00:00:00Z"_s
        << QStringList{u"2026-01-04T19:30:00Z"_s}; // Monday 01:00 IST = Sunday 19:30 UTC

    // America/New_York, 2026-03-08 02:00 EST -> 03:00 EDT: 02:30 does not exist that day.
    QTest::newRow("NY spring forward: 02:30 skipped")
        << u"CRON_TZ=America/New_York 30 2 * * *"_s << u"2026-03-07T12:00:00Z"_s
        << QStringList{u"2026-03-09T06:30:00Z"_s, u"2026-03-10T06:30:00Z"_s};
    QTest::newRow("NY spring forward: day before still fires")
        << u"CRON_TZ=America/New_York 30 2 * * *"_s << u"2026-03-06T12:00:00Z"_s
        << QStringList{u"2026-03-07T07:30:00Z"_s, u"2026-03-09T06:30:00Z"_s};
    QTest::newRow("NY spring forward: hourly is continuous")
        << u"CRON_TZ=America/New_York 0 * * * *"_s << u"2026-03-08T05:30:00Z"_s
        << QStringList{u"2026-03-08T06:00:00Z"_s, u"2026-03-08T07:00:00Z"_s,
                       u"2026-03-08T08:00:00Z"_s};
    QTest::newRow("NY spring forward: 01:59 then 03:00")
        << u"CRON_TZ=America/New_York 59,0 1-3 * * *"_s << u"2026-03-08T06:30:00Z"_s
        << QStringList{u"2026-03-08T06:59:00Z"_s, u"2026-03-08T07:00:00Z"_s,
                       u"2026-03-08T07:59:00Z"_s, u"2026-03-09T05:00:00Z"_s};
    // 2026-11-01 02:00 EDT -> 01:00 EST: 01:30 happens twice and fires at the first.
    QTest::newRow("NY fall back: 01:30 fires once")
        << u"CRON_TZ=America/New_York 30 1 * * *"_s << u"2026-10-31T12:00:00Z"_s
        << QStringList{u"2026-11-01T05:30:00Z"_s, u"2026-11-02T06:30:00Z"_s};
    QTest::newRow("NY fall back: start inside the repeat")
        << u"CRON_TZ=America/New_York 30 1 * * *"_s << u"2026-11-01T06:10:00Z"_s
        << QStringList{u"2026-11-02T06:30:00Z"_s};
    QTest::newRow("NY fall back: start between the two 01:30s")
        << u"CRON_TZ=America/New_York 30 1 * * *"_s << u"2026-11-01T05:30:00Z"_s
        << QStringList{u"2026-11-02T06:30:00Z"_s};
    QTest::newRow("NY fall back: hourly skips the repeat")
        << u"CRON_TZ=America/New_York 0 * * * *"_s << u"2026-11-01T04:30:00Z"_s
        << QStringList{u"2026-11-01T05:00:00Z"_s, u"2026-11-01T07:00:00Z"_s,
                       u"2026-11-01T08:00:00Z"_s};
    QTest::newRow("NY fall back: every 30 min in hour 1")
        << u"CRON_TZ=America/New_York */30 1 * * *"_s << u"2026-11-01T04:00:00Z"_s
        << QStringList{u"2026-11-01T05:00:00Z"_s, u"2026-11-01T05:30:00Z"_s,
                       u"2026-11-02T06:00:00Z"_s};
    // Europe/Berlin, 2026-03-29 02:00 CET -> 03:00 CEST and 2026-10-25 03:00 CEST -> 02:00 CET.
    QTest::newRow("Berlin spring forward: 02:30 skipped")
        << u"CRON_TZ=Europe/Berlin 30 2 * * *"_s << u"2026-03-28T12:00:00Z"_s
        << QStringList{u"2026-03-30T00:30:00Z"_s, u"2026-03-31T00:30:00Z"_s};
    QTest::newRow("Berlin spring forward: 03:00 fires")
        << u"CRON_TZ=Europe/Berlin 0 2,3 * * *"_s << u"2026-03-28T12:00:00Z"_s
        << QStringList{u"2026-03-29T01:00:00Z"_s, u"2026-03-30T00:00:00Z"_s,
                       u"2026-03-30T01:00:00Z"_s};
    QTest::newRow("Berlin fall back: 02:30 fires once")
        << u"CRON_TZ=Europe/Berlin 30 2 * * *"_s << u"2026-10-24T12:00:00Z"_s
        << QStringList{u"2026-10-25T00:30:00Z"_s, u"2026-10-26T01:30:00Z"_s};
    QTest::newRow("Berlin fall back: every 20 min 02:xx")
        << u"CRON_TZ=Europe/Berlin */20 2 * * *"_s << u"2026-10-24T23:00:00Z"_s
        << QStringList{u"2026-10-25T00:00:00Z"_s, u"2026-10-25T00:20:00Z"_s,
                       u"2026-10-25T00:40:00Z"_s, u"2026-10-26T01:00:00Z"_s};
}

void tst_Cron::nextAfter()
{
    QFETCH(QString, expr);
    QFETCH(QString, start);
    QFETCH(QStringList, expected);
    PARSE_OR_FAIL(cron, expr);
    qint64 t = utcMs(start);
    QStringList actual;
    for (qsizetype i = 0; i < expected.size(); ++i) {
        t = cron.nextAfter(t);
        actual.append(isoUtc(t));
        if (t < 0)
            break;
        QCOMPARE(t % 60000, 0);
    }
    QCOMPARE(actual, expected);
}

void tst_Cron::matchesLocal()
{
    PARSE_OR_FAIL(cron, u"CRON_TZ=America/New_York 30 2 13 * FRI"_s);
    QVERIFY(cron.matchesLocal(QDate(2026, 3, 13), 2, 30)); // both
    QVERIFY(cron.matchesLocal(QDate(2026, 3, 6), 2, 30));  // Friday only
    QVERIFY(cron.matchesLocal(QDate(2026, 4, 13), 2, 30)); // 13th only
    // Matched on the wall clock even where the time does not exist (spring-forward day).
    QVERIFY(!cron.matchesLocal(QDate(2026, 3, 8), 2, 30)); // Sunday the 8th
    QVERIFY(!cron.matchesLocal(QDate(2026, 3, 13), 2, 31));
    QVERIFY(!cron.matchesLocal(QDate(2026, 3, 13), 3, 30));
    QVERIFY(!cron.matchesLocal(QDate(), 2, 30));
}

void tst_Cron::defaultNeverFires()
{
    const CronExpression cron;
    QCOMPARE(cron.nextAfter(0), -1);
    // Extreme starts neither overflow nor search forever.
    PARSE_OR_FAIL(every, u"* * * * *"_s);
    QCOMPARE(every.nextAfter(std::numeric_limits<qint64>::max()), -1);
    QCOMPARE(every.nextAfter(std::numeric_limits<qint64>::min()), utcMs(u"0001-01-01T00:01:00Z"_s));
    QCOMPARE(cron.timeZoneId(), u"UTC"_s);
    QVERIFY(!cron.matchesLocal(QDate(2026, 1, 1), 0, 0));
}

void tst_Cron::bruteForceAgreement_data()
{
    QTest::addColumn<QString>("expr");
    QTest::addColumn<QString>("from"); // UTC ISO; brute force walks 4 days from here

    const QString zones[] = {u""_s, u"CRON_TZ=America/New_York "_s, u"CRON_TZ=Europe/Berlin "_s,
                             u"CRON_TZ=Asia/Kolkata "_s};
    const QString windows[] = {u"2026-03-06T00:00:00Z"_s, u"2026-03-27T00:00:00Z"_s,
                               u"2026-10-23T00:00:00Z"_s, u"2026-10-30T00:00:00Z"_s,
                               u"2028-02-27T00:00:00Z"_s};
    const QString bodies[] = {u"* * * * *"_s,           u"*/7 * * * *"_s,
                              u"0,30 1-3 * * *"_s,      u"15 */2 * * *"_s,
                              u"59 1,2 * * *"_s,        u"0 0 * * *"_s,
                              u"*/13 2 * * SUN"_s,      u"5 3 8,25,29 * SUN"_s,
                              u"45 23 * 2,3,10,11 0"_s, u"0-10/5 0-4 */2 * *"_s};
    for (const QString &zone : zones) {
        for (const QString &window : windows) {
            for (const QString &body : bodies) {
                const QString text = zone + body;
                QTest::addRow("%s | %s", qPrintable(text), qPrintable(window.left(10)))
                    << text << window;
            }
        }
    }
}

void tst_Cron::bruteForceAgreement()
{
    // An independent oracle: every UTC minute of the window, mapped to the zone's wall clock.
    QFETCH(QString, expr);
    QFETCH(QString, from);
    PARSE_OR_FAIL(cron, expr);
    const QTimeZone zone = cron.timeZone();
    const qint64 startSecs = utcMs(from) / 1000;
    const qint64 endSecs = startSecs + 4 * 86400;
    QList<qint64> brute;
    for (qint64 s = startSecs + 60; s <= endSecs; s += 60) {
        if (bruteForceFires(cron, zone, s))
            brute.append(s * 1000);
    }
    QList<qint64> ours;
    for (qint64 t = cron.nextAfter(startSecs * 1000); t >= 0 && t <= endSecs * 1000;
         t = cron.nextAfter(t))
        ours.append(t);
    QCOMPARE(ours, brute);
}

void tst_Cron::efficientOnSparseSchedules()
{
    // The search skips by month and day, so even schedules that fire rarely (or never) stay cheap.
    const QStringList exprs = {u"0 0 29 2 */7"_s, u"CRON_TZ=America/New_York 59 23 29 2 *"_s,
                               u"0 0 31 4,6,9,11 *"_s, u"CRON_TZ=Europe/Berlin 30 2 * * *"_s};
    QRandomGenerator rng(42);
    QElapsedTimer timer;
    timer.start();
    int calls = 0;
    for (const QString &text : exprs) {
        PARSE_OR_FAIL(cron, text);
        for (int i = 0; i < 2000; ++i) {
            const qint64 start = 1'700'000'000'000 + qint64(rng.bounded(3'000'000)) * 100'000;
            (void)cron.nextAfter(start);
            ++calls;
        }
    }
    const qint64 elapsed = timer.elapsed();
    qInfo("%d nextAfter calls on sparse schedules in %lld ms", calls, elapsed);
    // Generous: a minute-by-minute scan would take minutes here; the skip search takes well under 1
    // s.
    QVERIFY2(elapsed < 20'000, qPrintable(QString::number(elapsed)));
}

QTEST_GUILESS_MAIN(tst_Cron)
#include "tst_cron.moc"
