// The HTTP API against a real broker on 127.0.0.1:0 and a real local receiver: publish and the
// delivered request, signatures, auth, errors, messages, logs and keys.

#include "apiclient.h"
#include "httpsink.h"
#include "signing/jwt.h"
#include "testbroker.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace TestSupport;

class tst_Publish : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void publishDeliversWithQStashHeaders();
    void signatureVerifiesWithCurrentKey();
    void destinationQueryAndEncodingArriveIntact();
    void methodAndForwardedHeaders();
    void queryParameterConfigAndTokenAreStripped();
    void authIsRequired_data();
    void authIsRequired();
    void badInputIsRejected_data();
    void badInputIsRejected();
    void unknownRouteAndWrongMethodAreJson();
    void oversizeBodyIsRejected();
    void headerFloodIsRejected();
    void hostHeaderGuard();
    void getMessageShowsStoredFields();
    void cancelPendingMessage();
    void logsShowLifecycleAndPage();
    void logFiltersRejectUnknownKeys();
    void plainMessageEventsCarryTheirColumns();
    void keysRotateAndSurviveRestart();

private:
    std::unique_ptr<TestBroker> m_broker;
    std::unique_ptr<HttpSink> m_sink;
    std::unique_ptr<ApiClient> m_api;
};

void tst_Publish::init()
{
    m_sink = std::make_unique<HttpSink>();
    QVERIFY(m_sink->start());
    m_broker = std::make_unique<TestBroker>();
    const auto st = m_broker->start();
    QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().message));
    m_api = std::make_unique<ApiClient>(m_broker->baseUrl(), m_broker->token());
}

void tst_Publish::cleanup()
{
    m_api.reset();
    m_broker.reset();
    m_sink.reset();
}

void tst_Publish::publishDeliversWithQStashHeaders()
{
    const auto r = m_api->publish(
        m_sink->url(QStringLiteral("/json")), QByteArrayLiteral(R"({"hello":"world"})"),
        {{"Content-Type", "application/json"},
         {"Upstash-Forward-Test-Header", "value-uppercase, value-lowercase"}});
    QCOMPARE(r.status, 200);
    const QString id = r.json().value(QStringLiteral("messageId")).toString();
    QVERIFY(id.startsWith(QStringLiteral("msg_")));
    QCOMPARE(r.json().value(QStringLiteral("url")).toString(),
             m_sink->url(QStringLiteral("/json")));
    QVERIFY(r.header("content-type").startsWith("application/json"));

    QVERIFY(m_sink->waitFor(1, QStringLiteral("/json")));
    const ReceivedRequest got = m_sink->requestsTo(QStringLiteral("/json")).constFirst();
    QCOMPARE(got.method, QByteArray("POST"));
    QCOMPARE(got.body, QByteArray(R"({"hello":"world"})"));
    QCOMPARE(got.header("content-type"), QByteArray("application/json"));
    QCOMPARE(got.header("test-header"), QByteArray("value-uppercase, value-lowercase"));
    QCOMPARE(got.header("user-agent"), QByteArray("Upstash-QStash"));
    QCOMPARE(got.header("upstash-message-id"), id.toLatin1());
    QCOMPARE(got.header("upstash-retried"), QByteArray("0"));
    QVERIFY(!got.header("upstash-signature").isEmpty());
    QVERIFY(got.header("authorization").isEmpty());
    QVERIFY(got.header("upstash-forward-test-header").isEmpty());
}

