// Delivery timing and outcomes on the manual clock: delays and not-before (never early), the
// default backoff, Retry-After, 489, timeouts, refused connections, cancel racing an attempt,
// redelivery after a stop mid-attempt, no cookies carried between attempts, and no proxy.

#include "apiclient.h"
#include "delivery/deliveryservice.h"
#include "delivery/dispatcher.h"
#include "httpsink.h"
#include "storeprobe.h"
#include "testbroker.h"

#include <QJsonArray>
#include <QNetworkProxy>
#include <QScopeGuard>
#include <QTcpServer>
#include <QTest>

using namespace TestSupport;
using namespace Qt::StringLiterals;

class tst_Delivery : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void delayIsNeverEarly();
    void notBeforeWinsOverDelay();
    void defaultBackoffOnTheManualClock();
    void retryAfterIsHonoured();
    void retryDelayExpression();
    void nonRetryable489GoesStraightToFailed();
    void timeoutIsAFailedAttempt();
    void connectionRefusedIsAFailedAttempt();
    void cancelWhileInFlightEndsCanceled();
    void stopMidAttemptRedeliversAfterRestart();
    void timeScaleShrinksWaits();
    void cookiesAreNotKeptBetweenAttempts();
    void deliveryIgnoresTheApplicationProxy();
    void deliveryProxyIsAlwaysDirect();
    void attemptEventsShowTheirAttempt();

private:
    QString publish(const QString &path, const Headers &headers = {}, const QByteArray &body = "x");
    qint64 pending()
    {
        return m_broker->service().counts().value(QStringLiteral("PENDING")).toLongLong();
    }
    int inFlight() { return m_broker->service().delivery()->inFlight(); }
    QJsonArray events(const QString &id);
    void waitFinalState(const QString &state, qint64 count = 1);

    std::unique_ptr<TestBroker> m_broker;
    std::unique_ptr<HttpSink> m_sink;
    std::unique_ptr<ApiClient> m_api;
};

void tst_Delivery::init()
{
    m_sink = std::make_unique<HttpSink>();
    QVERIFY(m_sink->start());
    m_broker = std::make_unique<TestBroker>();
    QVERIFY(m_broker->start().ok());
    m_api = std::make_unique<ApiClient>(m_broker->baseUrl(), m_broker->token());
}

void tst_Delivery::cleanup()
{
    m_api.reset();
    m_broker.reset();
    m_sink.reset();
}

QString tst_Delivery::publish(const QString &path, const Headers &headers, const QByteArray &body)
{
    const auto r = m_api->publish(m_sink->url(path), body, headers);
    if (r.status != 200)
        qWarning() << "publish failed" << r.status << r.body;
    return r.json().value(QStringLiteral("messageId")).toString();
}

QJsonArray tst_Delivery::events(const QString &id)
{
    // Oldest first, for readable assertions.
    const QJsonArray newestFirst = m_api->get(QStringLiteral("/v2/events?messageId=") + id)
                                       .json()
                                       .value(QStringLiteral("events"))
                                       .toArray();
    QJsonArray out;
    for (qsizetype i = newestFirst.size() - 1; i >= 0; --i)
        out.append(newestFirst.at(i));
    return out;
}

void tst_Delivery::waitFinalState(const QString &state, qint64 count)
{
    QTRY_COMPARE(m_broker->service().counts().value(state).toLongLong(), count);
}

