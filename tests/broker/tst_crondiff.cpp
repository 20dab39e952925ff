// Differential test: Broker::CronExpression against the npm cron-parser package (pinned in
// cron-diff/package-lock.json) on >= 10,000 random valid expressions from several start instants.
// cron-parser is only the oracle here: it is never shipped. Where the two disagree by design the
// filter below says why; any other difference fails the test.
//
// Needs `npm ci` in CRON_DIFF_DIR (otherwise the test skips) and node (env NODE, else PATH).

#include "scheduling/cron.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimeZone>

#include <algorithm>

#ifndef CRON_DIFF_DIR
#error "CRON_DIFF_DIR must name the folder holding gen.mjs and package.json"
#endif

using namespace Qt::StringLiterals;
using Broker::CronExpression;

namespace {

constexpr int kExpressionCount = 10'000;
constexpr int kFiresPerStart = 5;
constexpr quint32 kSeed = 20260308; // fixed: the same expressions on every run and machine

struct Generated
{
    QString text;
    QString dom; // raw day fields, for the day-rule classification below
    QString dow;
};

// Random, valid, cron-parser-compatible expressions. cron-parser rejects a list whose items
// overlap ("1,1-3", "0,7"), which Vixie cron and we accept; the generator never produces one so
// that every expression is valid for both sides.
class ExpressionGenerator
{
public:
    explicit ExpressionGenerator(quint32 seed)
        : m_rng(seed)
    {}

    Generated next()
    {
        if (chance(1)) { // descriptors both sides know (cron-parser lacks @midnight)
            static const QString kDescriptors[] = {u"@yearly"_s, u"@annually"_s, u"@monthly"_s,
                                                   u"@weekly"_s, u"@daily"_s,    u"@hourly"_s};
            const QString d = kDescriptors[m_rng.bounded(6)];
            const bool weekly = d == u"@weekly";
            return {zonePrefix() + d, weekly ? u"*"_s : u"1"_s, weekly ? u"0"_s : u"*"_s};
        }
        const QString minute = field(kMinute, 20);
        const QString hour = field(kHour, 25);
        const QString month = field(kMonth, 50);
        QString dom;
        QString dow;
        const int mode = int(m_rng.bounded(100));
        if (mode < 30) { // weekday schedules
            dom = unrestricted();
            dow = field(kDow, 0);
        } else if (mode < 55) { // day-of-month schedules
            dom = field(kDom, 0);
            dow = unrestricted();
        } else if (mode < 85) { // both restricted: the OR rule
            dom = field(kDom, 0);
            dow = field(kDow, 0);
        } else {
            dom = unrestricted();
            dow = unrestricted();
        }
        const QString sep = chance(5) ? u" \t "_s : u" "_s;
        return {zonePrefix() + minute + sep + hour + u' ' + dom + u' ' + month + sep + dow, dom,
                dow};
    }

private:
    struct Spec
    {
        int min;
        int max;
        const char16_t *const *names; // value min+i, or nullptr
        int nameCount;
        bool dayOfWeek;
    };
    static constexpr const char16_t *kMonthNames[] = {u"JAN", u"FEB", u"MAR", u"APR",
                                                      u"MAY", u"JUN", u"JUL", u"AUG",
                                                      u"SEP", u"OCT", u"NOV", u"DEC"};
    static constexpr const char16_t *kDayNames[] = {u"SUN", u"MON", u"TUE", u"WED",
                                                    u"THU", u"FRI", u"SAT"};
    static constexpr Spec kMinute{0, 59, nullptr, 0, false};
    static constexpr Spec kHour{0, 23, nullptr, 0, false};
    static constexpr Spec kDom{1, 31, nullptr, 0, false};
    static constexpr Spec kMonth{1, 12, kMonthNames, 12, false};
    static constexpr Spec kDow{0, 7, kDayNames, 7, true};

    bool chance(int percent) { return int(m_rng.bounded(100)) < percent; }
    int between(int lo, int hi) { return lo + int(m_rng.bounded(hi - lo + 1)); }

