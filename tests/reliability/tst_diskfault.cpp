// Disk faults: a database that cannot grow (PRAGMA max_page_count on the broker's own connection,
// as a full disk), writes refused while an attempt is in flight, and a read-only data directory.
// Publishes are refused with a 5xx JSON error; nothing is acknowledged that was not stored;
// nothing already stored is lost; and the broker recovers, without a restart, when space returns.
// A damaged database, or one from a newer version, is refused at start with a way out.

#include "apiclient.h"
#include "brokerprocess.h"
#include "httpsink.h"
#include "store/writebatcher.h"
#include "testbroker.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace TestSupport;
using namespace Reliability;

namespace {

// The broker's write connection lives in this thread (TestBroker), so the test can reach it.
QSqlDatabase brokerConnection()
{
    for (const QString &name : QSqlDatabase::connectionNames()) {
        if (name.startsWith(QStringLiteral("localstash-broker-"))) {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isOpen())
                return db;
        }
    }
    return {};
}

qint64 pragma(const QString &sql)
{
    QSqlQuery q(brokerConnection());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

bool exec(const QString &sql)
{
    QSqlQuery q(brokerConnection());
    return q.exec(sql);
}

bool isRefusal(const ApiResponse &r)
{
    return r.status >= 500 && r.status < 600 &&
           !r.json().value(QStringLiteral("error")).toString().isEmpty() &&
           !r.json().contains(QStringLiteral("messageId"));
}

QString id(const ApiResponse &r)
{
    return r.json().value(QStringLiteral("messageId")).toString();
}

int eventsIn(ApiClient &api, const QString &messageId, const char *state)
{
    return int(api.get(QStringLiteral("/v2/events?messageId=%1&state=%2")
                           .arg(messageId, QLatin1String(state)))
                   .json()
                   .value(QStringLiteral("events"))
                   .toArray()
                   .size());
}

} // namespace

class tst_DiskFault : public QObject
{
    Q_OBJECT
private slots:
    void fullDatabaseRefusesAndRecovers();
    void refusedOutcomeIsStoredWhenWritesReturn();
    void readOnlyDataDirectory();
    void damagedOrNewerDatabaseRefusedAtStart();
};

