// URL groups on a real broker: endpoint add (upsert by URL), remove (by url or name, an emptied
// group disappears), list/get/delete shapes, validation errors, persistence, and publishing to a
// group: one message per endpoint, stored together, answered as an array, deduplicated per
// endpoint.

#include "apiclient.h"
#include "httpsink.h"
#include "testbroker.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace TestSupport;

class tst_Topics : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void addGetAndList();
    void addUpsertsByUrl();
    void removeByNameAndUrlDeletesEmptiedGroup();
    void deleteGroup();
    void badInputIsRejected_data();
    void badInputIsRejected();
    void nameTakenByAnotherUrlIsRejected();
    void groupsSurviveRestart();
    void publishFansOut();
    void fanOutDeduplicatesPerEndpoint();
    void publishToUnknownGroupIs404();

private:
    ApiResponse addEndpoints(const QString &group, const QByteArray &json);
    QJsonArray endpointsJson(std::initializer_list<QPair<QString, QString>> nameUrl);

    std::unique_ptr<TestBroker> m_broker;
    std::unique_ptr<HttpSink> m_sink;
    std::unique_ptr<ApiClient> m_api;
};

void tst_Topics::init()
{
    m_sink = std::make_unique<HttpSink>();
    QVERIFY(m_sink->start());
    m_broker = std::make_unique<TestBroker>();
    QVERIFY(m_broker->start().ok());
    m_api = std::make_unique<ApiClient>(m_broker->baseUrl(), m_broker->token());
}

void tst_Topics::cleanup()
{
    m_api.reset();
    m_broker.reset();
    m_sink.reset();
}

ApiResponse tst_Topics::addEndpoints(const QString &group, const QByteArray &json)
{
    return m_api->send("POST", QStringLiteral("/v2/topics/%1/endpoints").arg(group), json,
                       {{"Content-Type", "application/json"}});
}

QJsonArray tst_Topics::endpointsJson(std::initializer_list<QPair<QString, QString>> nameUrl)
{
    QJsonArray out;
    for (const auto &[name, url] : nameUrl) {
        QJsonObject o{{QStringLiteral("url"), url}};
        if (!name.isEmpty())
            o.insert(QStringLiteral("name"), name);
        out.append(o);
    }
    return out;
}

static QByteArray body(const QJsonArray &endpoints)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("endpoints"), endpoints}})
        .toJson(QJsonDocument::Compact);
}

void tst_Topics::addGetAndList()
{
    const QString u1 = m_sink->url(QStringLiteral("/g/1"));
    const QString u2 = m_sink->url(QStringLiteral("/g/2/"));
    QCOMPARE(addEndpoints(QStringLiteral("g1"),
                          body(endpointsJson({{QStringLiteral("e1"), u1}, {QString(), u2}})))
                 .status,
             200);
    const auto got = m_api->get(QStringLiteral("/v2/topics/g1"));
    QCOMPARE(got.status, 200);
    const QJsonObject g = got.json();
    QCOMPARE(g.value(QStringLiteral("name")).toString(), QStringLiteral("g1"));
    QCOMPARE(qint64(g.value(QStringLiteral("createdAt")).toDouble()), TestBroker::StartMs);
    QCOMPARE(qint64(g.value(QStringLiteral("updatedAt")).toDouble()), TestBroker::StartMs);
    // Exactly {name, url} per endpoint, name omitted when unnamed, URLs unchanged.
    QCOMPARE(g.value(QStringLiteral("endpoints")).toArray(),
             endpointsJson({{QStringLiteral("e1"), u1}, {QString(), u2}}));
    QCOMPARE(g.keys(), (QStringList{QStringLiteral("createdAt"), QStringLiteral("endpoints"),
                                    QStringLiteral("name"), QStringLiteral("updatedAt")}));

    QCOMPARE(addEndpoints(QStringLiteral("another"), body(endpointsJson({{QString(), u1}}))).status,
             200);
    const auto list = m_api->get(QStringLiteral("/v2/topics"));
    QCOMPARE(list.status, 200);
    const QJsonArray groups = list.jsonArray();
    QCOMPARE(groups.size(), 2);
    QCOMPARE(groups.at(0).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("another"));
    QCOMPARE(groups.at(1).toObject(), g);

    const auto missing = m_api->get(QStringLiteral("/v2/topics/nope"));
    QCOMPARE(missing.status, 404);
    QVERIFY(!missing.json().value(QStringLiteral("error")).toString().isEmpty());
}

