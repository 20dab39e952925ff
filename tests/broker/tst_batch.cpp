// POST /v2/batch on a real broker: mixed URL, URL-group and queued items answered in input order
// (a group as a nested array), Go-style array header values and empty body/queue, case-insensitive
// header names, and whole-batch validation: one bad item stores nothing.

#include "apiclient.h"
#include "httpsink.h"
#include "testbroker.h"

#include <QJsonArray>
#include <QTest>

using namespace TestSupport;

class tst_Batch : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void mixedBatchInInputOrder();
    void singleItemIsStillAnArray();
    void goStyleHeadersAndEmptyFields();
    void invalidItemStoresNothing_data();
    void invalidItemStoresNothing();
    void notAnArrayIsRejected();

private:
    ApiResponse batch(const QByteArray &json);

    std::unique_ptr<TestBroker> m_broker;
    std::unique_ptr<HttpSink> m_sink;
    std::unique_ptr<ApiClient> m_api;
};

void tst_Batch::init()
{
    m_sink = std::make_unique<HttpSink>();
    QVERIFY(m_sink->start());
    m_broker = std::make_unique<TestBroker>();
    QVERIFY(m_broker->start().ok());
    m_api = std::make_unique<ApiClient>(m_broker->baseUrl(), m_broker->token());
}

void tst_Batch::cleanup()
{
    m_api.reset();
    m_broker.reset();
    m_sink.reset();
}

ApiResponse tst_Batch::batch(const QByteArray &json)
{
    return m_api->send("POST", QStringLiteral("/v2/batch"), json,
                       {{"Content-Type", "application/json"}});
}