void tst_DiskFault::fullDatabaseRefusesAndRecovers()
{
    HttpSink sink;
    QVERIFY(sink.start());
    TestBroker broker;
    QVERIFY(broker.start().ok());
    ApiClient api(broker.baseUrl(), broker.token());

    QSet<QString> acked;
    for (int i = 0; i < 3; ++i) {
        const auto r = api.publish(sink.url(QStringLiteral("/early/%1").arg(i)), "early",
                                   {{"Upstash-Delay", "1h"}});
        QCOMPARE(r.status, 200);
        acked.insert(id(r));
    }
    const QString keysBefore = QString::fromUtf8(api.get(QStringLiteral("/v2/keys")).body);

    // The disk fills up: the database may grow by a few pages, then no more.
    QVERIFY(brokerConnection().isValid());
    const qint64 pages = pragma(QStringLiteral("PRAGMA page_count"));
    QVERIFY(pages > 0);
    QCOMPARE(pragma(QStringLiteral("PRAGMA max_page_count = %1").arg(pages + 8)), pages + 8);
    // Publish until even small messages no longer fit (bounded): each is acknowledged or refused.
    int refused = 0;
    const QByteArray body(4096, 'f');
    for (const int size : {4096, 512, 16}) {
        int consecutive = 0;
        for (int i = 0; i < 400 && consecutive < 5; ++i) {
            const auto r = api.publish(sink.url(QStringLiteral("/fill/%1/%2").arg(size).arg(i)),
                                       QByteArray(size, 'f'), {{"Upstash-Delay", "1h"}});
            if (r.status == 200) {
                acked.insert(id(r));
                consecutive = 0;
                continue;
            }
            QVERIFY2(isRefusal(r),
                     qPrintable(QString::number(r.status) + QString::fromUtf8(r.body)));
            QVERIFY2(r.json()
                         .value(QStringLiteral("error"))
                         .toString()
                         .contains(QStringLiteral("not stored")),
                     r.body.constData());
            ++refused;
            ++consecutive;
        }
        QCOMPARE(consecutive, 5);
    }
    qInfo("full database: %d publishes acknowledged, %d refused with 5xx", int(acked.size()),
          refused);

    // Other writes: refused with a 5xx JSON error, or (if they still fit) really stored.
    const QString big = QString(QLatin1String(body));
    const auto batch = api.send("POST", QStringLiteral("/v2/batch"),
                                QStringLiteral(R"([{"destination":"%1","body":"%2"}])")
                                    .arg(sink.url(QStringLiteral("/batch")), big)
                                    .toUtf8());
    const auto enqueued = api.send(
        "POST", QStringLiteral("/v2/enqueue/fullq/") + sink.url(QStringLiteral("/q")), body);
    const auto schedule =
        api.send("POST", QStringLiteral("/v2/schedules/") + sink.url(QStringLiteral("/s")), body,
                 {{"Upstash-Cron", "0 0 1 1 *"}, {"Upstash-Schedule-Id", "full-schedule"}});
    for (const ApiResponse *r : {&batch, &enqueued, &schedule})
        QVERIFY2(r->status == 200 || isRefusal(*r),
                 qPrintable(QString::number(r->status) + QString::fromUtf8(r->body)));
    if (batch.status == 200)
        acked.insert(
            batch.jsonArray().at(0).toObject().value(QStringLiteral("messageId")).toString());
    if (enqueued.status == 200)
        acked.insert(id(enqueued));
    const int scheduleStatus = api.get(QStringLiteral("/v2/schedules/full-schedule")).status;
    QCOMPARE(scheduleStatus, schedule.status == 200 ? 200 : 404);
    qInfo("full database: batch %d, enqueue %d, schedule %d", batch.status, enqueued.status,
          schedule.status);
    QCOMPARE(QString::fromUtf8(api.get(QStringLiteral("/v2/keys")).body), keysBefore);
    for (const QString &m : std::as_const(acked))
        QCOMPARE(api.get(QStringLiteral("/v2/messages/") + m).status, 200);

    // Space returns: publishing works again at once, without a restart.
    QVERIFY(pragma(QStringLiteral("PRAGMA max_page_count = 1073741823")) > pages);
    const auto after = api.publish(sink.url(QStringLiteral("/after")), body);
    QCOMPARE(after.status, 200);
    QVERIFY(sink.waitFor(1, QStringLiteral("/after")));

    // Nothing acknowledged was lost, nothing refused was stored: count the rows.
    broker.service().batcher()->flush();
    {
        QSqlQuery q(brokerConnection());
        QVERIFY(q.exec(QStringLiteral("SELECT id FROM messages")));
        QSet<QString> stored;
        while (q.next())
            stored.insert(q.value(0).toString());
        QCOMPARE(stored.size(), acked.size() + 1);
        QVERIFY(stored.contains(acked));
        QCOMPARE(pragma(QStringLiteral("SELECT COUNT(*) FROM dedup")), 0);
        QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
    }

    // And all of it is delivered, across a restart too.
    QVERIFY(broker.restart().ok());
    ApiClient again(broker.baseUrl(), broker.token());
    QCOMPARE(again.get(QStringLiteral("/v2/schedules/full-schedule")).status, scheduleStatus);
    broker.clock().advance(3'600'000);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QSet<QString> seen;
            for (const ReceivedRequest &r : sink.requests())
                seen.insert(QString::fromLatin1(r.header("upstash-message-id")));
            return seen.contains(acked);
        }(),
        30000);
}

