// Crash loops: a real `localstash --headless` under mixed load (immediate, delayed, URL-group,
// queue, retrying and scheduled messages) is killed with SIGKILL 20 times at random moments and
// restarted on the same data dir. Every message acknowledged with a 2xx is delivered at least
// once; duplicate attempts (possible only for attempts in flight at a kill) are counted and
// reported. Then the restart invariants, across a SIGKILL rather than a clean stop: paused and
// deleted schedules, an overwritten schedule, a paused queue, DLQ entries, URL groups and rotated
// keys all come back exactly as acknowledged.

#include "apiclient.h"
#include "brokerprocess.h"
#include "httpsink.h"
#include "signing/jwt.h"
#include "storeprobe.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace TestSupport;
using namespace Reliability;

namespace {

constexpr int Kills = 20;

// One column of the store, as strings ("<query failed>" when it cannot be read).
QStringList queryStrings(const QString &dbPath, const QString &sql)
{
    const auto rows = readStoreColumn(dbPath, sql);
    if (!rows)
        return {QStringLiteral("<query failed>")};
    QStringList out;
    for (const QVariant &v : *rows)
        out.append(v.toString());
    return out;
}

QString messageId(const ApiResponse &r)
{
    return r.json().value(QStringLiteral("messageId")).toString();
}

} // namespace

class tst_CrashLoop : public QObject
{
    Q_OBJECT
private slots:
    void crashLoopUnderMixedLoad();
    void invariantsSurviveSigkill();

private:
    // One publish of a random kind; returns the acknowledged message ids (none on failure).
    QStringList publishOne(ApiClient &api, HttpSink &sink, QRandomGenerator &rng, int n);
};

QStringList tst_CrashLoop::publishOne(ApiClient &api, HttpSink &sink, QRandomGenerator &rng, int n)
{
    const QByteArray body = "load " + QByteArray::number(n);
    ApiResponse r;
    switch (rng.bounded(6)) {
    case 0:
        r = api.publish(sink.url(QStringLiteral("/now/%1").arg(n)), body);
        break;
    case 1: // 100 s at time scale 0.01: one second
        r = api.publish(sink.url(QStringLiteral("/delayed/%1").arg(n)), body,
                        {{"Upstash-Delay", "100s"}});
        break;
    case 2:
        r = api.publish(QStringLiteral("crashgroup"), body);
        break;
    case 3:
        r = api.send("POST",
                     QStringLiteral("/v2/enqueue/crashq/") +
                         sink.url(QStringLiteral("/queue/%1").arg(n)),
                     body);
        break;
    case 4: { // fails twice, then succeeds; retries 10 ms apart at time scale 0.01
        const QString path = QStringLiteral("/flaky/%1").arg(n);
        sink.respondTimes(path, 2, SinkResponse{500, {}, "not yet", 0});
        r = api.publish(sink.url(path), body,
                        {{"Upstash-Retries", "5"}, {"Upstash-Retry-Delay", "1000"}});
        break;
    }
    default:
        r = api.publish(sink.url(QStringLiteral("/fc/%1").arg(n)), body,
                        {{"Upstash-Flow-Control-Key", "crash-fc"},
                         {"Upstash-Flow-Control-Value", "parallelism=2"}});
        break;
    }
    if (r.status != 200)
        return {};
    if (r.json().isEmpty()) { // a URL group: one id per endpoint
        QStringList ids;
        for (const QJsonValue &v : r.jsonArray())
            ids.append(v.toObject().value(QStringLiteral("messageId")).toString());
        return ids;
    }
    return {messageId(r)};
}