void tst_Delivery::delayIsNeverEarly()
{
    const QString id = publish(QStringLiteral("/delayed"), {{"Upstash-Delay", "30s"}});
    QVERIFY(!id.isEmpty());
    m_broker->clock().advance(29'999);
    QCOMPARE(inFlight(), 0);
    QCOMPARE(pending(), 1);
    m_broker->clock().advance(1);
    QCOMPARE(inFlight(), 1);
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/delayed")));
    waitFinalState(QStringLiteral("DELIVERED"));
}

void tst_Delivery::notBeforeWinsOverDelay()
{
    const qint64 notBeforeSecs = TestBroker::StartMs / 1000 + 5;
    publish(QStringLiteral("/nb"),
            {{"Upstash-Delay", "1h"}, {"Upstash-Not-Before", QByteArray::number(notBeforeSecs)}});
    m_broker->clock().advance(4'999);
    QCOMPARE(inFlight(), 0);
    m_broker->clock().advance(1);
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/nb")));
}

void tst_Delivery::defaultBackoffOnTheManualClock()
{
    m_sink->respond(QStringLiteral("/fail"), SinkResponse{500, {}, "boom", 0});
    const QString id = publish(QStringLiteral("/fail"), {{"Upstash-Retries", "3"}});
    // 12 s, 2 min 28 s, 30 min 8 s: min(86400, e^(2.5 n)) seconds.
    const qint64 waits[] = {12'182, 148'413, 1'808'042};
    for (int attempt = 0; attempt < 3; ++attempt) {
        QVERIFY(m_sink->waitFor(attempt + 1, QStringLiteral("/fail")));
        QTRY_COMPARE(m_broker->service().counts().value(QStringLiteral("RETRY")).toLongLong(), 1);
        QCOMPARE(m_sink->requestsTo(QStringLiteral("/fail")).constLast().header("upstash-retried"),
                 QByteArray::number(attempt));
        const QJsonArray ev = events(id);
        const QJsonObject retry = ev.last().toObject();
        QCOMPARE(retry.value(QStringLiteral("state")).toString(), QStringLiteral("RETRY"));
        const qint64 now = m_broker->clock().nowMs();
        QCOMPARE(qint64(retry.value(QStringLiteral("nextDeliveryTime")).toDouble()) - now,
                 waits[attempt]);
        m_broker->clock().advance(waits[attempt] - 1);
        QCOMPARE(inFlight(), 0);
        m_broker->clock().advance(1);
        QCOMPARE(inFlight(), 1);
    }
    QVERIFY(m_sink->waitFor(4, QStringLiteral("/fail")));
    waitFinalState(QStringLiteral("FAILED"));
    const QJsonArray ev = events(id);
    QCOMPARE(ev.last().toObject().value(QStringLiteral("state")).toString(),
             QStringLiteral("FAILED"));
    QCOMPARE(ev.last().toObject().value(QStringLiteral("responseStatus")).toInt(), 500);
    QCOMPARE(QByteArray::fromBase64(
                 ev.last().toObject().value(QStringLiteral("responseBody")).toString().toLatin1()),
             QByteArray("boom"));
}

void tst_Delivery::retryAfterIsHonoured()
{
    m_sink->respondTimes(QStringLiteral("/ra"), 1,
                         SinkResponse{503, {{"Retry-After", "7"}}, "busy", 0});
    const QString id = publish(QStringLiteral("/ra"));
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/ra")));
    QTRY_COMPARE(m_broker->service().counts().value(QStringLiteral("RETRY")).toLongLong(), 1);
    m_broker->clock().advance(6'999);
    QCOMPARE(inFlight(), 0);
    m_broker->clock().advance(1);
    QVERIFY(m_sink->waitFor(2, QStringLiteral("/ra")));
    waitFinalState(QStringLiteral("DELIVERED"));
    Q_UNUSED(id);
}

void tst_Delivery::retryDelayExpression()
{
    m_sink->respondTimes(QStringLiteral("/rd"), 2, SinkResponse{500, {}, "no", 0});
    publish(QStringLiteral("/rd"), {{"Upstash-Retry-Delay", "1000 * (1 + retried)"}});
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/rd")));
    QTRY_COMPARE(m_broker->service().counts().value(QStringLiteral("RETRY")).toLongLong(), 1);
    m_broker->clock().advance(999);
    QCOMPARE(inFlight(), 0);
    m_broker->clock().advance(1);
    QVERIFY(m_sink->waitFor(2, QStringLiteral("/rd")));
    QTRY_COMPARE(m_broker->service().counts().value(QStringLiteral("RETRY")).toLongLong(), 1);
    m_broker->clock().advance(1'999);
    QCOMPARE(inFlight(), 0);
    m_broker->clock().advance(1);
    QVERIFY(m_sink->waitFor(3, QStringLiteral("/rd")));
    waitFinalState(QStringLiteral("DELIVERED"));
}

void tst_Delivery::nonRetryable489GoesStraightToFailed()
{
    m_sink->respond(QStringLiteral("/489"),
                    SinkResponse{489, {{"Upstash-NonRetryable-Error", "true"}}, "bad input", 0});
    publish(QStringLiteral("/489"), {{"Upstash-Retries", "3"}});
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/489")));
    waitFinalState(QStringLiteral("FAILED"));
    m_broker->clock().advance(86'400'000);
    QCOMPARE(inFlight(), 0);
    QCOMPARE(m_sink->countTo(QStringLiteral("/489")), 1);
}

void tst_Delivery::timeoutIsAFailedAttempt()
{
    m_sink->respond(QStringLiteral("/slow"), SinkResponse{200, {}, "late", 3000});
    const QString id =
        publish(QStringLiteral("/slow"), {{"Upstash-Timeout", "200ms"}, {"Upstash-Retries", "0"}});
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/slow")));
    waitFinalState(QStringLiteral("FAILED"));
    const QJsonObject failed = events(id).last().toObject();
    QVERIFY2(failed.value(QStringLiteral("error")).toString().contains(QStringLiteral("timeout")),
             qPrintable(failed.value(QStringLiteral("error")).toString()));
}

void tst_Delivery::connectionRefusedIsAFailedAttempt()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 closedPort = probe.serverPort();
    probe.close();
    const auto r = m_api->publish(QStringLiteral("http://127.0.0.1:%1/gone").arg(closedPort), "x",
                                  {{"Upstash-Retries", "1"}});
    const QString id = r.json().value(QStringLiteral("messageId")).toString();
    QTRY_COMPARE(m_broker->service().counts().value(QStringLiteral("RETRY")).toLongLong(), 1);
    QJsonArray ev = events(id);
    QCOMPARE(ev.at(ev.size() - 2).toObject().value(QStringLiteral("state")).toString(),
             QStringLiteral("ERROR"));
    QVERIFY(ev.at(ev.size() - 2)
                .toObject()
                .value(QStringLiteral("error"))
                .toString()
                .contains(QStringLiteral("refused"), Qt::CaseInsensitive));
    m_broker->clock().advance(12'182);
    waitFinalState(QStringLiteral("FAILED"));
}

void tst_Delivery::cancelWhileInFlightEndsCanceled()
{
    m_sink->respond(QStringLiteral("/inflight"), SinkResponse{500, {}, "no", 300});
    const QString id = publish(QStringLiteral("/inflight"), {{"Upstash-Retries", "3"}});
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/inflight")));
    QCOMPARE(inFlight(), 1);
    const auto c = m_api->send("DELETE", QStringLiteral("/v2/messages/") + id);
    QCOMPARE(c.status, 200);
    QCOMPARE(c.json().value(QStringLiteral("cancelled")).toInt(), 1);
    waitFinalState(QStringLiteral("CANCELED"));
    QStringList states;
    for (const QJsonValue &e : events(id))
        states.append(e.toObject().value(QStringLiteral("state")).toString());
    QCOMPARE(states, (QStringList{QStringLiteral("CREATED"), QStringLiteral("ACTIVE"),
                                  QStringLiteral("CANCEL_REQUESTED"), QStringLiteral("ERROR"),
                                  QStringLiteral("CANCELED")}));
    m_broker->clock().advance(86'400'000);
    QCOMPARE(m_sink->countTo(QStringLiteral("/inflight")), 1);
}

void tst_Delivery::stopMidAttemptRedeliversAfterRestart()
{
    m_sink->respondTimes(QStringLiteral("/interrupted"), 1, SinkResponse{200, {}, "slow", 2000});
    const QString id = publish(QStringLiteral("/interrupted"));
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/interrupted")));
    QVERIFY(m_broker->restart().ok());
    m_api = std::make_unique<ApiClient>(m_broker->baseUrl(), m_broker->token());
    QVERIFY(m_sink->waitFor(2, QStringLiteral("/interrupted")));
    QTRY_COMPARE(m_broker->service().counts().value(QStringLiteral("DELIVERED")).toLongLong(), 1);
    bool sawDuplicateNote = false;
    for (const QJsonValue &e : events(id)) {
        if (e.toObject()
                .value(QStringLiteral("error"))
                .toString()
                .contains(QStringLiteral("possible duplicate")))
            sawDuplicateNote = true;
    }
    QVERIFY(sawDuplicateNote);
}

void tst_Delivery::timeScaleShrinksWaits()
{
    m_broker.reset();
    Broker::BrokerConfig config;
    config.timeScale = 0.01;
    m_broker = std::make_unique<TestBroker>(config);
    QVERIFY(m_broker->start().ok());
    m_api = std::make_unique<ApiClient>(m_broker->baseUrl(), m_broker->token());
    m_sink->respondTimes(QStringLiteral("/scaled"), 1, SinkResponse{500, {}, "no", 0});
    publish(QStringLiteral("/scaled"));
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/scaled")));
    QTRY_COMPARE(m_broker->service().counts().value(QStringLiteral("RETRY")).toLongLong(), 1);
    m_broker->clock().advance(120);
    QCOMPARE(inFlight(), 0);
    m_broker->clock().advance(1); // 12182 ms × 0.01 = 121 ms
    QVERIFY(m_sink->waitFor(2, QStringLiteral("/scaled")));
}

void tst_Delivery::cookiesAreNotKeptBetweenAttempts()
{
    // QStash sends no cookies: a Set-Cookie in an answer must not come back on the retry, nor on
    // the next message to the same endpoint.
    m_sink->respondTimes(QStringLiteral("/cookie"), 1,
                         SinkResponse{500, {{"Set-Cookie", "session=abc; Path=/"}}, "no", 0});
    publish(QStringLiteral("/cookie"), {{"Upstash-Retries", "1"}});
    QTRY_COMPARE(m_broker->service().counts().value(QStringLiteral("RETRY")).toLongLong(), 1);
    m_broker->clock().advance(12'182);
    QVERIFY(m_sink->waitFor(2, QStringLiteral("/cookie")));
    publish(QStringLiteral("/cookie"));
    QVERIFY(m_sink->waitFor(3, QStringLiteral("/cookie")));
    const auto requests = m_sink->requestsTo(QStringLiteral("/cookie"));
    QCOMPARE(requests.size(), 3);
    for (const ReceivedRequest &r : requests)
        QVERIFY2(r.header("Cookie").isEmpty(), r.header("Cookie").constData());
}

void tst_Delivery::deliveryIgnoresTheApplicationProxy()
{
    // Deliveries go straight to the endpoint even when the process has a proxy configured (here
    // one on a closed port, which would refuse every request sent through it). Qt itself never
    // proxies loopback destinations; deliveryProxyIsAlwaysDirect covers the others.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 closedPort = probe.serverPort();
    probe.close();
    QNetworkProxy::setApplicationProxy(
        QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), closedPort));
    const auto restore =
        qScopeGuard([] { QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy); });
    publish(QStringLiteral("/direct"), {{"Upstash-Retries", "0"}});
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/direct")));
    waitFinalState(QStringLiteral("DELIVERED"));
    // And again once the proxy is gone (the buffered socket's path).
    QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
    publish(QStringLiteral("/direct"), {{"Upstash-Retries", "0"}});
    QVERIFY(m_sink->waitFor(2, QStringLiteral("/direct")));
    waitFinalState(QStringLiteral("DELIVERED"), 2);
}

void tst_Delivery::deliveryProxyIsAlwaysDirect()
{
    // The proxy decision itself, for a destination off this machine too (no traffic: a query).
    const QNetworkProxyQuery remote(QUrl(QStringLiteral("http://192.0.2.10:3000/hook")));
    const QNetworkProxyQuery local(QUrl(QStringLiteral("http://127.0.0.1:3000/hook")));
    const auto typeFor = [](const QNetworkProxyQuery &q) {
        const QList<QNetworkProxy> proxies = Broker::Dispatcher::deliveryProxies(q);
        return proxies.size() == 1 ? proxies.first().type() : QNetworkProxy::HttpProxy;
    };
    // No proxy configured: the socket may resolve DefaultProxy itself (it finds none).
    QCOMPARE(typeFor(remote), QNetworkProxy::DefaultProxy);
    QCOMPARE(typeFor(local), QNetworkProxy::DefaultProxy);
    QNetworkProxy::setApplicationProxy(
        QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), 9));
    const auto restore =
        qScopeGuard([] { QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy); });
    // A proxy configured: DefaultProxy would resolve to it, so the delivery is told NoProxy.
    QCOMPARE(typeFor(remote), QNetworkProxy::NoProxy);
    // Qt never proxies loopback destinations.
    QCOMPARE(typeFor(local), QNetworkProxy::DefaultProxy);
}

