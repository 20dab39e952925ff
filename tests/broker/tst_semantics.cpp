// Delivery semantics on a real broker with a manual clock: the dead-letter queue (list, filters,
// paging, get, delete, retry), callbacks and failure callbacks (bodies and signatures),
// deduplication (by id, by content, window expiry), bulk cancel, and redaction.

#include "apiclient.h"
#include "httpsink.h"
#include "signing/jwt.h"
#include "store/dlqstore.h"
#include "testbroker.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace TestSupport;

class tst_Semantics : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void failedMessageLandsInDlq();
    void dlqFiltersAndPaging();
    void dlqDeleteOneManyAndByFilter();
    void dlqRetryMakesANewMessageAndRemovesEntry();
    void dlqSurvivesRestart();
    void dlqIdsMadeAtOneInstantAreUnique();
    void callbackAfterEveryAttempt();
    void failureCallbackOnceWithDlqId();
    void deduplicationById();
    void contentBasedDeduplicationAndWindowExpiry();
    void bulkCancelByIdsFiltersAndAll();
    void redactionHidesValuesButDeliversThem();

private:
    QString publish(const QString &path, const Headers &headers = {}, const QByteArray &body = "x");
    QString failForGood(const QString &path, const Headers &extra = {});
    QJsonArray dlq(const QString &query = {});

    std::unique_ptr<TestBroker> m_broker;
    std::unique_ptr<HttpSink> m_sink;
    std::unique_ptr<ApiClient> m_api;
};

void tst_Semantics::init()
{
    m_sink = std::make_unique<HttpSink>();
    QVERIFY(m_sink->start());
    m_broker = std::make_unique<TestBroker>();
    QVERIFY(m_broker->start().ok());
    m_api = std::make_unique<ApiClient>(m_broker->baseUrl(), m_broker->token());
}

void tst_Semantics::cleanup()
{
    m_api.reset();
    m_broker.reset();
    m_sink.reset();
}

QString tst_Semantics::publish(const QString &path, const Headers &headers, const QByteArray &body)
{
    const auto r = m_api->publish(m_sink->url(path), body, headers);
    return r.json().value(QStringLiteral("messageId")).toString();
}

QString tst_Semantics::failForGood(const QString &path, const Headers &extra)
{
    m_sink->respond(path, SinkResponse{500, {{"X-Why", "broken"}}, "it broke", 0});
    Headers headers{{"Upstash-Retries", "0"}};
    headers += extra;
    // Read before publishing: the delivery may well fail before the publish call returns.
    const qint64 before = m_broker->service().counts().value(QStringLiteral("FAILED")).toLongLong();
    const QString id = publish(path, headers);
    [&] {
        QTRY_COMPARE_WITH_TIMEOUT(
            m_broker->service().counts().value(QStringLiteral("FAILED")).toLongLong(), before + 1,
            5000);
    }();

    return id;
}

QJsonArray tst_Semantics::dlq(const QString &query)
{
    const auto r = m_api->get(QStringLiteral("/v2/dlq") + query);
    if (r.status != 200)
        qWarning() << r.status << r.body;
    return r.json().value(QStringLiteral("messages")).toArray();
}

void tst_Semantics::failedMessageLandsInDlq()
{
    const QString id = failForGood(QStringLiteral("/dead"), {{"Upstash-Label", "L"}});
    const QJsonArray entries = dlq();
    QCOMPARE(entries.size(), 1);
    const QJsonObject e = entries.at(0).toObject();
    QCOMPARE(e.value(QStringLiteral("messageId")).toString(), id);
    QCOMPARE(e.value(QStringLiteral("responseStatus")).toInt(), 500);
    QCOMPARE(e.value(QStringLiteral("responseBody")).toString(), QStringLiteral("it broke"));
    QCOMPARE(e.value(QStringLiteral("responseHeader"))
                 .toObject()
                 .value(QStringLiteral("X-Why"))
                 .toArray(),
             QJsonArray{QStringLiteral("broken")});
    QCOMPARE(e.value(QStringLiteral("url")).toString(), m_sink->url(QStringLiteral("/dead")));
    QCOMPARE(e.value(QStringLiteral("label")).toString(), QStringLiteral("L"));
    const QString dlqId = e.value(QStringLiteral("dlqId")).toString();
    QVERIFY(!dlqId.isEmpty());
    QCOMPARE(m_api->get(QStringLiteral("/v2/dlq/") + dlqId)
                 .json()
                 .value(QStringLiteral("messageId"))
                 .toString(),
             id);
    QCOMPARE(m_api->get(QStringLiteral("/v2/dlq/nope")).status, 404);
    QVERIFY(!m_api->get(QStringLiteral("/v2/dlq")).json().contains(QStringLiteral("cursor")));
    // The FAILED log event names the DLQ entry.
    const QJsonArray events = m_api->get(QStringLiteral("/v2/events?state=FAILED"))
                                  .json()
                                  .value(QStringLiteral("events"))
                                  .toArray();
    QCOMPARE(events.at(0).toObject().value(QStringLiteral("dlqId")).toString(), dlqId);
}