void tst_Publish::signatureVerifiesWithCurrentKey()
{
    const QString url = m_sink->url(QStringLiteral("/signed?x=1"));
    QCOMPARE(m_api->publish(url, "body bytes").status, 200);
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/signed")));
    const ReceivedRequest got = m_sink->requestsTo(QStringLiteral("/signed")).constFirst();
    const auto keys = m_broker->service().signingKeys();
    const qint64 now = TestBroker::StartMs / 1000;
    auto v = Broker::Jwt::verify(got.header("upstash-signature"), keys.current, got.body, url, now);
    QVERIFY2(v.ok(), qPrintable(v.problem));
    QCOMPARE(v.claims.value(QStringLiteral("iss")).toString(), QStringLiteral("Upstash"));
    QCOMPARE(qint64(v.claims.value(QStringLiteral("exp")).toDouble()) - now, qint64(300));
    v = Broker::Jwt::verify(got.header("upstash-signature"), keys.current, "tampered", url, now);
    QVERIFY(!v.ok());
    v = Broker::Jwt::verify(got.header("upstash-signature"), keys.next, got.body, url, now);
    QVERIFY(!v.signatureValid);
}

void tst_Publish::destinationQueryAndEncodingArriveIntact()
{
    const QString target = QStringLiteral("/caf%C3%A9/a%20b?x=1&y=%2F&z=a%2Bb&list=1&list=2");
    QCOMPARE(m_api->publish(m_sink->url(target), {}, {{"Upstash-Method", "GET"}}).status, 200);
    QVERIFY(m_sink->waitFor(1));
    const ReceivedRequest got = m_sink->requests().constFirst();
    QCOMPARE(got.method, QByteArray("GET"));
    QCOMPARE(got.target(), target);
}

void tst_Publish::methodAndForwardedHeaders()
{
    QCOMPARE(m_api
                 ->publish(m_sink->url(QStringLiteral("/put")), "x",
                           {{"Upstash-Method", "put"},
                            {"Upstash-Forward-Authorization", "Bearer user-token"},
                            {"Upstash-Telemetry-Sdk", "upstash-qstash-js@2.12.0"},
                            {"X-Not-Forwarded", "1"}})
                 .status,
             200);
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/put")));
    const ReceivedRequest got = m_sink->requests().constFirst();
    QCOMPARE(got.method, QByteArray("PUT"));
    QCOMPARE(got.header("authorization"), QByteArray("Bearer user-token"));
    QVERIFY(got.header("upstash-telemetry-sdk").isEmpty());
    QVERIFY(got.header("x-not-forwarded").isEmpty());
}

void tst_Publish::queryParameterConfigAndTokenAreStripped()
{
    ApiClient anonymous(m_broker->baseUrl());
    const QString path = QStringLiteral("/v2/publish/") + m_sink->url(QStringLiteral("/wh")) +
                         QStringLiteral("?keep=1&qstash_token=") + m_broker->token() +
                         QStringLiteral("&upstash-method=PATCH&upstash-forward-x-hook=yes");
    const auto r = anonymous.send("POST", path, "hi");
    QCOMPARE(r.status, 200);
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/wh")));
    const ReceivedRequest got = m_sink->requests().constFirst();
    QCOMPARE(got.target(), QStringLiteral("/wh?keep=1"));
    QCOMPARE(got.method, QByteArray("PATCH"));
    QCOMPARE(got.header("x-hook"), QByteArray("yes"));
}

void tst_Publish::authIsRequired_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::newRow("missing") << QByteArray();
    QTest::newRow("wrong token") << QByteArray("Bearer nope");
    QTest::newRow("not bearer") << QByteArray("Basic abc");
    QTest::newRow("empty bearer") << QByteArray("Bearer ");
}

void tst_Publish::authIsRequired()
{
    QFETCH(QByteArray, authorization);
    ApiClient anonymous(m_broker->baseUrl());
    Headers headers;
    if (!authorization.isEmpty())
        headers.append({"Authorization", authorization});
    const auto r = anonymous.send(
        "POST", QStringLiteral("/v2/publish/") + m_sink->url(QStringLiteral("/a")), "x", headers);
    QCOMPARE(r.status, 401);
    QVERIFY(r.json().contains(QStringLiteral("error")));
    QCOMPARE(anonymous.get(QStringLiteral("/v2/keys")).status, 401);
    QCOMPARE(m_broker->service().counts().value(QStringLiteral("PENDING")).toLongLong(), 0);
}