void tst_Topics::addUpsertsByUrl()
{
    const QString u1 = m_sink->url(QStringLiteral("/a"));
    const QString u2 = m_sink->url(QStringLiteral("/b"));
    QCOMPARE(addEndpoints(QStringLiteral("g"), body(endpointsJson({{QString(), u1}}))).status, 200);
    m_broker->clock().advance(1000);
    // Adding a second endpoint keeps the first; re-adding a URL with a name names it in place.
    QCOMPARE(addEndpoints(QStringLiteral("g"), body(endpointsJson({{QStringLiteral("b"), u2},
                                                                   {QStringLiteral("a"), u1}})))
                 .status,
             200);
    // An unnamed re-add keeps the name.
    QCOMPARE(addEndpoints(QStringLiteral("g"), body(endpointsJson({{QString(), u2}}))).status, 200);
    const QJsonObject g = m_api->get(QStringLiteral("/v2/topics/g")).json();
    QCOMPARE(g.value(QStringLiteral("endpoints")).toArray(),
             endpointsJson({{QStringLiteral("a"), u1}, {QStringLiteral("b"), u2}}));
    QCOMPARE(qint64(g.value(QStringLiteral("createdAt")).toDouble()), TestBroker::StartMs);
    QCOMPARE(qint64(g.value(QStringLiteral("updatedAt")).toDouble()), TestBroker::StartMs + 1000);
}

void tst_Topics::removeByNameAndUrlDeletesEmptiedGroup()
{
    const QString u1 = m_sink->url(QStringLiteral("/g/1"));
    const QString u2 = m_sink->url(QStringLiteral("/g/2"));
    QCOMPARE(addEndpoints(QStringLiteral("g1"),
                          body(endpointsJson({{QStringLiteral("e1"), u1}, {QString(), u2}})))
                 .status,
             200);
    const auto byName = m_api->send("DELETE", QStringLiteral("/v2/topics/g1/endpoints"),
                                    QByteArrayLiteral(R"({"endpoints":[{"name":"e1"}]})"),
                                    {{"Content-Type", "application/json"}});
    QCOMPARE(byName.status, 200);
    QCOMPARE(m_api->get(QStringLiteral("/v2/topics/g1"))
                 .json()
                 .value(QStringLiteral("endpoints"))
                 .toArray(),
             endpointsJson({{QString(), u2}}));
    const auto byUrl =
        m_api->send("DELETE", QStringLiteral("/v2/topics/g1/endpoints"),
                    body(endpointsJson({{QString(), u2}})), {{"Content-Type", "application/json"}});
    QCOMPARE(byUrl.status, 200);
    QCOMPARE(m_api->get(QStringLiteral("/v2/topics/g1")).status, 404);
    QCOMPARE(m_api->get(QStringLiteral("/v2/topics")).jsonArray().size(), 0);
    // Removing from a group that does not exist is a 404.
    QCOMPARE(m_api
                 ->send("DELETE", QStringLiteral("/v2/topics/g1/endpoints"),
                        body(endpointsJson({{QString(), u2}})))
                 .status,
             404);
}

void tst_Topics::deleteGroup()
{
    QCOMPARE(addEndpoints(QStringLiteral("g1"),
                          body(endpointsJson({{QString(), m_sink->url(QStringLiteral("/x"))}})))
                 .status,
             200);
    QCOMPARE(m_api->send("DELETE", QStringLiteral("/v2/topics/g1")).status, 200);
    QCOMPARE(m_api->get(QStringLiteral("/v2/topics/g1")).status, 404);
    // Idempotent: a group that vanished with its last endpoint can still be "deleted".
    QCOMPARE(m_api->send("DELETE", QStringLiteral("/v2/topics/g1")).status, 200);
}

