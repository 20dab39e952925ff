// Queues and flow control on a real broker with the manual clock and a slow or failing receiver:
// FIFO with parallelism, slots held through retries and callbacks, pause across restarts, the
// queue API; flow-control parallelism and rate, and its API.

#include "apiclient.h"
#include "delivery/deliveryservice.h"
#include "httpsink.h"
#include "testbroker.h"

#include <QJsonArray>
#include <QTest>

using namespace TestSupport;

class tst_Queues : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void fifoWithParallelismOne();
    void parallelismTwo();
    void slotHeldThroughRetries();
    void slotHeldThroughCallback();
    void pausedQueueHoldsAndSurvivesRestart();
    void queueApi();
    void flowControlParallelismAcrossUrls();
    void flowControlRate();
    void flowControlApi();

private:
    QString enqueue(const QString &queue, const QString &path, const QByteArray &body = "x",
                    const Headers &headers = {});
    QString publish(const QString &path, const Headers &headers, const QByteArray &body = "x");
    int inFlight() { return m_broker->service().delivery()->inFlight(); }
    qint64 count(const char *state)
    {
        return m_broker->service().counts().value(QLatin1String(state)).toLongLong();
    }

    std::unique_ptr<TestBroker> m_broker;
    std::unique_ptr<HttpSink> m_sink;
    std::unique_ptr<ApiClient> m_api;
};

void tst_Queues::init()
{
    m_sink = std::make_unique<HttpSink>();
    QVERIFY(m_sink->start());
    m_broker = std::make_unique<TestBroker>();
    QVERIFY(m_broker->start().ok());
    m_api = std::make_unique<ApiClient>(m_broker->baseUrl(), m_broker->token());
}

void tst_Queues::cleanup()
{
    m_api.reset();
    m_broker.reset();
    m_sink.reset();
}

QString tst_Queues::enqueue(const QString &queue, const QString &path, const QByteArray &body,
                            const Headers &headers)
{
    const auto r = m_api->send(
        "POST", QStringLiteral("/v2/enqueue/%1/%2").arg(queue, m_sink->url(path)), body, headers);
    if (r.status != 200)
        qWarning() << "enqueue failed" << r.status << r.body;
    return r.json().value(QStringLiteral("messageId")).toString();
}

QString tst_Queues::publish(const QString &path, const Headers &headers, const QByteArray &body)
{
    return m_api->publish(m_sink->url(path), body, headers)
        .json()
        .value(QStringLiteral("messageId"))
        .toString();
}

void tst_Queues::fifoWithParallelismOne()
{
    m_sink->respond(QStringLiteral("/q"), SinkResponse{200, {}, "ok", 150});
    for (int i = 1; i <= 3; ++i)
        QVERIFY(
            !enqueue(QStringLiteral("q1"), QStringLiteral("/q"), QByteArray::number(i)).isEmpty());
    QVERIFY(m_sink->waitFor(3, QStringLiteral("/q")));
    const auto got = m_sink->requestsTo(QStringLiteral("/q"));
    QCOMPARE(got.at(0).body, QByteArray("1"));
    QCOMPARE(got.at(1).body, QByteArray("2"));
    QCOMPARE(got.at(2).body, QByteArray("3"));
    // Strictly one after the other: each starts only after the previous answer (150 ms).
    QVERIFY(got.at(1).receivedAtMs - got.at(0).receivedAtMs >= 140);
    QVERIFY(got.at(2).receivedAtMs - got.at(1).receivedAtMs >= 140);
    QTRY_COMPARE(count("DELIVERED"), 3);
    const QJsonObject q = m_api->get(QStringLiteral("/v2/queues/q1")).json();
    QCOMPARE(q.value(QStringLiteral("parallelism")).toInt(), 1); // auto-created
    QCOMPARE(q.value(QStringLiteral("lag")).toInt(), 0);
}