void tst_Delivery::attemptEventsShowTheirAttempt()
{
    // A failed attempt, then a successful one; both carry non-ASCII header bytes each way.
    m_sink->respondTimes(QStringLiteral("/shown"), 1,
                         SinkResponse{500, {{"X-Why", "caf\xc3\xa9"}}, "no", 0});
    m_sink->respond(QStringLiteral("/shown"), SinkResponse{201, {{"X-Ok", "yes"}}, "done", 0});
    const QString id =
        publish(QStringLiteral("/shown"), {{"Upstash-Forward-X-Name", "caf\xc3\xa9"}}, "hello");
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/shown")));
    QTRY_COMPARE(m_broker->service().counts().value(QStringLiteral("RETRY")).toLongLong(), 1);
    const QJsonObject retry = events(id).last().toObject();
    QCOMPARE(retry.value(QStringLiteral("state")).toString(), QStringLiteral("RETRY"));
    m_broker->clock().advance(qint64(retry.value(QStringLiteral("nextDeliveryTime")).toDouble()) -
                              m_broker->clock().nowMs());
    QVERIFY(m_sink->waitFor(2, QStringLiteral("/shown")));
    waitFinalState(QStringLiteral("DELIVERED"));

    const QJsonArray ev = events(id);
    QStringList states;
    for (const QJsonValue &e : ev)
        states << e.toObject().value(QStringLiteral("state")).toString();
    QCOMPARE(states, QStringList({u"CREATED"_s, u"ACTIVE"_s, u"ERROR"_s, u"RETRY"_s, u"ACTIVE"_s,
                                  u"DELIVERED"_s}));
    const auto values = [](const QJsonObject &e, const char *key, const char *name) {
        return e.value(QLatin1StringView(key)).toObject().value(QLatin1StringView(name)).toArray();
    };
    const QString cafe = QString::fromUtf8("caf\xc3\xa9");
    const QJsonObject error = ev.at(2).toObject();
    QCOMPARE(error.value(QStringLiteral("responseStatus")).toInt(), 500);
    QCOMPARE(values(error, "responseHeader", "X-Why"), QJsonArray{cafe});
    QCOMPARE(values(error, "responseHeaders", "X-Why"), QJsonArray{cafe});
    QCOMPARE(error.value(QStringLiteral("responseBody")).toString(),
             QString::fromLatin1(QByteArray("no").toBase64()));
    QCOMPARE(values(error, "requestHeader", "X-Name"), QJsonArray{cafe});
    QCOMPARE(values(error, "requestHeader", "Upstash-Retried"), QJsonArray{QStringLiteral("0")});
    const QJsonObject delivered = ev.at(5).toObject();
    QCOMPARE(delivered.value(QStringLiteral("responseStatus")).toInt(), 201);
    QCOMPARE(values(delivered, "responseHeader", "X-Ok"), QJsonArray{QStringLiteral("yes")});
    QCOMPARE(delivered.value(QStringLiteral("responseBody")).toString(),
             QString::fromLatin1(QByteArray("done").toBase64()));
    QCOMPARE(values(delivered, "requestHeader", "Upstash-Retried"),
             QJsonArray{QStringLiteral("1")});
    // Each event shows its own attempt's request: the signature it was sent with.
    const QJsonArray firstSignature = values(error, "requestHeader", "Upstash-Signature");
    const QJsonArray secondSignature = values(delivered, "requestHeader", "Upstash-Signature");
    QCOMPARE(firstSignature.size(), 1);
    QCOMPARE(secondSignature.size(), 1);
    QVERIFY(firstSignature != secondSignature);
    QCOMPARE(secondSignature.at(0).toString().toLatin1(),
             m_sink->requestsTo(QStringLiteral("/shown")).last().header("Upstash-Signature"));

    // Stored once: the events name their attempts and carry no copy of them.
    const QString store = m_broker->dataDir() + QStringLiteral("/localstash.db");
    const auto linked = readStoreColumn(
        store, u"SELECT e.state || ' ' || a.status FROM events e JOIN attempts a "
               "ON a.id = e.attempt_id WHERE e.message_id = '%1' ORDER BY e.id"_s.arg(id));
    QVERIFY(linked);
    QCOMPARE(*linked, QVariantList({u"ERROR 500"_s, u"DELIVERED 201"_s}));
    const auto copies = readStoreColumn(
        store,
        u"SELECT detail FROM events WHERE message_id = '%1' AND instr(detail, 'Header') > 0"_s.arg(
            id));
    QVERIFY(copies);
    QVERIFY2(copies->isEmpty(), qPrintable(copies->value(0).toString()));
}

QTEST_GUILESS_MAIN(tst_Delivery)
#include "tst_delivery.moc"