void tst_Topics::badInputIsRejected_data()
{
    QTest::addColumn<QString>("group");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not json") << QStringLiteral("g") << QByteArray("{nope")
                              << QStringLiteral("JSON");
    QTest::newRow("no endpoints") << QStringLiteral("g") << QByteArray(R"({"x":1})")
                                  << QStringLiteral("endpoints");
    QTest::newRow("empty endpoints")
        << QStringLiteral("g") << QByteArray(R"({"endpoints":[]})") << QStringLiteral("empty");
    QTest::newRow("missing url") << QStringLiteral("g")
                                 << QByteArray(R"({"endpoints":[{"name":"a"}]})")
                                 << QStringLiteral("endpoints[0].url");
    QTest::newRow("bad scheme") << QStringLiteral("g")
                                << QByteArray("{\"endpoints\":[{\"url\":\"ftp://x/y\"}]}")
                                << QStringLiteral("scheme");
    QTest::newRow("bad endpoint name")
        << QStringLiteral("g")
        << QByteArray("{\"endpoints\":[{\"url\":\"http://127.0.0.1:1/a\"},{\"name\":\"bad "
                      "name\",\"url\":\"http://127.0.0.1:1/b\"}]}")
        << QStringLiteral("endpoints[1].name");
    QTest::newRow("bad group name")
        << QStringLiteral("bad%20group")
        << QByteArray("{\"endpoints\":[{\"url\":\"http://127.0.0.1:1/a\"}]}")
        << QStringLiteral("URL group name");
    QTest::newRow("one name, two urls")
        << QStringLiteral("g")
        << QByteArray("{\"endpoints\":[{\"name\":\"a\",\"url\":\"http://127.0.0.1:1/"
                      "a\"},{\"name\":\"a\",\"url\":\"http://127.0.0.1:1/b\"}]}")
        << QStringLiteral("two URLs");
}

void tst_Topics::badInputIsRejected()
{
    QFETCH(QString, group);
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    const auto r = addEndpoints(group, json);
    QCOMPARE(r.status, 400);
    const QString error = r.json().value(QStringLiteral("error")).toString();
    QVERIFY2(error.contains(mentions), qPrintable(error));
    QCOMPARE(m_api->get(QStringLiteral("/v2/topics")).jsonArray().size(), 0);
    // Removing needs a url or a name per element.
    QCOMPARE(m_api
                 ->send("DELETE", QStringLiteral("/v2/topics/g/endpoints"),
                        QByteArrayLiteral(R"({"endpoints":[{}]})"))
                 .status,
             400);
}

void tst_Topics::nameTakenByAnotherUrlIsRejected()
{
    QCOMPARE(addEndpoints(
                 QStringLiteral("g"),
                 body(endpointsJson({{QStringLiteral("a"), m_sink->url(QStringLiteral("/1"))}})))
                 .status,
             200);
    const auto r = addEndpoints(
        QStringLiteral("g"),
        body(endpointsJson({{QStringLiteral("a"), m_sink->url(QStringLiteral("/2"))}})));
    QCOMPARE(r.status, 400);
    QVERIFY(r.json()
                .value(QStringLiteral("error"))
                .toString()
                .contains(QStringLiteral("already used")));
    QCOMPARE(m_api->get(QStringLiteral("/v2/topics/g"))
                 .json()
                 .value(QStringLiteral("endpoints"))
                 .toArray()
                 .size(),
             1);
}

void tst_Topics::groupsSurviveRestart()
{
    const QString u1 = m_sink->url(QStringLiteral("/1"));
    QCOMPARE(
        addEndpoints(QStringLiteral("keep"), body(endpointsJson({{QStringLiteral("one"), u1}})))
            .status,
        200);
    const QJsonObject before = m_api->get(QStringLiteral("/v2/topics/keep")).json();
    QVERIFY(m_broker->restart().ok());
    m_api = std::make_unique<ApiClient>(m_broker->baseUrl(), m_broker->token());
    QCOMPARE(m_api->get(QStringLiteral("/v2/topics/keep")).json(), before);
}

void tst_Topics::publishFansOut()
{
    const QString u1 = m_sink->url(QStringLiteral("/g/1"));
    const QString u2 = m_sink->url(QStringLiteral("/g/2"));
    QCOMPARE(addEndpoints(QStringLiteral("g1"),
                          body(endpointsJson({{QStringLiteral("e1"), u1}, {QString(), u2}})))
                 .status,
             200);
    const auto r = m_api->publish(QStringLiteral("g1"), QByteArrayLiteral(R"({"n":1})"),
                                  {{"Content-Type", "application/json"},
                                   {"Upstash-Delay", "10s"},
                                   {"Upstash-Forward-X-Test", "v"}});
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.startsWith('['));
    const QJsonArray answer = r.jsonArray();
    QCOMPARE(answer.size(), 2);
    QCOMPARE(answer.at(0).toObject().value(QStringLiteral("url")).toString(), u1);
    QCOMPARE(answer.at(1).toObject().value(QStringLiteral("url")).toString(), u2);
    const QString id1 = answer.at(0).toObject().value(QStringLiteral("messageId")).toString();
    const QString id2 = answer.at(1).toObject().value(QStringLiteral("messageId")).toString();
    QVERIFY(id1.startsWith(QStringLiteral("msg_")));
    QVERIFY(id1 != id2);

    const QJsonObject m1 = m_api->get(QStringLiteral("/v2/messages/") + id1).json();
    QCOMPARE(m1.value(QStringLiteral("topicName")).toString(), QStringLiteral("g1"));
    QCOMPARE(m1.value(QStringLiteral("endpointName")).toString(), QStringLiteral("e1"));
    QCOMPARE(m1.value(QStringLiteral("url")).toString(), u1);
    const QJsonObject m2 = m_api->get(QStringLiteral("/v2/messages/") + id2).json();
    QCOMPARE(m2.value(QStringLiteral("topicName")).toString(), QStringLiteral("g1"));
    QVERIFY(!m2.contains(QStringLiteral("endpointName")));
    QCOMPARE(m2.value(QStringLiteral("notBefore")), m1.value(QStringLiteral("notBefore")));

    m_broker->clock().advance(10'000);
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/g/1")));
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/g/2")));
    for (const QString &path : {QStringLiteral("/g/1"), QStringLiteral("/g/2")}) {
        const ReceivedRequest got = m_sink->requestsTo(path).constFirst();
        QCOMPARE(got.header("upstash-topic-name"), QByteArray("g1"));
        QCOMPARE(got.header("x-test"), QByteArray("v"));
        QCOMPARE(got.body, QByteArray(R"({"n":1})"));
    }
    QCOMPARE(m_sink->requestsTo(QStringLiteral("/g/1")).constFirst().header("upstash-message-id"),
             id1.toLatin1());
}

void tst_Topics::fanOutDeduplicatesPerEndpoint()
{
    const QString u1 = m_sink->url(QStringLiteral("/d/1"));
    QCOMPARE(addEndpoints(QStringLiteral("dg"), body(endpointsJson({{QString(), u1}}))).status,
             200);
    const Headers dedup = {{"Upstash-Deduplication-Id", "same"}};
    const auto first = m_api->publish(QStringLiteral("dg"), "x", dedup);
    QCOMPARE(first.status, 200);
    // A new endpoint gets its first copy; the known one is a duplicate.
    const QString u2 = m_sink->url(QStringLiteral("/d/2"));
    QCOMPARE(addEndpoints(QStringLiteral("dg"), body(endpointsJson({{QString(), u2}}))).status,
             200);
    const auto second = m_api->publish(QStringLiteral("dg"), "x", dedup);
    QCOMPARE(second.status, 200);
    const QJsonArray a = second.jsonArray();
    QCOMPARE(a.size(), 2);
    QCOMPARE(a.at(0).toObject().value(QStringLiteral("deduplicated")).toBool(), true);
    QCOMPARE(a.at(0).toObject().value(QStringLiteral("messageId")),
             first.jsonArray().at(0).toObject().value(QStringLiteral("messageId")));
    QVERIFY(!a.at(1).toObject().contains(QStringLiteral("deduplicated")));
    // Everything a duplicate: 202, same shape.
    const auto third = m_api->publish(QStringLiteral("dg"), "x", dedup);
    QCOMPARE(third.status, 202);
    QCOMPARE(third.jsonArray().size(), 2);
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/d/2")));
    QTRY_COMPARE(m_broker->service().counts().value(QStringLiteral("DELIVERED")).toLongLong(), 2);
    QCOMPARE(m_sink->countTo(QStringLiteral("/d/1")), 1);
    QCOMPARE(m_sink->countTo(QStringLiteral("/d/2")), 1);
}

void tst_Topics::publishToUnknownGroupIs404()
{
    const auto r = m_api->publish(QStringLiteral("ghost"), "x");
    QCOMPARE(r.status, 404);
    QVERIFY(r.json().value(QStringLiteral("error")).toString().contains(QStringLiteral("ghost")));
}

QTEST_GUILESS_MAIN(tst_Topics)
#include "tst_topics.moc"