void tst_Publish::badInputIsRejected_data()
{
    QTest::addColumn<QString>("destination");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("errorContains");
    const QString ok = QStringLiteral("http://127.0.0.1:9/x");
    QTest::newRow("ftp scheme") << QStringLiteral("ftp://example.com/x") << QByteArray()
                                << QByteArray() << 400 << QStringLiteral("scheme");
    QTest::newRow("mailto") << QStringLiteral("mailto:a@b.c") << QByteArray() << QByteArray() << 400
                            << QStringLiteral("scheme");
    QTest::newRow("no host") << QStringLiteral("http:///x") << QByteArray() << QByteArray() << 400
                             << QStringLiteral("host");
    QTest::newRow("bad port") << QStringLiteral("http://127.0.0.1:99999/x") << QByteArray()
                              << QByteArray() << 400 << QStringLiteral("destination");
    QTest::newRow("garbage") << QStringLiteral("not%20a%20url") << QByteArray() << QByteArray()
                             << 400 << QStringLiteral("destination");
    QTest::newRow("unknown group") << QStringLiteral("no-such-group") << QByteArray()
                                   << QByteArray() << 404 << QStringLiteral("no-such-group");
    QTest::newRow("method") << ok << QByteArray("Upstash-Method") << QByteArray("FETCH") << 400
                            << QStringLiteral("Upstash-Method");
    QTest::newRow("delay text") << ok << QByteArray("Upstash-Delay") << QByteArray("soon") << 400
                                << QStringLiteral("Upstash-Delay");
    QTest::newRow("delay negative") << ok << QByteArray("Upstash-Delay") << QByteArray("-5s") << 400
                                    << QStringLiteral("Upstash-Delay");
    QTest::newRow("delay unit") << ok << QByteArray("Upstash-Delay") << QByteArray("5y") << 400
                                << QStringLiteral("Upstash-Delay");
    QTest::newRow("delay overflow")
        << ok << QByteArray("Upstash-Delay") << QByteArray("999999999999999999d") << 400
        << QStringLiteral("Upstash-Delay");
    QTest::newRow("not-before text")
        << ok << QByteArray("Upstash-Not-Before") << QByteArray("tomorrow") << 400
        << QStringLiteral("Upstash-Not-Before");
    QTest::newRow("not-before negative")
        << ok << QByteArray("Upstash-Not-Before") << QByteArray("-1") << 400
        << QStringLiteral("Upstash-Not-Before");
    QTest::newRow("retries negative") << ok << QByteArray("Upstash-Retries") << QByteArray("-1")
                                      << 400 << QStringLiteral("Upstash-Retries");
    QTest::newRow("retries text") << ok << QByteArray("Upstash-Retries") << QByteArray("three")
                                  << 400 << QStringLiteral("Upstash-Retries");
    QTest::newRow("retries too many") << ok << QByteArray("Upstash-Retries") << QByteArray("1000")
                                      << 400 << QStringLiteral("Upstash-Retries");
    QTest::newRow("timeout zero") << ok << QByteArray("Upstash-Timeout") << QByteArray("0") << 400
                                  << QStringLiteral("Upstash-Timeout");
    QTest::newRow("timeout text") << ok << QByteArray("Upstash-Timeout") << QByteArray("long")
                                  << 400 << QStringLiteral("Upstash-Timeout");
    QTest::newRow("retry delay") << ok << QByteArray("Upstash-Retry-Delay")
                                 << QByteArray("system(1)") << 400
                                 << QStringLiteral("Upstash-Retry-Delay");
    QTest::newRow("callback scheme")
        << ok << QByteArray("Upstash-Callback") << QByteArray("ftp://x/cb") << 400
        << QStringLiteral("Upstash-Callback");
    QTest::newRow("dedup bool") << ok << QByteArray("Upstash-Content-Based-Deduplication")
                                << QByteArray("maybe") << 400 << QStringLiteral("Deduplication");
    QTest::newRow("flow value key")
        << ok << QByteArray("Upstash-Flow-Control-Value") << QByteArray("rate=1") << 400
        << QStringLiteral("Flow-Control-Key");
    QTest::newRow("redact") << ok << QByteArray("Upstash-Redact-Fields") << QByteArray("everything")
                            << 400 << QStringLiteral("Redact");
}