void tst_Queues::parallelismTwo()
{
    QCOMPARE(m_api
                 ->send("POST", QStringLiteral("/v2/queues"),
                        R"({"queueName":"q2","parallelism":2,"paused":false})")
                 .status,
             200);
    m_sink->respond(QStringLiteral("/p"), SinkResponse{200, {}, "ok", 300});
    for (int i = 0; i < 4; ++i)
        enqueue(QStringLiteral("q2"), QStringLiteral("/p"));
    QVERIFY(m_sink->waitFor(2, QStringLiteral("/p")));
    QCOMPARE(inFlight(), 2);
    QCOMPARE(m_sink->countTo(QStringLiteral("/p")), 2);
    QVERIFY(m_sink->waitFor(4, QStringLiteral("/p")));
    QTRY_COMPARE(count("DELIVERED"), 4);
}

void tst_Queues::slotHeldThroughRetries()
{
    m_sink->respondTimes(QStringLiteral("/first"), 1,
                         SinkResponse{503, {{"Retry-After", "5"}}, "busy", 0});
    enqueue(QStringLiteral("qr"), QStringLiteral("/first"));
    enqueue(QStringLiteral("qr"), QStringLiteral("/second"));
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/first")));
    QTRY_COMPARE(count("RETRY"), 1);
    m_broker->clock().advance(4'999);
    QCOMPARE(inFlight(), 0);
    QCOMPARE(m_sink->countTo(QStringLiteral("/second")), 0);
    m_broker->clock().advance(1);
    QVERIFY(m_sink->waitFor(2, QStringLiteral("/first")));
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/second")));
    QVERIFY(m_sink->requestsTo(QStringLiteral("/second")).at(0).receivedAtMs >=
            m_sink->requestsTo(QStringLiteral("/first")).at(1).receivedAtMs);
}

void tst_Queues::slotHeldThroughCallback()
{
    m_sink->respond(QStringLiteral("/cb"), SinkResponse{200, {}, "ok", 200});
    enqueue(QStringLiteral("qc"), QStringLiteral("/with-callback"), "1",
            {{"Upstash-Callback", m_sink->url(QStringLiteral("/cb")).toLatin1()}});
    enqueue(QStringLiteral("qc"), QStringLiteral("/next"), "2");
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/cb")));
    QCOMPARE(m_sink->countTo(QStringLiteral("/next")), 0); // the callback is still being answered
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/next")));
    QVERIFY(m_sink->requestsTo(QStringLiteral("/next")).at(0).receivedAtMs >=
            m_sink->requestsTo(QStringLiteral("/cb")).at(0).receivedAtMs + 190);
}

void tst_Queues::pausedQueueHoldsAndSurvivesRestart()
{
    QCOMPARE(m_api
                 ->send("POST", QStringLiteral("/v2/queues"),
                        R"({"queueName":"qp","parallelism":1,"paused":true})")
                 .status,
             200);
    enqueue(QStringLiteral("qp"), QStringLiteral("/held"));
    QCOMPARE(
        m_api->get(QStringLiteral("/v2/queues/qp")).json().value(QStringLiteral("lag")).toInt(), 1);
    QCOMPARE(inFlight(), 0);
    QVERIFY(m_broker->restart().ok());
    m_api = std::make_unique<ApiClient>(m_broker->baseUrl(), m_broker->token());
    QCOMPARE(
        m_api->get(QStringLiteral("/v2/queues/qp")).json().value(QStringLiteral("paused")).toBool(),
        true);
    m_broker->clock().advance(60'000);
    QCOMPARE(inFlight(), 0);
    QCOMPARE(m_sink->countTo(QStringLiteral("/held")), 0);
    QCOMPARE(m_api->send("POST", QStringLiteral("/v2/queues/qp/resume")).status, 200);
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/held")));
    QCOMPARE(m_api->send("POST", QStringLiteral("/v2/queues/qp/pause")).status, 200);
    QCOMPARE(
        m_api->get(QStringLiteral("/v2/queues/qp")).json().value(QStringLiteral("paused")).toBool(),
        true);
}

void tst_Queues::queueApi()
{
    QCOMPARE(m_api->get(QStringLiteral("/v2/queues")).jsonArray().size(), 0);
    QCOMPARE(
        m_api->send("POST", QStringLiteral("/v2/queues"), R"({"queueName":"a","parallelism":3})")
            .status,
        200);
    QCOMPARE(
        m_api->send("POST", QStringLiteral("/v2/queues"), R"({"queueName":"bad name!"})").status,
        400);
    QCOMPARE(
        m_api->send("POST", QStringLiteral("/v2/queues"), R"({"queueName":"a","parallelism":0})")
            .status,
        400);
    QCOMPARE(m_api->send("POST", QStringLiteral("/v2/queues"), "not json").status, 400);
    const QJsonObject a = m_api->get(QStringLiteral("/v2/queues/a")).json();
    for (const char *key : {"name", "parallelism", "createdAt", "updatedAt", "lag", "paused"})
        QVERIFY2(a.contains(QLatin1String(key)), key);
    QCOMPARE(a.value(QStringLiteral("parallelism")).toInt(), 3);
    QCOMPARE(m_api->get(QStringLiteral("/v2/queues")).jsonArray().size(), 1);
    QCOMPARE(m_api->get(QStringLiteral("/v2/queues/none")).status, 404);
    QCOMPARE(m_api->send("DELETE", QStringLiteral("/v2/queues/a")).status, 200);
    QCOMPARE(m_api->get(QStringLiteral("/v2/queues")).jsonArray().size(), 0);
    QCOMPARE(m_api->send("POST", QStringLiteral("/v2/queues/none/pause")).status, 404);
    // Enqueueing to a deleted queue re-creates it.
    QVERIFY(!enqueue(QStringLiteral("a"), QStringLiteral("/again")).isEmpty());
    QCOMPARE(m_api->get(QStringLiteral("/v2/queues/a")).status, 200);
    const auto m = m_api->get(
        QStringLiteral("/v2/messages/") +
        enqueue(QStringLiteral("a"), QStringLiteral("/again"), "y", {{"Upstash-Delay", "1h"}}));
    QCOMPARE(m.json().value(QStringLiteral("queueName")).toString(), QStringLiteral("a"));
    QCOMPARE(m_api
                 ->send("POST", QStringLiteral("/v2/enqueue/bad%20name/") +
                                    m_sink->url(QStringLiteral("/x")))
                 .status,
             400);
}

void tst_Queues::flowControlParallelismAcrossUrls()
{
    m_sink->respond(QStringLiteral("/f1"), SinkResponse{200, {}, "ok", 200});
    m_sink->respond(QStringLiteral("/f2"), SinkResponse{200, {}, "ok", 200});
    const Headers fc{{"Upstash-Flow-Control-Key", "k"},
                     {"Upstash-Flow-Control-Value", "parallelism=1"}};
    publish(QStringLiteral("/f1"), fc);
    publish(QStringLiteral("/f2"), fc);
    QVERIFY(m_sink->waitFor(1));
    QCOMPARE(inFlight(), 1);
    QCOMPARE(m_api->get(QStringLiteral("/v2/flowControl/k"))
                 .json()
                 .value(QStringLiteral("waitListSize"))
                 .toInt(),
             1);
    QVERIFY(m_sink->waitFor(2));
    QVERIFY(m_sink->requests().at(1).receivedAtMs - m_sink->requests().at(0).receivedAtMs >= 190);
}

void tst_Queues::flowControlRate()
{
    const Headers fc{{"Upstash-Flow-Control-Key", "r"},
                     {"Upstash-Flow-Control-Value", "rate=2, period=10s"}};
    for (int i = 0; i < 3; ++i)
        publish(QStringLiteral("/rate"), fc);
    QVERIFY(m_sink->waitFor(2, QStringLiteral("/rate")));
    QTRY_COMPARE(count("DELIVERED"), 2);
    QCOMPARE(m_sink->countTo(QStringLiteral("/rate")), 2);
    const QJsonObject info = m_api->get(QStringLiteral("/v2/flowControl/r")).json();
    QCOMPARE(info.value(QStringLiteral("rateMax")).toInt(), 2);
    QCOMPARE(info.value(QStringLiteral("rateCount")).toInt(), 2);
    QCOMPARE(info.value(QStringLiteral("ratePeriod")).toInt(), 10);
    m_broker->clock().advance(9'999);
    QCOMPARE(inFlight(), 0);
    m_broker->clock().advance(1);
    QVERIFY(m_sink->waitFor(3, QStringLiteral("/rate")));
}

void tst_Queues::flowControlApi()
{
    QCOMPARE(m_api->get(QStringLiteral("/v2/flowControl/unknown")).status, 404);
    publish(QStringLiteral("/api"),
            {{"Upstash-Flow-Control-Key", "K"},
             {"Upstash-Flow-Control-Value", "parallelism=1, rate=10, period=1m"},
             {"Upstash-Delay", "10d"}});
    m_broker->clock().advance(10LL * 86'400'000);
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/api")));
    // The receiver has it; the broker records the reply a moment later (delivery thread).
    QTRY_COMPARE(count("DELIVERED"), 1);
    QJsonObject k = m_api->get(QStringLiteral("/v2/flowControl/K")).json();
    QCOMPARE(k.value(QStringLiteral("flowControlKey")).toString(), QStringLiteral("K"));
    QCOMPARE(k.value(QStringLiteral("parallelismMax")).toInt(), 1);
    QCOMPARE(k.value(QStringLiteral("rateMax")).toInt(), 10);
    QCOMPARE(k.value(QStringLiteral("ratePeriod")).toInt(), 60);
    QCOMPARE(k.value(QStringLiteral("isPaused")).toBool(), false);
    QCOMPARE(m_api->send("POST", QStringLiteral("/v2/flowControl/K/pause")).status, 200);
    QCOMPARE(m_api->get(QStringLiteral("/v2/flowControl/K"))
                 .json()
                 .value(QStringLiteral("isPaused"))
                 .toBool(),
             true);
    publish(QStringLiteral("/api"), {{"Upstash-Flow-Control-Key", "K"}});
    QCOMPARE(inFlight(), 0);
    QCOMPARE(m_api->get(QStringLiteral("/v2/flowControl/K"))
                 .json()
                 .value(QStringLiteral("waitListSize"))
                 .toInt(),
             1);
    QCOMPARE(m_api->send("POST", QStringLiteral("/v2/flowControl/K/resume")).status, 200);
    QVERIFY(m_sink->waitFor(2, QStringLiteral("/api")));
    QCOMPARE(
        m_api
            ->send("POST", QStringLiteral("/v2/flowControl/K/pin?parallelism=3&rate=20&period=120"))
            .status,
        200);
    k = m_api->get(QStringLiteral("/v2/flowControl/K")).json();
    QCOMPARE(k.value(QStringLiteral("isPinnedParallelism")).toBool(), true);
    QCOMPARE(k.value(QStringLiteral("isPinnedRate")).toBool(), true);
    QCOMPARE(k.value(QStringLiteral("parallelismMax")).toInt(), 3);
    QCOMPARE(k.value(QStringLiteral("rateMax")).toInt(), 20);
    QCOMPARE(k.value(QStringLiteral("ratePeriod")).toInt(), 120);
    QCOMPARE(m_api->send("POST", QStringLiteral("/v2/flowControl/K/unpin?parallelism=true")).status,
             200);
    k = m_api->get(QStringLiteral("/v2/flowControl/K")).json();
    QCOMPARE(k.value(QStringLiteral("isPinnedParallelism")).toBool(), false);
    QCOMPARE(k.value(QStringLiteral("isPinnedRate")).toBool(), true);
    QCOMPARE(m_api->send("POST", QStringLiteral("/v2/flowControl/K/resetRate")).status, 200);
    QCOMPARE(m_api->get(QStringLiteral("/v2/flowControl/K"))
                 .json()
                 .value(QStringLiteral("rateCount"))
                 .toInt(),
             0);
    QCOMPARE(m_api->get(QStringLiteral("/v2/flowControl")).jsonArray().size(), 1);
    const QJsonObject global = m_api->get(QStringLiteral("/v2/globalParallelism")).json();
    QVERIFY(global.contains(QStringLiteral("parallelismCount")));
    // Pins and pause survive a restart.
    QVERIFY(m_broker->restart().ok());
    m_api = std::make_unique<ApiClient>(m_broker->baseUrl(), m_broker->token());
    QCOMPARE(m_api->get(QStringLiteral("/v2/flowControl/K"))
                 .json()
                 .value(QStringLiteral("isPinnedRate"))
                 .toBool(),
             true);
}

QTEST_GUILESS_MAIN(tst_Queues)
#include "tst_queues.moc"
