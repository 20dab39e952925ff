// Retention on a real broker with a manual clock: finished messages, their events and DLQ entries
// older than the configured days go; pending ones and messages still in the DLQ stay; the count
// limit removes the oldest finished messages first; expired deduplication keys go; passes run in
// small batches; settings applied while running take effect (time scale, retention, durability).

#include "apiclient.h"
#include "httpsink.h"
#include "store/retention.h"
#include "testbroker.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace TestSupport;

namespace {
constexpr qint64 kDay = 24LL * 3600 * 1000;
}

class tst_Retention : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void agedMessagesEventsAndDlqEntriesArePruned();
    void countLimitKeepsNewestAndDlqHeldMessages();
    void expiredDeduplicationKeysArePruned();
    void passesRunInSmallBatches();
    void runtimeSettingsApplyWhileRunning();
    void zeroKeepsEverything();

private:
    void startBroker(int days, qint64 maxMessages);
    QString publish(const QString &path, const Headers &headers = {});
    void waitFor(const char *state, qint64 count);
    Broker::RetentionStats runPass();
    qint64 count(const char *state);
    bool exists(const QString &id);

    std::unique_ptr<TestBroker> m_broker;
    std::unique_ptr<HttpSink> m_sink;
    std::unique_ptr<ApiClient> m_api;
};

void tst_Retention::init()
{
    m_sink = std::make_unique<HttpSink>();
    QVERIFY(m_sink->start());
}

void tst_Retention::cleanup()
{
    m_api.reset();
    m_broker.reset();
    m_sink.reset();
}

void tst_Retention::startBroker(int days, qint64 maxMessages)
{
    Broker::BrokerConfig config;
    config.retentionDays = days;
    config.retentionMaxMessages = maxMessages;
    m_broker = std::make_unique<TestBroker>(config);
    QVERIFY(m_broker->start().ok());
    m_api = std::make_unique<ApiClient>(m_broker->baseUrl(), m_broker->token());
}

QString tst_Retention::publish(const QString &path, const Headers &headers)
{
    const auto r = m_api->publish(m_sink->url(path), "body", headers);
    return r.json().value(QStringLiteral("messageId")).toString();
}

qint64 tst_Retention::count(const char *state)
{
    return m_broker->service().counts().value(QLatin1String(state)).toLongLong();
}

void tst_Retention::waitFor(const char *state, qint64 n)
{
    QTRY_COMPARE_WITH_TIMEOUT(count(state), n, 5000);
}

Broker::RetentionStats tst_Retention::runPass()
{
    Broker::Retention *retention = m_broker->service().retention();
    QSignalSpy finished(retention, &Broker::Retention::passFinished);
    retention->runNow();
    if (finished.isEmpty() && !finished.wait(5000))
        return {};
    return finished.constFirst().constFirst().value<Broker::RetentionStats>();
}

bool tst_Retention::exists(const QString &id)
{
    return m_api->get(QStringLiteral("/v2/messages/") + id).status == 200;
}