    QString zonePrefix()
    {
        const int r = int(m_rng.bounded(100));
        if (r < 55)
            return {};
        static const QString kZones[] = {u"America/New_York"_s, u"Europe/Berlin"_s,
                                         u"Asia/Kolkata"_s};
        return (chance(85) ? u"CRON_TZ="_s : u"TZ="_s) + kZones[r % 3] + u' ';
    }

    QString unrestricted() { return chance(80) ? u"*"_s : u"?"_s; }

    QString value(const Spec &spec, int v)
    {
        const int index = v - spec.min;
        if (!spec.names || index >= spec.nameCount || !chance(35))
            return QString::number(v);
        const QString name = QString::fromUtf16(spec.names[index]);
        switch (m_rng.bounded(3)) {
        case 0:
            return name;
        case 1:
            return name.toLower();
        default:
            return name.left(1) + name.mid(1).toLower();
        }
    }

    // One list item and the values it selects (day-of-week folded onto 0-6).
    QString item(const Spec &spec, quint64 *bits)
    {
        int lo = spec.min;
        int hi = spec.max;
        int step = 1;
        QString text;
        const int kind = int(m_rng.bounded(100));
        const int span = spec.max - spec.min + 1;
        if (kind < 40) {
            lo = hi = between(spec.min, spec.max);
            text = value(spec, lo);
        } else if (kind < 60) {
            lo = between(spec.min, spec.max);
            hi = between(lo, spec.max);
            text = value(spec, lo) + u'-' + value(spec, hi);
        } else if (kind < 75) {
            step = between(1, std::max(2, span / 2));
            text = u"*/"_s + QString::number(step);
        } else if (kind < 90) {
            lo = between(spec.min, spec.max);
            hi = between(lo, spec.max);
            step = between(1, hi - lo + 1);
            text = value(spec, lo) + u'-' + value(spec, hi) + u'/' + QString::number(step);
        } else {
            lo = between(spec.min, spec.max);
            step = between(1, std::max(1, (spec.max - lo + 1)));
            text = value(spec, lo) + u'/' + QString::number(step);
        }
        *bits = 0;
        for (int v = lo; v <= hi; v += step)
            *bits |= quint64(1) << (spec.dayOfWeek ? v % 7 : v);
        return text;
    }

    QString field(const Spec &spec, int starPercent)
    {
        if (chance(starPercent))
            return u"*"_s;
        const int wanted = chance(65) ? 1 : (chance(70) ? 2 : 3);
        QStringList items;
        quint64 used = 0;
        for (int tries = 0; items.size() < wanted && tries < 20; ++tries) {
            quint64 bits = 0;
            const QString text = item(spec, &bits);
            if (bits & used)
                continue; // overlapping items: cron-parser would reject the duplicate values
            used |= bits;
            items.append(text);
        }
        return items.join(u',');
    }

    QRandomGenerator m_rng;
};

struct Oracle
{
    bool error = false;
    QString message;
    QList<qint64> fires;
};

qint64 utcMs(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

QString describe(qint64 ms, const QTimeZone &zone)
{
    if (ms < 0)
        return u"-1"_s;
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    return utc.toString(Qt::ISODate) + u" ("_s +
           utc.toTimeZone(zone).toString(u"yyyy-MM-dd HH:mm t"_s) + u')';
}

bool isStar(const QString &field)
{
    return field == u"*" || field == u"?";
}

// cron-parser, asked for a wall-clock time that a spring-forward gap skips, fires at the same
// minute of the hour the clock lands in (02:30 -> 03:30 in New York on 2026-03-08). Our contract
// is to skip a wall-clock time that does not exist (no fire that day for that time). So a fire of
// theirs that our fields do NOT match, in the hour after a DST gap, whose wall-clock time shifted
// back by the gap DOES match our fields, is that substitution.
bool isGapSubstitution(const CronExpression &cron, qint64 ms)
{
    const QTimeZone zone = cron.timeZone();
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms, zone);
    if (cron.matchesLocal(at.date(), at.time().hour(), at.time().minute()))
        return false;
    const int offsetNow = zone.offsetFromUtc(at);
    const int offsetHourAgo =
        zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(ms - 3'600'000, QTimeZone::utc()));
    const int gap = offsetNow - offsetHourAgo;
    if (gap <= 0)
        return false;
    const QDateTime skippedWall =
        QDateTime::fromSecsSinceEpoch(ms / 1000 + offsetNow - gap, Qt::UTC);
    return cron.matchesLocal(skippedWall.date(), skippedWall.time().hour(),
                             skippedWall.time().minute());
}