void tst_Batch::mixedBatchInInputOrder()
{
    const QByteArray group =
        QStringLiteral(R"({"endpoints":[{"name":"one","url":"%1"},{"url":"%2"}]})")
            .arg(m_sink->url(QStringLiteral("/g/1")), m_sink->url(QStringLiteral("/g/2")))
            .toUtf8();
    QCOMPARE(m_api->send("POST", QStringLiteral("/v2/topics/g2/endpoints"), group).status, 200);

    const QJsonArray items{
        QJsonObject{
            {QStringLiteral("destination"), m_sink->url(QStringLiteral("/b1"))},
            {QStringLiteral("headers"),
             QJsonObject{{QStringLiteral("content-type"), QStringLiteral("application/json")},
                         {QStringLiteral("upstash-forward-x-a"), QStringLiteral("1")},
                         {QStringLiteral("Upstash-Telemetry-Sdk"), QStringLiteral("t")}}},
            {QStringLiteral("body"), QStringLiteral(R"({"a":1})")}},
        QJsonObject{{QStringLiteral("destination"), QStringLiteral("g2")},
                    {QStringLiteral("body"), QStringLiteral("x")}},
        QJsonObject{{QStringLiteral("destination"), m_sink->url(QStringLiteral("/b3"))},
                    {QStringLiteral("queue"), QStringLiteral("q2")},
                    {QStringLiteral("headers"),
                     QJsonObject{{QStringLiteral("UPSTASH-DELAY"), QStringLiteral("1m")}}}},
    };
    const auto r = batch(QJsonDocument(items).toJson(QJsonDocument::Compact));
    QCOMPARE(r.status, 200);
    const QJsonArray answer = r.jsonArray();
    QCOMPARE(answer.size(), 3);
    QVERIFY(answer.at(0).isObject());
    QCOMPARE(answer.at(0).toObject().value(QStringLiteral("url")).toString(),
             m_sink->url(QStringLiteral("/b1")));
    QVERIFY(answer.at(1).isArray());
    const QJsonArray fan = answer.at(1).toArray();
    QCOMPARE(fan.size(), 2);
    QCOMPARE(fan.at(0).toObject().value(QStringLiteral("url")).toString(),
             m_sink->url(QStringLiteral("/g/1")));
    QCOMPARE(fan.at(1).toObject().value(QStringLiteral("url")).toString(),
             m_sink->url(QStringLiteral("/g/2")));
    const QString queuedId = answer.at(2).toObject().value(QStringLiteral("messageId")).toString();
    QVERIFY(queuedId.startsWith(QStringLiteral("msg_")));

    const QJsonObject queued = m_api->get(QStringLiteral("/v2/messages/") + queuedId).json();
    QCOMPARE(queued.value(QStringLiteral("queueName")).toString(), QStringLiteral("q2"));
    QCOMPARE(qint64(queued.value(QStringLiteral("notBefore")).toDouble()),
             TestBroker::StartMs + 60'000);
    const QString fanId = fan.at(0).toObject().value(QStringLiteral("messageId")).toString();
    const QJsonObject fanned = m_api->get(QStringLiteral("/v2/messages/") + fanId).json();
    QCOMPARE(fanned.value(QStringLiteral("topicName")).toString(), QStringLiteral("g2"));
    QCOMPARE(fanned.value(QStringLiteral("endpointName")).toString(), QStringLiteral("one"));

    QVERIFY(m_sink->waitFor(1, QStringLiteral("/b1")));
    const ReceivedRequest b1 = m_sink->requestsTo(QStringLiteral("/b1")).constFirst();
    QCOMPARE(b1.body, QByteArray(R"({"a":1})"));
    QCOMPARE(b1.header("content-type"), QByteArray("application/json"));
    QCOMPARE(b1.header("x-a"), QByteArray("1"));
    QVERIFY(b1.header("upstash-telemetry-sdk").isEmpty());
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/g/1")));
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/g/2")));
    m_broker->clock().advance(60'000);
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/b3")));
}

void tst_Batch::singleItemIsStillAnArray()
{
    const auto r = batch(QStringLiteral(R"([{"destination":"%1"}])")
                             .arg(m_sink->url(QStringLiteral("/one")))
                             .toUtf8());
    QCOMPARE(r.status, 200);
    QCOMPARE(r.jsonArray().size(), 1);
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/one")));
    const auto empty = batch("[]");
    QCOMPARE(empty.status, 200);
    QCOMPARE(empty.body, QByteArray("[]"));
}

void tst_Batch::goStyleHeadersAndEmptyFields()
{
    const auto r = batch(
        QStringLiteral(
            R"([{"destination":"%1","headers":{"Upstash-Method":["PUT"],"Upstash-Forward-Multi":["a","b"]},"body":"","queue":""},)"
            R"({"destination":"%2","headers":null,"body":null,"queue":null}])")
            .arg(m_sink->url(QStringLiteral("/g")), m_sink->url(QStringLiteral("/py")))
            .toUtf8());
    QCOMPARE(r.status, 200);
    const QString id = r.jsonArray().at(0).toObject().value(QStringLiteral("messageId")).toString();
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/g")));
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/py")));
    const ReceivedRequest got = m_sink->requestsTo(QStringLiteral("/g")).constFirst();
    QCOMPARE(got.method, QByteArray("PUT"));
    QVERIFY(got.body.isEmpty());
    QCOMPARE(got.header("upstash-message-id"), id.toLatin1());
    QCOMPARE(got.header("multi"), QByteArray("a, b"));
    QCOMPARE(m_sink->requestsTo(QStringLiteral("/py")).constFirst().method, QByteArray("POST"));
}

void tst_Batch::invalidItemStoresNothing_data()
{
    QTest::addColumn<QString>("second");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("bad scheme") << QStringLiteral("{\"destination\":\"ftp://x\"}") << 400
                                << QStringLiteral("scheme");
    QTest::newRow("no destination")
        << QStringLiteral(R"({"body":"x"})") << 400 << QStringLiteral("destination");
    QTest::newRow("bad header value")
        << QStringLiteral("{\"destination\":\"http://127.0.0.1:1/"
                          "x\",\"headers\":{\"Upstash-Retries\":\"many\"}}")
        << 400 << QStringLiteral("Upstash-Retries");
    QTest::newRow("header not string")
        << QStringLiteral("{\"destination\":\"http://127.0.0.1:1/x\",\"headers\":{\"X\":1}}") << 400
        << QStringLiteral("header 'X'");
    QTest::newRow("body not string")
        << QStringLiteral("{\"destination\":\"http://127.0.0.1:1/x\",\"body\":{\"a\":1}}") << 400
        << QStringLiteral("body");
    QTest::newRow("bad queue")
        << QStringLiteral("{\"destination\":\"http://127.0.0.1:1/x\",\"queue\":\"no way\"}") << 400
        << QStringLiteral("queue");
    QTest::newRow("not an object") << QStringLiteral("42") << 400 << QStringLiteral("object");
    QTest::newRow("unknown group")
        << QStringLiteral(R"({"destination":"nogroup"})") << 404 << QStringLiteral("nogroup");
}

void tst_Batch::invalidItemStoresNothing()
{
    QFETCH(QString, second);
    QFETCH(int, status);
    QFETCH(QString, mentions);
    const QString json = QStringLiteral(R"([{"destination":"%1","body":"first"},%2])")
                             .arg(m_sink->url(QStringLiteral("/first")), second);
    const auto r = batch(json.toUtf8());
    QCOMPARE(r.status, status);
    const QString error = r.json().value(QStringLiteral("error")).toString();
    QVERIFY2(error.startsWith(QStringLiteral("batch item 1:")), qPrintable(error));
    QVERIFY2(error.contains(mentions), qPrintable(error));
    // Nothing of the batch was stored: no CREATED event, nothing pending, nothing delivered.
    const auto events = m_api->get(QStringLiteral("/v2/events"));
    QCOMPARE(events.json().value(QStringLiteral("events")).toArray().size(), 0);
    QCOMPARE(m_broker->service().counts().value(QStringLiteral("PENDING")).toLongLong(), 0);
    QCOMPARE(m_sink->countTo(QStringLiteral("/first")), 0);
}

void tst_Batch::notAnArrayIsRejected()
{
    const auto object = batch("{\"destination\":\"http://127.0.0.1:1/x\"}");
    QCOMPARE(object.status, 400);
    QVERIFY(
        object.json().value(QStringLiteral("error")).toString().contains(QStringLiteral("array")));
    QCOMPARE(batch("[{").status, 400);
}

QTEST_GUILESS_MAIN(tst_Batch)
#include "tst_batch.moc"