void tst_Retention::agedMessagesEventsAndDlqEntriesArePruned()
{
    startBroker(7, 0);
    const QString a = publish(QStringLiteral("/a"));
    const QString b = publish(QStringLiteral("/b"));
    waitFor("DELIVERED", 2);
    m_sink->respond(QStringLiteral("/fail"), SinkResponse{500, {}, "no", 0});
    const QString failed = publish(QStringLiteral("/fail"), {{"Upstash-Retries", "0"}});
    waitFor("FAILED", 1);
    const QString delayed = publish(QStringLiteral("/later"), {{"Upstash-Delay", "30d"}});
    QVERIFY(!delayed.isEmpty());

    m_broker->clock().advance(3 * kDay);
    const QString recent = publish(QStringLiteral("/recent"));
    waitFor("DELIVERED", 3);
    m_broker->clock().advance(5 * kDay); // a, b and the DLQ entry are 8 days old; `recent` is 5

    const Broker::RetentionStats stats = runPass();
    QCOMPARE(stats.dlqEntries, 1);
    QCOMPARE(stats.messages, 3); // a, b, and the failed one once its DLQ entry went
    QCOMPARE(stats.messagesByState.value(QStringLiteral("DELIVERED")), 2);
    QCOMPARE(stats.messagesByState.value(QStringLiteral("FAILED")), 1);

    QVERIFY(!exists(a));
    QVERIFY(!exists(b));
    QVERIFY(!exists(failed));
    QVERIFY(exists(recent));
    QVERIFY(exists(delayed)); // pending: never pruned, whatever its age
    QVERIFY(m_api->get(QStringLiteral("/v2/dlq"))
                .json()
                .value(QStringLiteral("messages"))
                .toArray()
                .isEmpty());
    const auto events = m_api->get(QStringLiteral("/v2/events?messageId=") + a).json();
    QVERIFY(events.value(QStringLiteral("events")).toArray().isEmpty());
    QVERIFY(!m_api->get(QStringLiteral("/v2/events?messageId=") + recent)
                 .json()
                 .value(QStringLiteral("events"))
                 .toArray()
                 .isEmpty());
    // The counts follow what was deleted.
    QTRY_COMPARE(count("DELIVERED"), 1);
    QTRY_COMPARE(count("FAILED"), 0);
    QCOMPARE(count("PENDING"), 1);

    // Pruned data stays pruned across a restart, and the rest is intact.
    QVERIFY(m_broker->restart().ok());
    m_api = std::make_unique<ApiClient>(m_broker->baseUrl(), m_broker->token());
    QVERIFY(exists(recent));
    QVERIFY(!exists(a));
    QCOMPARE(count("DELIVERED"), 1);
}

void tst_Retention::countLimitKeepsNewestAndDlqHeldMessages()
{
    startBroker(0, 2);
    QStringList delivered;
    for (int i = 0; i < 4; ++i) {
        delivered << publish(QStringLiteral("/n%1").arg(i));
        waitFor("DELIVERED", i + 1);
        m_broker->clock().advance(1000); // distinct finish times: oldest first is well defined
    }
    m_sink->respond(QStringLiteral("/fail"), SinkResponse{500, {}, "no", 0});
    const QString failed = publish(QStringLiteral("/fail"), {{"Upstash-Retries", "0"}});
    waitFor("FAILED", 1);

    const Broker::RetentionStats stats = runPass();
    // 5 finished, 2 allowed: the 3 oldest go. The failed one is newest anyway and in the DLQ.
    QCOMPARE(stats.messages, 3);
    QCOMPARE(stats.dlqEntries, 0);
    QVERIFY(!exists(delivered.at(0)));
    QVERIFY(!exists(delivered.at(1)));
    QVERIFY(!exists(delivered.at(2)));
    QVERIFY(exists(delivered.at(3)));
    QVERIFY(exists(failed));

    // With the limit at 1, only the delivered one can go: the DLQ still holds the failed one.
    Broker::BrokerConfig config = m_broker->service().config();
    config.retentionMaxMessages = 1;
    QSignalSpy finished(m_broker->service().retention(), &Broker::Retention::passFinished);
    m_broker->service().applyRuntimeSettings(config); // runs a pass at once
    QVERIFY(finished.wait(5000));
    QVERIFY(!exists(delivered.at(3)));
    QVERIFY(exists(failed));
    QCOMPARE(m_api->get(QStringLiteral("/v2/dlq"))
                 .json()
                 .value(QStringLiteral("messages"))
                 .toArray()
                 .size(),
             1);
}