void tst_DiskFault::refusedOutcomeIsStoredWhenWritesReturn()
{
    // An attempt finishes while the database refuses writes: its outcome cannot be stored. When
    // writes work again the broker records it (and schedules the retry) by itself: no restart,
    // and no second delivery of an attempt that already succeeded.
    HttpSink sink;
    QVERIFY(sink.start());
    sink.respondTimes(QStringLiteral("/fails-once"), 1, SinkResponse{500, {}, "no", 0});
    TestBroker broker;
    QVERIFY(broker.start().ok());
    ApiClient api(broker.baseUrl(), broker.token());
    const QString retrying = id(api.publish(sink.url(QStringLiteral("/fails-once")), "r",
                                            {{"Upstash-Delay", "1m"}, {"Upstash-Retries", "3"}}));
    const QString succeeding =
        id(api.publish(sink.url(QStringLiteral("/ok")), "s", {{"Upstash-Delay", "1m"}}));
    QVERIFY(!retrying.isEmpty() && !succeeding.isEmpty());

    QVERIFY(exec(QStringLiteral("PRAGMA query_only=1")));
    broker.clock().advance(60'000);
    QVERIFY(sink.waitFor(1, QStringLiteral("/fails-once")));
    QVERIFY(sink.waitFor(1, QStringLiteral("/ok")));
    const auto counts = [&](const char *state) {
        return broker.service().counts().value(QLatin1String(state)).toLongLong();
    };
    QTRY_COMPARE(counts("RETRY") + counts("DELIVERED"), 2);
    broker.service().batcher()->flush(); // the outcome writes run now, and fail
    QCOMPARE(eventsIn(api, succeeding, "DELIVERED"), 0);

    QVERIFY(exec(QStringLiteral("PRAGMA query_only=0")));
    QTRY_COMPARE_WITH_TIMEOUT(eventsIn(api, succeeding, "DELIVERED"), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(eventsIn(api, retrying, "RETRY"), 1, 10000);
    broker.clock().advance(60'000);
    QVERIFY(sink.waitFor(2, QStringLiteral("/fails-once")));
    QTRY_COMPARE_WITH_TIMEOUT(eventsIn(api, retrying, "DELIVERED"), 1, 10000);
    QCOMPARE(api.get(QStringLiteral("/v2/keys")).status, 200); // a full round trip later
    QCOMPARE(sink.countTo(QStringLiteral("/ok")), 1);
}

void tst_DiskFault::readOnlyDataDirectory()
{
    // Root ignores file modes, so as root the broker runs as `nobody` through setpriv.
    QStringList wrapper;
    QTemporaryDir dir;
    const bool root = ::geteuid() == 0;
    if (root) {
        if (QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
            QSKIP("running as root without setpriv: cannot make a directory read-only");
        wrapper = {QStringLiteral("setpriv"), QStringLiteral("--reuid=65534"),
                   QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups")};
        QCOMPARE(::chown(QFile::encodeName(dir.path()).constData(), 65534, 65534), 0);
    }
    const auto setWritable = [&](bool writable) {
        QDirIterator it(dir.path(), QDir::Files);
        while (it.hasNext())
            ::chmod(QFile::encodeName(it.next()).constData(), writable ? 0644 : 0444);
        ::chmod(QFile::encodeName(dir.path()).constData(), writable ? 0755 : 0555);
    };
    HttpSink sink;
    QVERIFY(sink.start());
    BrokerProcess broker(dir.path());
    broker.setWrapper(wrapper);
    QString base = broker.start();
    QVERIFY2(!base.isEmpty(), qPrintable(broker.output()));
    QString kept;
    {
        ApiClient api(base, BrokerProcess::devToken());
        const auto r =
            api.publish(sink.url(QStringLiteral("/kept")), "kept", {{"Upstash-Delay", "3s"}});
        QCOMPARE(r.status, 200);
        kept = id(r);
    }
    QVERIFY(broker.terminate() >= 0);

    setWritable(false);
    base = broker.start();
    if (base.isEmpty()) {
        // Refused at start: with a clear message, a storage exit code, and the data untouched.
        QVERIFY(broker.waitForExit(10000));
        QCOMPARE(broker.process().exitCode(), 4);
        QVERIFY2(broker.allStderr().contains("read-only") &&
                     broker.allStderr().contains("--data-dir"),
                 qPrintable(broker.output()));
        qInfo("read-only data dir: refused at start: %s",
              broker.allStderr().trimmed().split('\n').constLast().constData());
    } else {
        // Running read-only: reads work, every publish is refused with a 5xx JSON error.
        ApiClient api(base, BrokerProcess::devToken());
        QCOMPARE(api.get(QStringLiteral("/v2/messages/") + kept).status, 200);
        const auto r = api.publish(sink.url(QStringLiteral("/refused")), "x");
        QVERIFY2(isRefusal(r), qPrintable(QString::number(r.status) + QString::fromUtf8(r.body)));
        qInfo("read-only data dir: publish refused with %d: %s", r.status, r.body.constData());
        QVERIFY(broker.terminate() >= 0);
    }

    setWritable(true);
    base = broker.start();
    QVERIFY2(!base.isEmpty(), qPrintable(broker.output()));
    QVERIFY(sink.waitFor(1, QStringLiteral("/kept"), 20000));
    QCOMPARE(sink.requestsTo(QStringLiteral("/kept")).constFirst().header("upstash-message-id"),
             kept.toLatin1());
    ApiClient api(base, BrokerProcess::devToken());
    QCOMPARE(api.publish(sink.url(QStringLiteral("/after")), "x").status, 200);
    QVERIFY(sink.waitFor(1, QStringLiteral("/after")));
    QCOMPARE(sink.countTo(QStringLiteral("/refused")), 0);
    QVERIFY(broker.terminate() >= 0);
}

void tst_DiskFault::damagedOrNewerDatabaseRefusedAtStart()
{
    // The real process: a clear message with a way out, exit code 4, and the file untouched.
    HttpSink sink;
    QVERIFY(sink.start());
    QTemporaryDir dir;
    const QString dbPath = dir.filePath(QStringLiteral("localstash.db"));
    BrokerProcess broker(dir.path());
    QString base = broker.start();
    QVERIFY2(!base.isEmpty(), qPrintable(broker.output()));
    {
        ApiClient api(base, BrokerProcess::devToken());
        for (int i = 0; i < 50; ++i)
            QCOMPARE(api.publish(sink.url(QStringLiteral("/later")), QByteArray(2000, 'x'),
                                 {{"Upstash-Delay", "1d"}})
                         .status,
                     200);
    }
    QVERIFY(broker.terminate() >= 0);
    QFile file(dbPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray healthy = file.readAll();
    file.close();
    QVERIFY(healthy.size() > 16 * 4096);

    const auto refused = [&](const QByteArray &contents, const char *why, const char *wayOut) {
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(contents);
        file.close();
        QVERIFY(broker.start(20000).isEmpty());
        QVERIFY(broker.waitForExit(10000));
        QCOMPARE(broker.process().exitCode(), 4);
        const QByteArray err = broker.allStderr();
        QVERIFY2(err.contains(why) && err.contains(wayOut), err.constData());
        qInfo("refused at start: %s", err.trimmed().split('\n').constLast().constData());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), contents); // never reset, never "repaired"
        file.close();
    };
    // A page in the middle overwritten with garbage (header intact).
    QByteArray damaged = healthy;
    for (qsizetype i = 6 * 4096; i < 8 * 4096; ++i)
        damaged[i] = char(0x5a);
    refused(damaged, "damaged", "move it away");
    // The same database, written by a newer LocalStash.
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(healthy);
    file.close();
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("newer"));
        db.setDatabaseName(dbPath);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("UPDATE schema_version SET version = 99")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("newer"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray newer = file.readAll();
    file.close();
    refused(newer, "newer", "--data-dir");
}

QTEST_GUILESS_MAIN(tst_DiskFault)
#include "tst_diskfault.moc"