void tst_Publish::badInputIsRejected()
{
    QFETCH(QString, destination);
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, value);
    QFETCH(int, status);
    QFETCH(QString, errorContains);
    Headers headers;
    if (!header.isEmpty())
        headers.append({header, value});
    const auto r = m_api->publish(destination, "x", headers);
    QCOMPARE(r.status, status);
    const QString error = r.json().value(QStringLiteral("error")).toString();
    QVERIFY2(error.contains(errorContains, Qt::CaseInsensitive), qPrintable(error));
    QCOMPARE(m_broker->service().counts().value(QStringLiteral("PENDING")).toLongLong(), 0);
}

void tst_Publish::unknownRouteAndWrongMethodAreJson()
{
    auto r = m_api->get(QStringLiteral("/v2/nothing-here"));
    QCOMPARE(r.status, 404);
    QVERIFY(
        r.json().value(QStringLiteral("error")).toString().contains(QStringLiteral("not found")));
    r = m_api->send("PUT", QStringLiteral("/v2/keys"));
    QCOMPARE(r.status, 405);
    QVERIFY(r.json().contains(QStringLiteral("error")));
    // Fixed words match case-insensitively (the Go SDK sends /v2/Schedules/...).
    QCOMPARE(m_api->get(QStringLiteral("/V2/Keys")).status, 200);
}

void tst_Publish::oversizeBodyIsRejected()
{
    const QByteArray big(int(m_broker->config().maxBodyBytes) + 1, 'x');
    const auto r = m_api->publish(m_sink->url(QStringLiteral("/big")), big, {{"Expect", ""}});
    QCOMPARE(r.status, 413);
    QVERIFY(
        r.json().value(QStringLiteral("error")).toString().contains(QStringLiteral("too large")));
    QCOMPARE(m_broker->service().counts().value(QStringLiteral("PENDING")).toLongLong(), 0);
}

void tst_Publish::headerFloodIsRejected()
{
    // Qt 6.4 silently drops all headers past 100 fields; the broker must refuse such a request
    // instead of acting on a header-less (and unauthenticated-looking) remainder.
    Headers headers;
    for (int i = 0; i < 120; ++i)
        headers.append({"X-Filler-" + QByteArray::number(i), "1"});
    const auto r = m_api->publish(m_sink->url(QStringLiteral("/flood")), "x", headers);
    QVERIFY2(r.status == 431 || r.status == 0, qPrintable(QString::number(r.status)));
    QCOMPARE(m_sink->countTo(QStringLiteral("/flood")), 0);
    // The broker still answers afterwards.
    QCOMPARE(m_api->get(QStringLiteral("/v2/keys")).status, 200);
}

void tst_Publish::hostHeaderGuard()
{
    auto r = m_api->send("GET", QStringLiteral("/v2/keys"), {}, {{"Host", "evil.example.com"}});
    QCOMPARE(r.status, 400);
    QVERIFY(r.json().value(QStringLiteral("error")).toString().contains(QStringLiteral("Host")));
    r = m_api->send("GET", QStringLiteral("/v2/keys"), {}, {{"Host", "localhost:8080"}});
    QCOMPARE(r.status, 200);
}