void tst_Retention::expiredDeduplicationKeysArePruned()
{
    startBroker(7, 0);
    const QString first = publish(QStringLiteral("/d"), {{"Upstash-Deduplication-Id", "k1"}});
    publish(QStringLiteral("/d"), {{"Upstash-Content-Based-Deduplication", "true"}});
    waitFor("DELIVERED", 2);
    QCOMPARE(runPass().dedupKeys, 0); // inside the window: kept
    QCOMPARE(publish(QStringLiteral("/d"), {{"Upstash-Deduplication-Id", "k1"}}), first);

    m_broker->clock().advance(m_broker->service().config().dedupWindowMs + 1);
    QCOMPARE(runPass().dedupKeys, 2);
    const QString again = publish(QStringLiteral("/d"), {{"Upstash-Deduplication-Id", "k1"}});
    QVERIFY(!again.isEmpty());
    QVERIFY(again != first);
}

void tst_Retention::passesRunInSmallBatches()
{
    startBroker(7, 0);
    Broker::Retention *retention = m_broker->service().retention();
    Broker::RetentionPolicy policy = retention->policy();
    policy.batchSize = 4;
    retention->setPolicy(policy);
    QJsonArray batch;
    for (int i = 0; i < 10; ++i)
        batch.append(
            QJsonObject{{QStringLiteral("destination"), m_sink->url(QStringLiteral("/many"))},
                        {QStringLiteral("body"), QStringLiteral("m%1").arg(i)}});
    QCOMPARE(m_api->send("POST", QStringLiteral("/v2/batch"), QJsonDocument(batch).toJson()).status,
             200);
    waitFor("DELIVERED", 10);
    m_broker->clock().advance(8 * kDay);

    QSignalSpy batches(retention, &Broker::Retention::pruned);
    const Broker::RetentionStats stats = runPass();
    QCOMPARE(stats.messages, 10);
    QCOMPARE(batches.size(), 3); // 4 + 4 + 2
    QCOMPARE(runPass().messages, 0);
    QTRY_COMPARE(count("DELIVERED"), 0);
}

void tst_Retention::runtimeSettingsApplyWhileRunning()
{
    startBroker(7, 0);
    Broker::Service &service = m_broker->service();
    const QString old = publish(QStringLiteral("/old"));
    waitFor("DELIVERED", 1);
    m_broker->clock().advance(2 * kDay);

    Broker::BrokerConfig config = service.config();
    config.timeScale = 0.5;
    config.synchronousFull = true;
    config.retentionDays = 1;
    config.port = 1; // not live: ignored until the next start
    QSignalSpy finished(service.retention(), &Broker::Retention::passFinished);
    service.applyRuntimeSettings(config);
    QVERIFY(finished.wait(5000));
    QVERIFY(!exists(old)); // the stricter policy ran at once
    QCOMPARE(service.config().timeScale, 0.5);
    QVERIFY(service.config().synchronousFull);
    QCOMPARE(service.config().retentionDays, 1);
    QVERIFY(service.config().port != 1);

    // The new time scale shortens a delay published from now on: 10 s becomes 5 s.
    const qint64 now = m_broker->clock().nowMs();
    const QString id = publish(QStringLiteral("/scaled"), {{"Upstash-Delay", "10s"}});
    const auto message = m_api->get(QStringLiteral("/v2/messages/") + id).json();
    QCOMPARE(qint64(message.value(QStringLiteral("notBefore")).toDouble()), now + 5000);

    // Durability survives a write: the connection still works after the pragma changed.
    const QString after = publish(QStringLiteral("/after"));
    QVERIFY(!after.isEmpty());
    waitFor("DELIVERED", 1);
}

void tst_Retention::zeroKeepsEverything()
{
    startBroker(0, 0);
    const QString id = publish(QStringLiteral("/keep"));
    waitFor("DELIVERED", 1);
    m_broker->clock().advance(400 * kDay);
    const Broker::RetentionStats stats = runPass();
    QCOMPARE(stats.messages, 0);
    QVERIFY(exists(id));
}

QTEST_GUILESS_MAIN(tst_Retention)
#include "tst_retention.moc"