// cron-parser fires again in the second pass of a repeated (fall-back) hour whenever its hour
// field lets it walk into that hour ("*/10 * * * *", "32 * * * *"; though not "30 1 * * *"). The
// brief wants each wall-clock time to fire once, at its first occurrence, so we never fire in the
// second pass. A fire of theirs whose wall-clock time the zone already showed earlier (the offset
// dropped by D and the instant D before shows the same time) is such a repeat.
bool isFallBackRepeat(const QTimeZone &zone, qint64 ms)
{
    const auto offsetAt = [&](qint64 at) {
        return zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(at, QTimeZone::utc()));
    };
    const int offsetNow = offsetAt(ms);
    const int drop = offsetAt(ms - 86'400'000) - offsetNow;
    return drop > 0 && offsetAt(ms - qint64(drop) * 1000) == offsetNow + drop;
}

} // namespace

class tst_CronDiff : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void generatorIsDeterministic();
    void againstCronParser();

private:
    QList<Oracle> runOracle(const QList<Generated> &exprs, const QList<qint64> &starts);

    QString m_node;
    QString m_dir;
};

void tst_CronDiff::initTestCase()
{
    m_dir = QDir::cleanPath(QStringLiteral(CRON_DIFF_DIR));
    if (!QFileInfo::exists(m_dir + u"/node_modules/cron-parser/package.json"_s))
        QSKIP(qPrintable(u"cron-parser is not installed in "_s + m_dir +
                         u": run `npm ci` there to enable the differential cron test"_s));
    m_node = qEnvironmentVariable("NODE");
    if (m_node.isEmpty())
        m_node = QStandardPaths::findExecutable(u"node"_s);
    if (m_node.isEmpty())
        QSKIP("node not found (set NODE or put node on PATH) for the differential cron test");
}

void tst_CronDiff::generatorIsDeterministic()
{
    ExpressionGenerator a(kSeed);
    ExpressionGenerator b(kSeed);
    for (int i = 0; i < 200; ++i)
        QCOMPARE(a.next().text, b.next().text);
}