void tst_CrashLoop::crashLoopUnderMixedLoad()
{
    const quint32 seed = qEnvironmentVariableIsSet("LOCALSTASH_CRASH_SEED")
                             ? quint32(qEnvironmentVariableIntValue("LOCALSTASH_CRASH_SEED"))
                             : QRandomGenerator::system()->generate();
    qInfo("crash loop seed: %u (LOCALSTASH_CRASH_SEED=%u replays the load mix and kill offsets)",
          seed, seed);
    QRandomGenerator rng(seed);
    QElapsedTimer total;
    total.start();

    HttpSink sink;
    QVERIFY(sink.start());
    QTemporaryDir dir;
    BrokerProcess broker(dir.path());
    broker.setExtraArguments({QStringLiteral("--time-scale"), QStringLiteral("0.01")});

    QString base = broker.start();
    QVERIFY2(!base.isEmpty(), qPrintable(broker.output()));
    qint64 firstTickMs = 0; // the schedule's first minute boundary (wall clock)
    {
        ApiClient api(base, BrokerProcess::devToken());
        const QByteArray endpoints =
            QStringLiteral(R"({"endpoints":[{"url":"%1"},{"url":"%2"}]})")
                .arg(sink.url(QStringLiteral("/group/a")), sink.url(QStringLiteral("/group/b")))
                .toUtf8();
        QCOMPARE(
            api.send("POST", QStringLiteral("/v2/topics/crashgroup/endpoints"), endpoints).status,
            200);
        QCOMPARE(api.send("POST", QStringLiteral("/v2/queues"),
                          R"({"queueName":"crashq","parallelism":2})")
                     .status,
                 200);
        QCOMPARE(api.send("POST",
                          QStringLiteral("/v2/schedules/") + sink.url(QStringLiteral("/cron")),
                          "tick", {{"Upstash-Cron", "* * * * *"}, {"Upstash-Schedule-Id", "tick"}})
                     .status,
                 200);
        firstTickMs = qint64(api.get(QStringLiteral("/v2/schedules/tick"))
                                 .json()
                                 .value(QStringLiteral("nextScheduleTime"))
                                 .toDouble());
        QVERIFY(firstTickMs > 0);
    }

    QSet<QString> accepted;
    int published = 0;
    int refusedWhileDying = 0;
    int recoveredInFlight = 0;
    static const QRegularExpression inFlight(
        QStringLiteral("(\\d+) attempts were in flight at the last stop"));
    for (int kill = 0; kill < Kills; ++kill) {
        if (!broker.isRunning()) {
            const qsizetype errBefore = broker.allStderr().size();
            base = broker.start();
            QVERIFY2(!base.isEmpty(), qPrintable(broker.output()));
            const auto m = inFlight.match(QString::fromUtf8(broker.allStderr().mid(errBefore)));
            if (m.hasMatch())
                recoveredInFlight += m.captured(1).toInt();
        }
        ApiClient api(base, BrokerProcess::devToken());
        // Random moments, spread so that the kills reach past the schedule's first tick: the loop
        // takes about a minute at most, and ticks fire (and crash) under load too.
        const qint64 untilTick = firstTickMs + 2000 - QDateTime::currentMSecsSinceEpoch();
        const int spread =
            untilTick > 0 ? int(std::min<qint64>(4000, untilTick / (Kills - kill))) : 0;
        const int killAfterMs = std::max(spread, 150) + int(rng.bounded(0, 1050));
        QTimer::singleShot(killAfterMs, &broker, [&broker] { broker.process().kill(); });
        // Publish until the kill lands (a bounded loop; a refused or cut publish is not acked).
        for (int i = 0; i < 5000 && broker.isRunning(); ++i) {
            const QStringList ids = publishOne(api, sink, rng, published++);
            if (ids.isEmpty())
                ++refusedWhileDying;
            for (const QString &id : ids)
                accepted.insert(id);
        }
        QVERIFY(broker.waitForExit(10000));
        QCOMPARE(broker.process().exitStatus(), QProcess::CrashExit);
    }

    const qsizetype errBefore = broker.allStderr().size();
    base = broker.start();
    QVERIFY2(!base.isEmpty(), qPrintable(broker.output()));
    if (const auto m = inFlight.match(QString::fromUtf8(broker.allStderr().mid(errBefore)));
        m.hasMatch())
        recoveredInFlight += m.captured(1).toInt();

    const auto deliveredIds = [&] {
        QSet<QString> ids;
        for (const ReceivedRequest &r : sink.requests())
            ids.insert(QString::fromLatin1(r.header("upstash-message-id")));
        return ids;
    };
    QTRY_VERIFY_WITH_TIMEOUT(deliveredIds().contains(accepted), 60000);

    // Everything the database holds (acknowledged or cut off before its answer) finishes too.
    const QString dbPath = dir.filePath(QStringLiteral("localstash.db"));
    const QString unfinished = QStringLiteral(
        "SELECT id FROM messages WHERE state IN ('PENDING','ACTIVE','RETRY') ORDER BY id");
    QTRY_VERIFY_WITH_TIMEOUT(queryStrings(dbPath, unfinished).isEmpty(), 30000);
    const qint64 stopMs = broker.terminate(10000);
    QVERIFY2(stopMs >= 0 && stopMs < 5000, qPrintable(broker.output()));
    QCOMPARE(broker.process().exitCode(), 0);

    QCOMPARE(queryStrings(dbPath, QStringLiteral("PRAGMA integrity_check")),
             QStringList{QStringLiteral("ok")});
    const QSet<QString> delivered = deliveredIds();
    const QStringList deliveredInDb =
        queryStrings(dbPath, QStringLiteral("SELECT id FROM messages WHERE state = 'DELIVERED'"));
    for (const QString &id : deliveredInDb)
        QVERIFY2(delivered.contains(id), qPrintable(id + QStringLiteral(" DELIVERED, never seen")));
    const int scheduled =
        int(queryStrings(dbPath, QStringLiteral("SELECT id FROM messages WHERE schedule_id != ''"))
                .size());

    // A duplicate is the same attempt (message id and Upstash-Retried) arriving twice.
    QHash<QPair<QByteArray, QByteArray>, int> attempts;
    for (const ReceivedRequest &r : sink.requests())
        ++attempts[{r.header("upstash-message-id"), r.header("upstash-retried")}];
    int duplicates = 0;
    int duplicatedMessages = 0;
    // ACTIVE is committed before a request leaves, so every duplicate was found in flight at a
    // restart and its log says so.
    const QStringList markedList =
        queryStrings(dbPath, QStringLiteral("SELECT DISTINCT message_id FROM events "
                                            "WHERE instr(detail, 'possible duplicate') > 0"));
    const QSet<QString> marked(markedList.cbegin(), markedList.cend());
    for (auto it = attempts.cbegin(); it != attempts.cend(); ++it) {
        duplicates += it.value() - 1;
        duplicatedMessages += it.value() > 1 ? 1 : 0;
        const QString id = QString::fromLatin1(it.key().first);
        if (it.value() > 1)
            QVERIFY2(marked.contains(id),
                     qPrintable(id + QStringLiteral(" arrived twice, not logged as a possible "
                                                    "duplicate")));
    }
    QVERIFY(scheduled >= 1); // the first tick fell inside the crash loop
    qInfo("crash loop: %d SIGKILLs survived, %d publishes tried, %d acknowledged messages "
          "(+%d scheduled), %d delivered, %d publishes refused or cut off by a kill",
          Kills, published, int(accepted.size()), scheduled, int(delivered.size()),
          refusedWhileDying);
    qInfo("crash loop: %d duplicate attempts on %d messages; %d attempts were recovered as in "
          "flight at restart; %lld ms in all",
          duplicates, duplicatedMessages, recoveredInFlight, total.elapsed());
    // A duplicate needs a kill while its attempt was in flight: at most one per kill per
    // in-flight slot, never a storm.
    QVERIFY(duplicatedMessages <= Kills * 16);
}