void tst_Semantics::dlqFiltersAndPaging()
{
    failForGood(QStringLiteral("/a"), {{"Upstash-Label", "one"}});
    failForGood(QStringLiteral("/b"), {{"Upstash-Label", "two"}});
    m_sink->respond(QStringLiteral("/c"), SinkResponse{404, {}, "nope", 0});
    publish(QStringLiteral("/c"), {{"Upstash-Retries", "0"}});
    QTRY_COMPARE(m_broker->service().counts().value(QStringLiteral("FAILED")).toLongLong(), 3);

    QCOMPARE(dlq().size(), 3);
    QCOMPARE(dlq(QStringLiteral("?label=one")).size(), 1);
    QCOMPARE(dlq(QStringLiteral("?label=one,two")).size(), 2);
    QCOMPARE(dlq(QStringLiteral("?label=one&label=two")).size(), 2);
    QCOMPARE(dlq(QStringLiteral("?responseStatus=404")).size(), 1);
    QCOMPARE(dlq(QStringLiteral("?url=") +
                 QString::fromLatin1(QUrl::toPercentEncoding(m_sink->url(QStringLiteral("/a")))))
                 .size(),
             1);
    QCOMPARE(dlq(QStringLiteral("?fromDate=%1").arg(TestBroker::StartMs + 1)).size(), 0);
    QCOMPARE(dlq(QStringLiteral("?toDate=%1").arg(TestBroker::StartMs)).size(), 3);
    QCOMPARE(m_api->get(QStringLiteral("/v2/dlq?labeel=x")).status, 400);
    QCOMPARE(m_api->get(QStringLiteral("/v2/dlq?host=x")).status, 400); // not a DLQ filter (§9.1)

    // Cursor paging: count=1 gives a cursor until the last page.
    QStringList seen;
    QString cursor;
    for (int page = 0; page < 5; ++page) {
        const auto r =
            m_api->get(QStringLiteral("/v2/dlq?count=1") +
                       (cursor.isEmpty() ? QString() : QStringLiteral("&cursor=") + cursor));
        const QJsonArray items = r.json().value(QStringLiteral("messages")).toArray();
        QCOMPARE(items.size(), 1);
        seen.append(items.at(0).toObject().value(QStringLiteral("dlqId")).toString());
        cursor = r.json().value(QStringLiteral("cursor")).toString();
        if (cursor.isEmpty())
            break;
    }
    QCOMPARE(seen.size(), 3);
    QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), 3);
}

void tst_Semantics::dlqDeleteOneManyAndByFilter()
{
    // d1 is kept; the listing is newest first, so ids[0] is d4 and ids[1] is d3.
    for (const char *p : {"/d1", "/d2", "/d3", "/d4"})
        failForGood(QString::fromLatin1(p),
                    {{"Upstash-Label", p == QByteArray("/d1") ? "keep" : "drop"}});
    const QJsonArray all = dlq();
    QCOMPARE(all.size(), 4);
    QStringList ids;
    for (const QJsonValue &v : all)
        ids.append(v.toObject().value(QStringLiteral("dlqId")).toString());

    auto r = m_api->send("DELETE", QStringLiteral("/v2/dlq/") + ids.at(0));
    QCOMPARE(r.status, 200);
    QCOMPARE(m_api->send("DELETE", QStringLiteral("/v2/dlq/") + ids.at(0)).status, 404);
    r = m_api->send("DELETE", QStringLiteral("/v2/dlq"),
                    QByteArrayLiteral("{\"dlqIds\":[\"") + ids.at(1).toLatin1() + "\"]}",
                    {{"Content-Type", "application/json"}});
    QCOMPARE(r.json().value(QStringLiteral("deleted")).toInt(), 1);
    r = m_api->send("DELETE", QStringLiteral("/v2/dlq?url=https://nomatch.example"));
    QCOMPARE(r.json().value(QStringLiteral("deleted")).toInt(), 0);
    QVERIFY(!r.json().contains(QStringLiteral("cursor")));
    r = m_api->send("DELETE", QStringLiteral("/v2/dlq?label=drop"));
    QCOMPARE(r.json().value(QStringLiteral("deleted")).toInt(), 1);
    QCOMPARE(dlq().size(), 1);
    QCOMPARE(dlq().at(0).toObject().value(QStringLiteral("label")).toString(),
             QStringLiteral("keep"));
    r = m_api->send("DELETE", QStringLiteral("/v2/dlq?count=100"));
    QCOMPARE(r.json().value(QStringLiteral("deleted")).toInt(), 1);
    QCOMPARE(dlq().size(), 0);
}