QList<Oracle> tst_CronDiff::runOracle(const QList<Generated> &exprs, const QList<qint64> &starts)
{
    QTemporaryDir tmp;
    if (!tmp.isValid())
        return {};
    QStringList startArgs;
    for (qint64 s : starts)
        startArgs.append(QString::number(s));

    // cron-parser (via luxon/Intl) needs ~0.5 ms per expression and start; split the list over a
    // few node processes so the test stays well inside QTest's watchdog.
    const int chunks = std::clamp(QThread::idealThreadCount(), 1, 4);
    const qsizetype perChunk = (exprs.size() + chunks - 1) / chunks;
    QList<QProcess *> procs;
    for (int c = 0; c < chunks; ++c) {
        const QString path = tmp.filePath(u"exprs-%1.txt"_s.arg(c));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        for (qsizetype i = c * perChunk; i < std::min(exprs.size(), (c + 1) * perChunk); ++i)
            file.write(exprs[i].text.toUtf8() + '\n');
        file.close();
        auto *proc = new QProcess(this);
        proc->setWorkingDirectory(m_dir);
        proc->start(m_node, {m_dir + u"/gen.mjs"_s, u"--count="_s + QString::number(kFiresPerStart),
                             u"--starts="_s + startArgs.join(u','), path});
        procs.append(proc);
    }

    QList<Oracle> results(exprs.size() * starts.size());
    bool ok = true;
    for (int c = 0; c < chunks; ++c) {
        QProcess *proc = procs[c];
        const bool finished = proc->waitForFinished(240'000);
        const QByteArray out = proc->readAllStandardOutput();
        const QByteArray err = proc->readAllStandardError();
        if (!finished || proc->exitStatus() != QProcess::NormalExit || proc->exitCode() != 0) {
            qWarning("gen.mjs chunk %d failed (%s %s): %s", c, qPrintable(m_node),
                     qPrintable(proc->errorString()), err.constData());
            ok = false;
            continue;
        }
        for (const QByteArray &line : out.split('\n')) {
            if (line.isEmpty())
                continue;
            const QList<QByteArray> parts = line.split(' ');
            const qsizetype exprIndex = c * perChunk + parts.value(0).toLongLong();
            const qsizetype startIndex = parts.value(1).toLongLong();
            Oracle &o = results[exprIndex * starts.size() + startIndex];
            if (parts.value(2) == "ERR") {
                o.error = true;
                o.message = QString::fromUtf8(line.mid(line.indexOf(" ERR ") + 5));
            } else {
                for (qsizetype i = 3; i < parts.size(); ++i)
                    o.fires.append(parts[i].toLongLong());
            }
        }
    }
    qDeleteAll(procs);
    return ok ? results : QList<Oracle>{};
}

void tst_CronDiff::againstCronParser()
{
    ExpressionGenerator gen(kSeed);
    QList<Generated> exprs;
    QList<CronExpression> ours;
    while (exprs.size() < kExpressionCount) {
        const Generated g = gen.next();
        const auto parsed = CronExpression::parse(g.text);
        QVERIFY2(parsed.ok(),
                 qPrintable(g.text + u": "_s + (parsed.ok() ? QString() : parsed.error().message)));
        exprs.append(g);
        ours.append(parsed.value());
    }

    // Plain days plus the instants around every DST change of the zones in play, a leap day and a
    // year end; two of them are not on a whole second.
    const QList<qint64> starts = {
        utcMs("2026-01-01T00:00:00Z"),
        utcMs("2026-03-08T06:30:00Z"),     // New York 01:30 EST, spring forward at 02:00
        utcMs("2026-03-29T00:30:00Z"),     // Berlin 01:30 CET, spring forward at 02:00
        utcMs("2026-10-25T00:15:00Z"),     // Berlin 02:15 CEST, first of the repeated hour
        utcMs("2026-11-01T05:45:00Z"),     // New York 01:45 EDT, first of the repeated hour
        utcMs("2026-11-01T06:15:00Z"),     // New York 01:15 EST, second of the repeated hour
        utcMs("2028-02-28T12:34:56.789Z"), // leap year
        utcMs("2031-12-31T23:59:59.500Z"), // year end, half a second before midnight
    };

    const QList<Oracle> oracle = runOracle(exprs, starts);
    QVERIFY2(!oracle.isEmpty(), "running gen.mjs failed (see warnings)");

    qint64 firesComparedExactly = 0; // one of ours equal to the one of theirs at the same position
    qint64 firesCheckedInWindow = 0; // day-rule rows: ours vs theirs passing our day rule
    qint64 bothNeverFire = 0;
    qint64 gapSubstitutionsFiltered = 0;
    qint64 fallBackRepeatsFiltered = 0;
    qint64 oracleGaveUpEarly = 0;
    qint64 dayRuleRows = 0;
    QStringList failures;

    for (qsizetype e = 0; e < exprs.size(); ++e) {
        const CronExpression &cron = ours[e];
        const QTimeZone zone = cron.timeZone();
        // Vixie cron (and the brief) apply the OR rule only when neither day field starts with
        // '*'; cron-parser ORs whenever neither is exactly '*' or '?'. They part on "*/n": with
        // "0 0 */2 * MON" we fire on odd days that are Mondays, cron-parser on odd days or
        // Mondays. Ours is then a subset of theirs, which is what is checked for those rows.
        const auto starPrefixed = [](const QString &f) {
            return f.startsWith(u'*') || f.startsWith(u'?');
        };
        const bool ourUnion = !starPrefixed(exprs[e].dom) && !starPrefixed(exprs[e].dow);
        const bool theirUnion = !isStar(exprs[e].dom) && !isStar(exprs[e].dow);
        QCOMPARE(cron.dayMatchIsUnion(), ourUnion);
        const bool dayRuleDiffers = theirUnion && !ourUnion;
        for (qsizetype s = 0; s < starts.size(); ++s) {
            const Oracle &theirs = oracle[e * starts.size() + s];
            QList<qint64> mine;
            for (qint64 t = starts[s]; mine.size() < kFiresPerStart;) {
                t = cron.nextAfter(t);
                if (t < 0)
                    break;
                mine.append(t);
            }
            const auto fail = [&](const QString &why) {
                QStringList a;
                QStringList b;
                for (qint64 t : mine)
                    a.append(describe(t, zone));
                for (qint64 t : theirs.fires)
                    b.append(describe(t, zone));
                failures.append(u"'"_s + exprs[e].text + u"' after "_s + describe(starts[s], zone) +
                                u": "_s + why + u"\n    ours:   "_s + a.join(u", "_s) +
                                u"\n    theirs: "_s +
                                (theirs.error ? theirs.message : b.join(u", "_s)));
            };

            if (theirs.error) {
                // cron-parser refuses an expression that can never fire; we accept it and return
                // -1, which is the same answer.
                if (theirs.message == u"Invalid explicit day of month definition" && mine.isEmpty())
                    ++bothNeverFire;
                else
                    fail(u"cron-parser rejected it"_s);
                continue;
            }

            // Drop their fires that the documented DST differences explain; ours must then equal
            // what is left, position by position (theirs is shorter, so a prefix of ours).
            QList<qint64> filtered;
            for (qint64 t : theirs.fires) {
                if (isGapSubstitution(cron, t))
                    ++gapSubstitutionsFiltered;
                else if (isFallBackRepeat(zone, t))
                    ++fallBackRepeatsFiltered;
                else
                    filtered.append(t);
            }
            if (theirs.fires.size() < kFiresPerStart)
                ++oracleGaveUpEarly; // cron-parser's 10,000-step loop limit; compare what it gave

            if (dayRuleDiffers) {
                // Their OR is a superset of our AND, so on the stretch their fires cover, ours
                // must be exactly those of theirs that also pass our day rule.
                ++dayRuleRows;
                QList<qint64> theirsByOurRule;
                for (qint64 t : filtered) {
                    const QDateTime wall = QDateTime::fromMSecsSinceEpoch(t, zone);
                    if (cron.matchesLocal(wall.date(), wall.time().hour(), wall.time().minute()))
                        theirsByOurRule.append(t);
                }
                QList<qint64> oursInWindow;
                for (qint64 t : mine) {
                    if (!filtered.isEmpty() && t <= filtered.last())
                        oursInWindow.append(t);
                }
                if (oursInWindow != theirsByOurRule)
                    fail(u"ours is not their fires restricted to our day rule"_s);
                else
                    firesCheckedInWindow += oursInWindow.size();
                continue;
            }

            if (mine.size() < filtered.size()) {
                fail(u"we ran out of fires"_s);
                continue;
            }
            if (mine.mid(0, filtered.size()) != filtered) {
                fail(u"fire times differ"_s);
                continue;
            }
            firesComparedExactly += filtered.size();
        }
    }

    qInfo("%lld expressions x %lld start instants x up to %d fires", qint64(exprs.size()),
          qint64(starts.size()), kFiresPerStart);
    qInfo("fire times compared exactly: %lld", firesComparedExactly);
    qInfo("fire times compared within cron-parser's window (dom/dow '*/n' rule, %lld rows): %lld",
          dayRuleRows, firesCheckedInWindow);
    qInfo("rows where both never fire (cron-parser: invalid day of month): %lld", bothNeverFire);
    qInfo("cron-parser DST-gap substitutions filtered: %lld", gapSubstitutionsFiltered);
    qInfo("cron-parser second-pass fires in a repeated hour filtered: %lld",
          fallBackRepeatsFiltered);
    qInfo("rows where cron-parser gave fewer than %d fires: %lld", kFiresPerStart,
          oracleGaveUpEarly);
    if (!failures.isEmpty()) {
        qWarning("%lld unexplained differences; first ones:", qint64(failures.size()));
        for (const QString &f : failures.mid(0, 25))
            qWarning("%s", qPrintable(f));
    }
    QCOMPARE(failures.size(), 0);
    QVERIFY(firesComparedExactly >= qint64(kExpressionCount) * kFiresPerStart);
}

QTEST_GUILESS_MAIN(tst_CronDiff)
#include "tst_crondiff.moc"