void tst_Publish::getMessageShowsStoredFields()
{
    const auto r = m_api->publish(m_sink->url(QStringLiteral("/later")), "plain body",
                                  {{"Content-Type", "text/plain"},
                                   {"Upstash-Delay", "60s"},
                                   {"Upstash-Retries", "5"},
                                   {"Upstash-Label", "a,b"},
                                   {"upstash-forward-bypass-tunnel-reminder", "t"},
                                   {"Upstash-Retry-Delay", "1000 * retried"},
                                   {"Upstash-Callback", "http://127.0.0.1:9/cb"}});
    QCOMPARE(r.status, 200);
    const QString id = r.json().value(QStringLiteral("messageId")).toString();
    const auto g = m_api->get(QStringLiteral("/v2/messages/") + id);
    QCOMPARE(g.status, 200);
    const QJsonObject m = g.json();
    QCOMPARE(m.value(QStringLiteral("messageId")).toString(), id);
    QCOMPARE(m.value(QStringLiteral("url")).toString(), m_sink->url(QStringLiteral("/later")));
    QCOMPARE(m.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(m.value(QStringLiteral("body")).toString(), QStringLiteral("plain body"));
    QCOMPARE(m.value(QStringLiteral("maxRetries")).toInt(), 5);
    QCOMPARE(qint64(m.value(QStringLiteral("createdAt")).toDouble()), TestBroker::StartMs);
    QCOMPARE(qint64(m.value(QStringLiteral("notBefore")).toDouble()), TestBroker::StartMs + 60000);
    QCOMPARE(m.value(QStringLiteral("label")).toString(), QStringLiteral("a"));
    QCOMPARE(m.value(QStringLiteral("labels")).toArray(),
             (QJsonArray{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(m.value(QStringLiteral("retryDelayExpression")).toString(),
             QStringLiteral("1000 * retried"));
    QCOMPARE(m.value(QStringLiteral("callback")).toString(),
             QStringLiteral("http://127.0.0.1:9/cb"));
    const QJsonObject header = m.value(QStringLiteral("header")).toObject();
    QCOMPARE(header.value(QStringLiteral("Bypass-Tunnel-Reminder")).toArray(),
             QJsonArray{QStringLiteral("t")});
    QCOMPARE(header.value(QStringLiteral("Content-Type")).toArray(),
             QJsonArray{QStringLiteral("text/plain")});
    QVERIFY(!header.contains(QStringLiteral("Upstash-Forward-Bypass-Tunnel-Reminder")));
    QCOMPARE(m_api->get(QStringLiteral("/v2/messages/msg_unknown")).status, 404);
}

void tst_Publish::cancelPendingMessage()
{
    const auto r =
        m_api->publish(m_sink->url(QStringLiteral("/c")), "x", {{"Upstash-Delay", "10d"}});
    const QString id = r.json().value(QStringLiteral("messageId")).toString();
    auto c = m_api->send("DELETE", QStringLiteral("/v2/messages/") + id);
    QCOMPARE(c.status, 200);
    QCOMPARE(c.json().value(QStringLiteral("cancelled")).toInt(), 1);
    QCOMPARE(m_api->get(QStringLiteral("/v2/messages/") + id).status, 404);
    QCOMPARE(m_api->send("DELETE", QStringLiteral("/v2/messages/") + id).status, 404);
    const auto logs = m_api->get(QStringLiteral("/v2/events?messageId=") + id);
    QStringList states;
    for (const QJsonValue &e : logs.json().value(QStringLiteral("events")).toArray())
        states.prepend(e.toObject().value(QStringLiteral("state")).toString());
    QCOMPARE(states, (QStringList{QStringLiteral("CREATED"), QStringLiteral("CANCEL_REQUESTED"),
                                  QStringLiteral("CANCELED")}));
    m_broker->clock().advance(11LL * 24 * 3600 * 1000);
    QCOMPARE(m_sink->countTo(QStringLiteral("/c")), 0);
}

void tst_Publish::logsShowLifecycleAndPage()
{
    const auto r =
        m_api->publish(m_sink->url(QStringLiteral("/logged")), "x", {{"Upstash-Label", "L1"}});
    const QString id = r.json().value(QStringLiteral("messageId")).toString();
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/logged")));
    QTRY_COMPARE(m_broker->service().counts().value(QStringLiteral("DELIVERED")).toLongLong(), 1);

    const auto logs = m_api->get(QStringLiteral("/v2/events?messageId=") + id);
    QCOMPARE(logs.status, 200);
    const QJsonArray events = logs.json().value(QStringLiteral("events")).toArray();
    QCOMPARE(logs.json().value(QStringLiteral("logs")).toArray(), events);
    QStringList states;
    for (const QJsonValue &e : events) {
        const QJsonObject o = e.toObject();
        states.prepend(o.value(QStringLiteral("state")).toString());
        QCOMPARE(o.value(QStringLiteral("messageId")).toString(), id);
        QCOMPARE(o.value(QStringLiteral("url")).toString(), m_sink->url(QStringLiteral("/logged")));
        QVERIFY(o.value(QStringLiteral("time")).toDouble() > 0);
        QCOMPARE(o.value(QStringLiteral("body")).toString(), QStringLiteral("eA==")); // base64("x")
    }
    QCOMPARE(states, (QStringList{QStringLiteral("CREATED"), QStringLiteral("ACTIVE"),
                                  QStringLiteral("DELIVERED")}));
    QVERIFY(!logs.json().contains(QStringLiteral("cursor")));

    // Filters: OR within a key, AND across keys; IN_PROGRESS groups the in-flight states.
    QCOMPARE(m_api->get(QStringLiteral("/v2/logs?state=DELIVERED&label=L1"))
                 .json()
                 .value(QStringLiteral("logs"))
                 .toArray()
                 .size(),
             1);
    QCOMPARE(m_api->get(QStringLiteral("/v2/logs?state=DELIVERED&label=L2"))
                 .json()
                 .value(QStringLiteral("logs"))
                 .toArray()
                 .size(),
             0);
    QCOMPARE(m_api->get(QStringLiteral("/v2/logs?state=CREATED,DELIVERED"))
                 .json()
                 .value(QStringLiteral("logs"))
                 .toArray()
                 .size(),
             2);
    QCOMPARE(m_api->get(QStringLiteral("/v2/logs?state=IN_PROGRESS"))
                 .json()
                 .value(QStringLiteral("logs"))
                 .toArray()
                 .size(),
             1);
    QCOMPARE(m_api->get(QStringLiteral("/v2/logs?path=/logged&host=127.0.0.1"))
                 .json()
                 .value(QStringLiteral("logs"))
                 .toArray()
                 .size(),
             3);
    QCOMPARE(m_api->get(QStringLiteral("/v2/logs?fromDate=%1").arg(TestBroker::StartMs + 1))
                 .json()
                 .value(QStringLiteral("logs"))
                 .toArray()
                 .size(),
             0);

    // Paging: newest first, cursor absent on the last page.
    QSet<QString> seen;
    QString cursor;
    int pages = 0;
    do {
        const auto page =
            m_api->get(QStringLiteral("/v2/events?count=1") +
                       (cursor.isEmpty() ? QString() : QStringLiteral("&cursor=") + cursor));
        QCOMPARE(page.status, 200);
        const QJsonArray items = page.json().value(QStringLiteral("events")).toArray();
        QCOMPARE(items.size(), 1);
        seen.insert(items.at(0).toObject().value(QStringLiteral("state")).toString());
        cursor = page.json().value(QStringLiteral("cursor")).toString();
        ++pages;
    } while (!cursor.isEmpty() && pages < 10);
    QCOMPARE(pages, 3);
    QCOMPARE(seen.size(), 3);
}

void tst_Publish::plainMessageEventsCarryTheirColumns()
{
    // No label, group, queue, schedule or flow key: CREATED and ACTIVE are stored by one
    // statement. Each row must still carry what the filters look at.
    const QString url = m_sink->url(QStringLiteral("/plain/path?q=1"));
    const QString id =
        m_api->publish(url, "p").json().value(QStringLiteral("messageId")).toString();
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/plain/path")));
    const auto states = [&](const QString &filter) {
        const auto r = m_api->get(QStringLiteral("/v2/logs?messageId=%1&%2").arg(id, filter));
        QStringList out;
        for (const QJsonValue &e : r.json().value(QStringLiteral("logs")).toArray()) {
            const QJsonObject o = e.toObject();
            if (o.value(QStringLiteral("url")).toString() == url &&
                o.value(QStringLiteral("time")).toDouble() == double(TestBroker::StartMs))
                out.prepend(o.value(QStringLiteral("state")).toString());
        }
        return out;
    };
    QTRY_COMPARE(states(QStringLiteral("host=127.0.0.1&path=/plain/path")),
                 (QStringList{QStringLiteral("CREATED"), QStringLiteral("ACTIVE"),
                              QStringLiteral("DELIVERED")}));
    QCOMPARE(states(QStringLiteral("callerIp=127.0.0.1&state=CREATED,ACTIVE")),
             (QStringList{QStringLiteral("CREATED"), QStringLiteral("ACTIVE")}));
    QCOMPARE(states(QStringLiteral("path=/other")), QStringList());
}

void tst_Publish::logFiltersRejectUnknownKeys()
{
    auto r = m_api->get(QStringLiteral("/v2/events?labeel=x"));
    QCOMPARE(r.status, 400);
    QVERIFY(r.json().value(QStringLiteral("error")).toString().contains(QStringLiteral("labeel")));
    QCOMPARE(m_api->get(QStringLiteral("/v2/events?count=0")).status, 400);
    QCOMPARE(m_api->get(QStringLiteral("/v2/events?cursor=abc")).status, 400);
    QCOMPARE(m_api->get(QStringLiteral("/v2/events?fromDate=yesterday")).status, 400);
    r = m_api->get(QStringLiteral("/v2/events"));
    QCOMPARE(r.status, 200);
    QVERIFY(r.json().value(QStringLiteral("events")).isArray());
}

void tst_Publish::keysRotateAndSurviveRestart()
{
    auto k = m_api->get(QStringLiteral("/v2/keys"));
    QCOMPARE(k.json().value(QStringLiteral("current")).toString(),
             QStringLiteral("sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r"));
    QCOMPARE(k.json().value(QStringLiteral("next")).toString(),
             QStringLiteral("sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs"));
    const auto rotated = m_api->send("POST", QStringLiteral("/v2/keys/rotate"));
    QCOMPARE(rotated.status, 200);
    QCOMPARE(rotated.json().value(QStringLiteral("current")).toString(),
             QStringLiteral("sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs"));
    const QString fresh = rotated.json().value(QStringLiteral("next")).toString();
    QVERIFY(fresh.startsWith(QStringLiteral("sig_")) && fresh.size() == 32);
    // The Go SDK's alias.
    QCOMPARE(m_api->send("POST", QStringLiteral("/v2/rotate"))
                 .json()
                 .value(QStringLiteral("current"))
                 .toString(),
             fresh);

    QVERIFY(m_broker->restart().ok());
    ApiClient again(m_broker->baseUrl(), m_broker->token());
    QCOMPARE(
        again.get(QStringLiteral("/v2/keys")).json().value(QStringLiteral("current")).toString(),
        fresh);

    // Deliveries are signed with the new current key.
    const QString url = m_sink->url(QStringLiteral("/after-rotate"));
    QCOMPARE(again.publish(url, "x").status, 200);
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/after-rotate")));
    const auto got = m_sink->requestsTo(QStringLiteral("/after-rotate")).constFirst();
    const auto v = Broker::Jwt::verify(got.header("upstash-signature"), fresh, got.body, url,
                                       TestBroker::StartMs / 1000);
    QVERIFY2(v.ok(), qPrintable(v.problem));
}

QTEST_GUILESS_MAIN(tst_Publish)
#include "tst_publish.moc"