void tst_Semantics::dlqRetryMakesANewMessageAndRemovesEntry()
{
    const QString id = failForGood(QStringLiteral("/replay"));
    const QString dlqId = dlq().at(0).toObject().value(QStringLiteral("dlqId")).toString();
    m_sink->respond(QStringLiteral("/replay"), SinkResponse{});
    auto r = m_api->send("POST", QStringLiteral("/v2/dlq/retry/") + dlqId, {},
                         {{"Upstash-Retries", "2"}});
    QCOMPARE(r.status, 201);
    const QString fresh = r.json().value(QStringLiteral("messageId")).toString();
    QVERIFY(!fresh.isEmpty() && fresh != id);
    QVERIFY(m_sink->waitFor(2, QStringLiteral("/replay")));
    QCOMPARE(m_sink->requestsTo(QStringLiteral("/replay")).constLast().header("upstash-message-id"),
             fresh.toLatin1());
    QCOMPARE(m_api->get(QStringLiteral("/v2/messages/") + fresh)
                 .json()
                 .value(QStringLiteral("maxRetries"))
                 .toInt(),
             2);
    QCOMPARE(m_api->send("DELETE", QStringLiteral("/v2/dlq/") + dlqId).status, 404);
    QCOMPARE(m_api->send("POST", QStringLiteral("/v2/dlq/retry/") + dlqId).status, 404);

    // Bulk retry by filter with a count, then everything.
    m_sink->respond(QStringLiteral("/replay"), SinkResponse{500, {}, "x", 0});
    failForGood(QStringLiteral("/replay"), {{"Upstash-Label", "L"}});
    failForGood(QStringLiteral("/replay"), {{"Upstash-Label", "L"}});
    failForGood(QStringLiteral("/replay"), {{"Upstash-Label", "M"}});
    m_sink->respond(QStringLiteral("/replay"), SinkResponse{});
    r = m_api->send("POST", QStringLiteral("/v2/dlq/retry?label=L&count=1"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("responses")).toArray().size(), 1);
    QVERIFY(r.json().contains(QStringLiteral("cursor")));
    r = m_api->send("POST", QStringLiteral("/v2/dlq/retry"));
    QCOMPARE(r.json().value(QStringLiteral("responses")).toArray().size(), 2);
    QVERIFY(!r.json().contains(QStringLiteral("cursor")));
}

void tst_Semantics::dlqSurvivesRestart()
{
    failForGood(QStringLiteral("/kept"));
    const QString dlqId = dlq().at(0).toObject().value(QStringLiteral("dlqId")).toString();
    QVERIFY(m_broker->restart().ok());
    m_api = std::make_unique<ApiClient>(m_broker->baseUrl(), m_broker->token());
    QCOMPARE(m_api->get(QStringLiteral("/v2/dlq/") + dlqId).status, 200);
}

void tst_Semantics::dlqIdsMadeAtOneInstantAreUnique()
{
    // A burst of failures in one millisecond, or a fixed test clock, makes every id at the same
    // instant. Random suffixes collided there (about once in a hundred runs at 130 ids), and the
    // outcome carrying the duplicate could then never be stored.
    const qint64 now = 1725323658779;
    const QRegularExpression shape(QStringLiteral("^1725323658779-[0-9]+$"));
    QSet<QString> seen;
    for (int i = 0; i < 200000; ++i) {
        const QString id = Broker::DlqStore::newDlqId(now);
        QVERIFY2(shape.match(id).hasMatch(), qPrintable(id));
        QVERIFY2(!seen.contains(id), qPrintable(id));
        seen.insert(id);
    }
}