void tst_CrashLoop::invariantsSurviveSigkill()
{
    HttpSink sink;
    QVERIFY(sink.start());
    sink.respond(QStringLiteral("/inv/fail"), SinkResponse{500, {}, "broken", 0});
    QTemporaryDir dir;
    BrokerProcess broker(dir.path());
    QString base = broker.start();
    QVERIFY2(!base.isEmpty(), qPrintable(broker.output()));

    QString dlqId;
    QString current;
    QString next;
    {
        ApiClient api(base, BrokerProcess::devToken());
        const auto schedule = [&](const char *id, const QString &path, const QByteArray &body) {
            return api
                .send("POST", QStringLiteral("/v2/schedules/") + sink.url(path), body,
                      {{"Upstash-Cron", "* * * * *"}, {"Upstash-Schedule-Id", id}})
                .status;
        };
        QCOMPARE(schedule("inv-paused", QStringLiteral("/inv/paused"), "p"), 200);
        QCOMPARE(api.send("PATCH", QStringLiteral("/v2/schedules/inv-paused/pause")).status, 200);
        QCOMPARE(schedule("inv-deleted", QStringLiteral("/inv/deleted"), "d"), 200);
        QCOMPARE(api.send("DELETE", QStringLiteral("/v2/schedules/inv-deleted")).status, 200);
        QCOMPARE(schedule("inv-over", QStringLiteral("/inv/over1"), "v1"), 200);
        QCOMPARE(schedule("inv-over", QStringLiteral("/inv/over2"), "v2"), 200);

        QCOMPARE(api.send("POST", QStringLiteral("/v2/queues"),
                          R"({"queueName":"invq","parallelism":1,"paused":true})")
                     .status,
                 200);
        QCOMPARE(
            api.send("POST",
                     QStringLiteral("/v2/enqueue/invq/") + sink.url(QStringLiteral("/inv/held")),
                     "held")
                .status,
            200);

        const QString a = sink.url(QStringLiteral("/inv/a"));
        const QString b = sink.url(QStringLiteral("/inv/b"));
        QCOMPARE(api.send("POST", QStringLiteral("/v2/topics/invg/endpoints"),
                          QStringLiteral(R"({"endpoints":[{"url":"%1","name":"a"},{"url":"%2"}]})")
                              .arg(a, b)
                              .toUtf8())
                     .status,
                 200);
        QCOMPARE(api.send("DELETE", QStringLiteral("/v2/topics/invg/endpoints"),
                          QStringLiteral(R"({"endpoints":[{"url":"%1"}]})").arg(b).toUtf8())
                     .status,
                 200);

        QCOMPARE(
            api.publish(sink.url(QStringLiteral("/inv/fail")), "dead", {{"Upstash-Retries", "0"}})
                .status,
            200);
        QTRY_VERIFY_WITH_TIMEOUT(!api.get(QStringLiteral("/v2/dlq"))
                                      .json()
                                      .value(QStringLiteral("messages"))
                                      .toArray()
                                      .isEmpty(),
                                 10000);
        dlqId = api.get(QStringLiteral("/v2/dlq"))
                    .json()
                    .value(QStringLiteral("messages"))
                    .toArray()
                    .at(0)
                    .toObject()
                    .value(QStringLiteral("dlqId"))
                    .toString();
        QVERIFY(!dlqId.isEmpty());

        QCOMPARE(api.send("POST", QStringLiteral("/v2/keys/rotate")).status, 200);
        const auto keys = api.send("POST", QStringLiteral("/v2/keys/rotate"));
        QCOMPARE(keys.status, 200);
        current = keys.json().value(QStringLiteral("current")).toString();
        next = keys.json().value(QStringLiteral("next")).toString();
    }
    QVERIFY(broker.kill()); // right after the last acknowledgement: no clean stop, no flush
    QCOMPARE(broker.process().exitStatus(), QProcess::CrashExit);

    base = broker.start();
    QVERIFY2(!base.isEmpty(), qPrintable(broker.output()));
    ApiClient api(base, BrokerProcess::devToken());
    const auto paused = api.get(QStringLiteral("/v2/schedules/inv-paused"));
    QCOMPARE(paused.status, 200);
    QCOMPARE(paused.json().value(QStringLiteral("isPaused")).toBool(), true);
    QCOMPARE(api.get(QStringLiteral("/v2/schedules/inv-deleted")).status, 404);
    const QJsonObject over = api.get(QStringLiteral("/v2/schedules/inv-over")).json();
    QCOMPARE(over.value(QStringLiteral("destination")).toString(),
             sink.url(QStringLiteral("/inv/over2")));
    QCOMPARE(over.value(QStringLiteral("body")).toString(), QStringLiteral("v2"));
    QCOMPARE(api.get(QStringLiteral("/v2/schedules")).jsonArray().size(), 2);

    const QJsonObject queue = api.get(QStringLiteral("/v2/queues/invq")).json();
    QCOMPARE(queue.value(QStringLiteral("paused")).toBool(), true);
    QCOMPARE(queue.value(QStringLiteral("lag")).toInt(), 1);

    const QJsonArray endpoints = api.get(QStringLiteral("/v2/topics/invg"))
                                     .json()
                                     .value(QStringLiteral("endpoints"))
                                     .toArray();
    QCOMPARE(endpoints.size(), 1);
    QCOMPARE(endpoints.at(0).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("a"));

    QCOMPARE(api.get(QStringLiteral("/v2/dlq/") + dlqId).status, 200);
    const QJsonObject keys = api.get(QStringLiteral("/v2/keys")).json();
    QCOMPARE(keys.value(QStringLiteral("current")).toString(), current);
    QCOMPARE(keys.value(QStringLiteral("next")).toString(), next);

    // Deliveries after the crash are signed with the rotated key; the paused queue still holds.
    const QString url = sink.url(QStringLiteral("/inv/signed"));
    QCOMPARE(api.publish(url, "signed").status, 200);
    QVERIFY(sink.waitFor(1, QStringLiteral("/inv/signed")));
    const ReceivedRequest got = sink.requestsTo(QStringLiteral("/inv/signed")).constFirst();
    const auto verdict = Broker::Jwt::verify(got.header("upstash-signature"), current, got.body,
                                             url, QDateTime::currentSecsSinceEpoch(), 5);
    QVERIFY2(verdict.ok(), qPrintable(verdict.problem));
    QCOMPARE(sink.countTo(QStringLiteral("/inv/held")), 0);
    QCOMPARE(api.send("POST", QStringLiteral("/v2/queues/invq/resume")).status, 200);
    QVERIFY(sink.waitFor(1, QStringLiteral("/inv/held")));
    QCOMPARE(sink.countTo(QStringLiteral("/inv/paused")), 0);
    QCOMPARE(sink.countTo(QStringLiteral("/inv/deleted")), 0);
    QVERIFY(broker.terminate() >= 0);
}

QTEST_GUILESS_MAIN(tst_CrashLoop)
#include "tst_crashloop.moc"