void tst_Semantics::callbackAfterEveryAttempt()
{
    m_sink->respondTimes(QStringLiteral("/flaky"), 1,
                         SinkResponse{503, {{"Retry-After", "1"}}, "busy", 0});
    const QString cb = m_sink->url(QStringLiteral("/cb"));
    const QString id = publish(QStringLiteral("/flaky"),
                               {{"Upstash-Callback", cb.toLatin1()},
                                {"Upstash-Retries", "1"},
                                {"Upstash-Callback-Forward-X-Cb", "yes"}},
                               "payload");
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/cb")));
    m_broker->clock().advance(1000);
    QVERIFY(m_sink->waitFor(2, QStringLiteral("/cb")));
    const auto calls = m_sink->requestsTo(QStringLiteral("/cb"));
    const QJsonObject first = QJsonDocument::fromJson(calls.at(0).body).object();
    const QJsonObject second = QJsonDocument::fromJson(calls.at(1).body).object();
    QCOMPARE(first.value(QStringLiteral("status")).toInt(), 503);
    QVERIFY(!first.contains(QStringLiteral("retried")));
    QCOMPARE(QByteArray::fromBase64(first.value(QStringLiteral("body")).toString().toLatin1()),
             QByteArray("busy"));
    QCOMPARE(second.value(QStringLiteral("status")).toInt(), 200);
    QCOMPARE(second.value(QStringLiteral("retried")).toInt(), 1);
    QCOMPARE(second.value(QStringLiteral("maxRetries")).toInt(), 1);
    QCOMPARE(second.value(QStringLiteral("sourceMessageId")).toString(), id);
    QCOMPARE(second.value(QStringLiteral("url")).toString(), m_sink->url(QStringLiteral("/flaky")));
    QCOMPARE(second.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(
        QByteArray::fromBase64(second.value(QStringLiteral("sourceBody")).toString().toLatin1()),
        QByteArray("payload"));
    QVERIFY(second.value(QStringLiteral("header")).isObject());
    QVERIFY(second.value(QStringLiteral("sourceHeader")).isObject());
    QCOMPARE(calls.at(1).header("content-type"), QByteArray("application/json"));
    QCOMPARE(calls.at(1).header("x-cb"), QByteArray("yes"));
    // Signed like any message, with sub = the callback URL.
    const auto v = Broker::Jwt::verify(calls.at(1).header("upstash-signature"),
                                       m_broker->service().signingKeys().current, calls.at(1).body,
                                       cb, m_broker->clock().nowMs() / 1000);
    QVERIFY2(v.ok(), qPrintable(v.problem));
}

void tst_Semantics::failureCallbackOnceWithDlqId()
{
    const QString fcb = m_sink->url(QStringLiteral("/fcb"));
    failForGood(QStringLiteral("/doomed"), {{"Upstash-Failure-Callback", fcb.toLatin1()}});
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/fcb")));
    const QJsonObject body =
        QJsonDocument::fromJson(m_sink->requestsTo(QStringLiteral("/fcb")).at(0).body).object();
    QCOMPARE(body.value(QStringLiteral("status")).toInt(), 500);
    QCOMPARE(body.value(QStringLiteral("dlqId")).toString(),
             dlq().at(0).toObject().value(QStringLiteral("dlqId")).toString());
    m_broker->clock().advance(86'400'000);
    QCOMPARE(m_sink->countTo(QStringLiteral("/fcb")), 1);
}

void tst_Semantics::deduplicationById()
{
    auto first = m_api->publish(m_sink->url(QStringLiteral("/dup")), "x",
                                {{"Upstash-Deduplication-Id", "d1"}});
    auto second = m_api->publish(m_sink->url(QStringLiteral("/dup")), "x",
                                 {{"Upstash-Deduplication-Id", "d1"}});
    QCOMPARE(first.status, 200);
    QCOMPARE(second.status, 202);
    QCOMPARE(second.json().value(QStringLiteral("messageId")),
             first.json().value(QStringLiteral("messageId")));
    QCOMPARE(second.json().value(QStringLiteral("deduplicated")).toBool(), true);
    QVERIFY(!first.json().contains(QStringLiteral("deduplicated")));
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/dup")));
    QTRY_COMPARE(m_broker->service().counts().value(QStringLiteral("DELIVERED")).toLongLong(), 1);
    QCOMPARE(m_sink->countTo(QStringLiteral("/dup")), 1);
}

void tst_Semantics::contentBasedDeduplicationAndWindowExpiry()
{
    const Headers h{{"Upstash-Content-Based-Deduplication", "True"},
                    {"Content-Type", "application/json"}};
    const auto a = m_api->publish(m_sink->url(QStringLiteral("/cbd")), "{\"a\":1}", h);
    const auto b = m_api->publish(m_sink->url(QStringLiteral("/cbd")), "{\"a\":1}", h);
    const auto c = m_api->publish(m_sink->url(QStringLiteral("/cbd")), "{\"a\":2}", h);
    QCOMPARE(a.status, 200);
    QCOMPARE(b.status, 202);
    QCOMPARE(c.status, 200);
    // After the window the same content is a new message.
    m_broker->clock().advance(m_broker->config().dedupWindowMs + 1);
    const auto d = m_api->publish(m_sink->url(QStringLiteral("/cbd")), "{\"a\":1}", h);
    QCOMPARE(d.status, 200);
    QVERIFY(d.json().value(QStringLiteral("messageId")) !=
            a.json().value(QStringLiteral("messageId")));
}

void tst_Semantics::bulkCancelByIdsFiltersAndAll()
{
    const Headers later{{"Upstash-Delay", "10d"}};
    const QString a =
        publish(QStringLiteral("/p1"), later + Headers{{"Upstash-Flow-Control-Key", "A"}});
    const QString b =
        publish(QStringLiteral("/p2"), later + Headers{{"Upstash-Flow-Control-Key", "B"}});
    publish(QStringLiteral("/p3"), later + Headers{{"Upstash-Flow-Control-Key", "C"}});
    publish(QStringLiteral("/p4"), later + Headers{{"Upstash-Label", "L"}});
    publish(QStringLiteral("/p5"), later + Headers{{"Upstash-Label", "L"}});
    publish(QStringLiteral("/p6"), later);

    auto r =
        m_api->send("DELETE", QStringLiteral("/v2/messages?messageIds=%1&messageIds=%2").arg(a, b));
    QCOMPARE(r.json().value(QStringLiteral("cancelled")).toInt(), 2);
    r = m_api->send("DELETE", QStringLiteral("/v2/messages?flowControlKey=A,B,C"));
    QCOMPARE(r.json().value(QStringLiteral("cancelled")).toInt(), 1);
    r = m_api->send("DELETE", QStringLiteral("/v2/messages?label=L&count=1"));
    QCOMPARE(r.json().value(QStringLiteral("cancelled")).toInt(), 1);
    r = m_api->send("DELETE", QStringLiteral("/v2/messages?path=/nothing"));
    QCOMPARE(r.json().value(QStringLiteral("cancelled")).toInt(), 0);
    r = m_api->send("DELETE", QStringLiteral("/v2/messages?host=127.0.0.1&path=/p6"));
    QCOMPARE(r.json().value(QStringLiteral("cancelled")).toInt(), 1);
    r = m_api->send("DELETE", QStringLiteral("/v2/messages"));
    QCOMPARE(r.json().value(QStringLiteral("cancelled")).toInt(), 1);
    r = m_api->send("DELETE", QStringLiteral("/v2/messages"), "{\"messageIds\":[\"msg_none\"]}");
    QCOMPARE(r.json().value(QStringLiteral("cancelled")).toInt(), 0);
    QCOMPARE(m_api->send("DELETE", QStringLiteral("/v2/messages?labeel=x")).status, 400);
    QCOMPARE(m_broker->service().counts().value(QStringLiteral("CANCELED")).toLongLong(), 6);
    m_broker->clock().advance(11LL * 86'400'000);
    QCOMPARE(m_sink->requests().size(), 0);
}

void tst_Semantics::redactionHidesValuesButDeliversThem()
{
    const QString id = publish(QStringLiteral("/secret"),
                               {{"Upstash-Redact-Fields", "body, header[Authorization]"},
                                {"Upstash-Forward-Authorization", "Bearer z"},
                                {"Upstash-Forward-X-Visible", "v"},
                                {"Upstash-Delay", "1s"}},
                               "{\"secret\":\"s\"}");
    const QJsonObject m = m_api->get(QStringLiteral("/v2/messages/") + id).json();
    QVERIFY(m.value(QStringLiteral("body")).toString().startsWith(QStringLiteral("REDACTED:")));
    const QJsonObject header = m.value(QStringLiteral("header")).toObject();
    QVERIFY(header.value(QStringLiteral("Authorization"))
                .toArray()
                .at(0)
                .toString()
                .startsWith(QStringLiteral("REDACTED:")));
    QCOMPARE(header.value(QStringLiteral("X-Visible")).toArray().at(0).toString(),
             QStringLiteral("v"));
    m_broker->clock().advance(1000);
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/secret")));
    const auto got = m_sink->requests().constFirst();
    QCOMPARE(got.body, QByteArray("{\"secret\":\"s\"}"));
    QCOMPARE(got.header("authorization"), QByteArray("Bearer z"));
    const QByteArray logs = m_api->get(QStringLiteral("/v2/events?messageId=") + id).body;
    QVERIFY(!logs.contains("Bearer z"));
    QVERIFY(!logs.contains(QByteArray("{\"secret\":\"s\"}").toBase64()));
}

QTEST_GUILESS_MAIN(tst_Semantics)
#include "tst_semantics.moc"
