// Schedules on a real broker and a manual clock: the JSON shape, cron ticks (first at the next
// matching minute, never early), pause/resume, overwrite by id, delete, state across restarts, a
// missed window firing once, CRON_TZ, fan-out to a URL group, lastScheduleStates, bad input.

#include "apiclient.h"
#include "httpsink.h"
#include "scheduling/scheduleservice.h"
#include "testbroker.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>

using namespace TestSupport;

namespace {
constexpr qint64 Minute = 60'000;
}

class tst_Schedules : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void createAndReadBack();
    void cronTicksOnTheManualClock();
    void failedDeliveryIsReportedAsFail();
    void pauseSkipsTicksAndResumeContinues();
    void overwriteByIdKeepsOneSchedule();
    void deleteStopsTicks();
    void restartKeepsPausedDeletedAndOverwritten();
    void missedWindowAfterRestartFiresOnce();
    void cronTzNextScheduleTime();
    void groupDestinationFansOutOnTick();
    void unknownGroupAtTickIsReported();
    void badInputIsRejected_data();
    void badInputIsRejected();

private:
    ApiResponse create(const QString &destination, const QByteArray &cron,
                       const Headers &headers = {}, const QByteArray &body = {});
    QString createId(const QString &destination, const QByteArray &cron,
                     const Headers &headers = {}, const QByteArray &body = {});
    QJsonObject get(const QString &id)
    {
        return m_api->get(QStringLiteral("/v2/schedules/") + id).json();
    }
    void reconnect()
    {
        m_api = std::make_unique<ApiClient>(m_broker->baseUrl(), m_broker->token());
    }
    qint64 now() { return m_broker->clock().nowMs(); }

    std::unique_ptr<TestBroker> m_broker;
    std::unique_ptr<HttpSink> m_sink;
    std::unique_ptr<ApiClient> m_api;
};

void tst_Schedules::init()
{
    m_sink = std::make_unique<HttpSink>();
    QVERIFY(m_sink->start());
    m_broker = std::make_unique<TestBroker>();
    QVERIFY(m_broker->start().ok());
    reconnect();
}

void tst_Schedules::cleanup()
{
    m_api.reset();
    m_broker.reset();
    m_sink.reset();
}

ApiResponse tst_Schedules::create(const QString &destination, const QByteArray &cron,
                                  const Headers &headers, const QByteArray &body)
{
    Headers all = headers;
    all.append({"Upstash-Cron", cron});
    return m_api->send("POST", QStringLiteral("/v2/schedules/") + destination, body, all);
}

QString tst_Schedules::createId(const QString &destination, const QByteArray &cron,
                                const Headers &headers, const QByteArray &body)
{
    const auto r = create(destination, cron, headers, body);
    if (r.status != 200)
        qWarning() << "schedule create failed" << r.status << r.body;
    return r.json().value(QStringLiteral("scheduleId")).toString();
}

void tst_Schedules::createAndReadBack()
{
    const QString dest = m_sink->url(QStringLiteral("/s"));
    const auto r = create(dest, "* * * * * ",
                          {{"Content-Type", "application/json"},
                           {"Upstash-Forward-x-h", "1"},
                           {"Upstash-Retries", "2"},
                           {"Upstash-Delay", "1s"},
                           {"Upstash-Queue-Name", "sq"},
                           {"Upstash-Label", "l1"},
                           {"Upstash-Callback", "http://127.0.0.1:1/cb"},
                           {"Upstash-Telemetry-Sdk", "upstash-qstash-js@2.12.0"}},
                          R"({"a":1})");
    QCOMPARE(r.status, 200);
    const QString id = r.json().value(QStringLiteral("scheduleId")).toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^scd_[1-9A-HJ-NP-Za-km-z]+$")).match(id).hasMatch(),
             qPrintable(id));

    const QJsonObject s = get(id);
    QCOMPARE(s.value(QStringLiteral("scheduleId")).toString(), id);
    QCOMPARE(s.value(QStringLiteral("cron")).toString(), QStringLiteral("* * * * *"));
    QCOMPARE(s.value(QStringLiteral("destination")).toString(), dest);
    QCOMPARE(s.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(s.value(QStringLiteral("header")).toObject(),
             (QJsonObject{
                 {QStringLiteral("Content-Type"), QJsonArray{QStringLiteral("application/json")}},
                 {QStringLiteral("X-H"), QJsonArray{QStringLiteral("1")}}}));
    QCOMPARE(s.value(QStringLiteral("body")).toString(), QStringLiteral(R"({"a":1})"));
    QCOMPARE(s.value(QStringLiteral("retries")).toInt(), 2);
    QCOMPARE(s.value(QStringLiteral("delay")).toInt(), 1);
    QCOMPARE(s.value(QStringLiteral("queueName")).toString(), QStringLiteral("sq"));
    QCOMPARE(s.value(QStringLiteral("labels")).toArray(), QJsonArray{QStringLiteral("l1")});
    QCOMPARE(s.value(QStringLiteral("callback")).toString(),
             QStringLiteral("http://127.0.0.1:1/cb"));
    QCOMPARE(s.value(QStringLiteral("isPaused")).toBool(true), false);
    QCOMPARE(s.value(QStringLiteral("callerIp")).toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(s.value(QStringLiteral("callerIP")).toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(qint64(s.value(QStringLiteral("createdAt")).toDouble()), TestBroker::StartMs);
    // The first tick is the next matching minute, not a minute of lag after it.
    QCOMPARE(qint64(s.value(QStringLiteral("nextScheduleTime")).toDouble()),
             TestBroker::StartMs + Minute);
    QVERIFY(!s.contains(QStringLiteral("lastScheduleTime")));
    QVERIFY(!s.contains(QStringLiteral("lastScheduleStates")));

    const auto list = m_api->get(QStringLiteral("/v2/schedules"));
    QCOMPARE(list.status, 200);
    QCOMPARE(list.jsonArray().size(), 1);
    QCOMPARE(list.jsonArray().at(0).toObject(), s);
    // The Go SDK spells the path with a capital S.
    QCOMPARE(m_api->get(QStringLiteral("/v2/Schedules/") + id).json(), s);
}

void tst_Schedules::cronTicksOnTheManualClock()
{
    const QString id = createId(m_sink->url(QStringLiteral("/tick")), "* * * * *",
                                {{"Content-Type", "text/plain"},
                                 {"Upstash-Forward-X-H", "1"},
                                 {"Upstash-Queue-Name", "sq"}},
                                "payload");
    QVERIFY(!id.isEmpty());
    m_broker->clock().advance(Minute - 1);
    QCOMPARE(m_broker->service().schedules()->nextFireAt(), TestBroker::StartMs + Minute);
    QVERIFY(!get(id).contains(QStringLiteral("lastScheduleTime")));

    m_broker->clock().advance(1);
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/tick")));
    const ReceivedRequest got = m_sink->requestsTo(QStringLiteral("/tick")).constFirst();
    QCOMPARE(got.header("upstash-schedule-id"), id.toLatin1());
    QCOMPARE(got.header("upstash-caller-ip"), QByteArray("127.0.0.1"));
    QCOMPARE(got.header("x-h"), QByteArray("1"));
    QCOMPARE(got.header("content-type"), QByteArray("text/plain"));
    QCOMPARE(got.body, QByteArray("payload"));
    const QString messageId = QString::fromLatin1(got.header("upstash-message-id"));

    const QJsonObject message = m_api->get(QStringLiteral("/v2/messages/") + messageId).json();
    QCOMPARE(message.value(QStringLiteral("scheduleId")).toString(), id);
    QCOMPARE(message.value(QStringLiteral("queueName")).toString(), QStringLiteral("sq"));

    QTRY_COMPARE(get(id).value(QStringLiteral("lastScheduleStates")).toObject(),
                 (QJsonObject{{messageId, QStringLiteral("SUCCESS")}}));
    const QJsonObject s = get(id);
    QCOMPARE(qint64(s.value(QStringLiteral("lastScheduleTime")).toDouble()),
             TestBroker::StartMs + Minute);
    QCOMPARE(qint64(s.value(QStringLiteral("nextScheduleTime")).toDouble()),
             TestBroker::StartMs + 2 * Minute);

    m_broker->clock().advance(Minute);
    QVERIFY(m_sink->waitFor(2, QStringLiteral("/tick")));
    const QString second = QString::fromLatin1(
        m_sink->requestsTo(QStringLiteral("/tick")).constLast().header("upstash-message-id"));
    QVERIFY(second != messageId);
    // Only the last tick's messages are listed.
    QTRY_COMPARE(get(id).value(QStringLiteral("lastScheduleStates")).toObject(),
                 (QJsonObject{{second, QStringLiteral("SUCCESS")}}));
}

void tst_Schedules::failedDeliveryIsReportedAsFail()
{
    m_sink->respond(QStringLiteral("/fails"), SinkResponse{500, {}, "no", 0});
    const QString id =
        createId(m_sink->url(QStringLiteral("/fails")), "* * * * *", {{"Upstash-Retries", "1"}});
    m_broker->clock().advance(Minute);
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/fails")));
    const QString messageId = QString::fromLatin1(
        m_sink->requestsTo(QStringLiteral("/fails")).constFirst().header("upstash-message-id"));
    QTRY_COMPARE(m_broker->service().counts().value(QStringLiteral("RETRY")).toLongLong(), 1);
    QCOMPARE(get(id).value(QStringLiteral("lastScheduleStates")).toObject(),
             (QJsonObject{{messageId, QStringLiteral("IN_PROGRESS")}}));
    m_broker->clock().advance(12'182); // the default first retry
    QVERIFY(m_sink->waitFor(2, QStringLiteral("/fails")));
    QTRY_COMPARE(get(id).value(QStringLiteral("lastScheduleStates")).toObject(),
                 (QJsonObject{{messageId, QStringLiteral("FAIL")}}));
}

void tst_Schedules::pauseSkipsTicksAndResumeContinues()
{
    const QString id = createId(m_sink->url(QStringLiteral("/p")), "* * * * *");
    QCOMPARE(m_api->send("PATCH", QStringLiteral("/v2/schedules/%1/pause").arg(id)).status, 200);
    QCOMPARE(get(id).value(QStringLiteral("isPaused")).toBool(), true);
    QVERIFY(!get(id).contains(QStringLiteral("nextScheduleTime")));
    // Pausing twice is fine.
    QCOMPARE(m_api->send("POST", QStringLiteral("/v2/schedules/%1/pause").arg(id)).status, 200);

    m_broker->clock().advance(5 * Minute);
    QCOMPARE(m_broker->service().schedules()->nextFireAt(), -1);
    QCOMPARE(m_api->get(QStringLiteral("/v2/events"))
                 .json()
                 .value(QStringLiteral("events"))
                 .toArray()
                 .size(),
             0);
    QCOMPARE(m_sink->countTo(QStringLiteral("/p")), 0);

    m_broker->clock().advance(30'000); // resume mid-minute
    QCOMPARE(m_api->send("POST", QStringLiteral("/v2/schedules/%1/resume").arg(id)).status, 200);
    const QJsonObject resumed = get(id);
    QCOMPARE(resumed.value(QStringLiteral("isPaused")).toBool(true), false);
    QCOMPARE(qint64(resumed.value(QStringLiteral("nextScheduleTime")).toDouble()),
             TestBroker::StartMs + 6 * Minute);
    QCOMPARE(m_sink->countTo(QStringLiteral("/p")), 0); // the paused ticks are not owed
    m_broker->clock().advance(30'000);
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/p")));
    QTRY_COMPARE(m_broker->service().counts().value(QStringLiteral("DELIVERED")).toLongLong(), 1);
    QCOMPARE(m_sink->countTo(QStringLiteral("/p")), 1);

    // PATCH resume works too, and unknown ids are 404.
    QCOMPARE(m_api->send("PATCH", QStringLiteral("/v2/schedules/%1/resume").arg(id)).status, 200);
    QCOMPARE(m_api->send("PATCH", QStringLiteral("/v2/schedules/nope/pause")).status, 404);
}

void tst_Schedules::overwriteByIdKeepsOneSchedule()
{
    QCOMPARE(create(m_sink->url(QStringLiteral("/s2")), "*/5 * * * * ",
                    {{"Upstash-Schedule-Id", "my.sched-1"}}, "p")
                 .json()
                 .value(QStringLiteral("scheduleId"))
                 .toString(),
             QStringLiteral("my.sched-1"));
    QCOMPARE(m_api->send("PATCH", QStringLiteral("/v2/schedules/my.sched-1/pause")).status, 200);
    m_broker->clock().advance(Minute);
    const auto again = create(m_sink->url(QStringLiteral("/s3")), "*/5 * * * *",
                              {{"Upstash-Schedule-Id", "my.sched-1"}});
    QCOMPARE(again.status, 200);
    const QJsonArray list = m_api->get(QStringLiteral("/v2/schedules")).jsonArray();
    QCOMPARE(list.size(), 1);
    const QJsonObject s = list.at(0).toObject();
    QCOMPARE(s.value(QStringLiteral("scheduleId")).toString(), QStringLiteral("my.sched-1"));
    QCOMPARE(s.value(QStringLiteral("destination")).toString(), m_sink->url(QStringLiteral("/s3")));
    QCOMPARE(s.value(QStringLiteral("cron")).toString(), QStringLiteral("*/5 * * * *"));
    QVERIFY(!s.contains(QStringLiteral("body")));
    QCOMPARE(s.value(QStringLiteral("isPaused")).toBool(true), false); // a replacement is active
    QCOMPARE(qint64(s.value(QStringLiteral("createdAt")).toDouble()), TestBroker::StartMs);
    QCOMPARE(qint64(s.value(QStringLiteral("updatedAt")).toDouble()), TestBroker::StartMs + Minute);

    m_broker->clock().advance(4 * Minute);
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/s3")));
    QCOMPARE(m_sink->countTo(QStringLiteral("/s2")), 0);
}

void tst_Schedules::deleteStopsTicks()
{
    const QString id = createId(m_sink->url(QStringLiteral("/d")), "* * * * *");
    QCOMPARE(m_api->send("DELETE", QStringLiteral("/v2/schedules/") + id).status, 200);
    const auto gone = m_api->get(QStringLiteral("/v2/schedules/") + id);
    QCOMPARE(gone.status, 404);
    QVERIFY(!gone.json().value(QStringLiteral("error")).toString().isEmpty());
    QCOMPARE(m_api->get(QStringLiteral("/v2/schedules")).body, QByteArray("[]"));
    QCOMPARE(m_api->send("DELETE", QStringLiteral("/v2/schedules/") + id).status, 404);
    m_broker->clock().advance(3 * Minute);
    QCOMPARE(m_broker->service().schedules()->nextFireAt(), -1);
    QCOMPARE(m_api->get(QStringLiteral("/v2/events"))
                 .json()
                 .value(QStringLiteral("events"))
                 .toArray()
                 .size(),
             0);
}

void tst_Schedules::restartKeepsPausedDeletedAndOverwritten()
{
    const QString paused = createId(m_sink->url(QStringLiteral("/a")), "* * * * *");
    const QString deleted = createId(m_sink->url(QStringLiteral("/b")), "* * * * *");
    createId(m_sink->url(QStringLiteral("/c1")), "* * * * *", {{"Upstash-Schedule-Id", "c"}});
    createId(m_sink->url(QStringLiteral("/c2")), "* * * * *", {{"Upstash-Schedule-Id", "c"}},
             "second");
    const QString active = createId(m_sink->url(QStringLiteral("/d")), "* * * * *");
    QCOMPARE(m_api->send("PATCH", QStringLiteral("/v2/schedules/%1/pause").arg(paused)).status,
             200);
    QCOMPARE(m_api->send("DELETE", QStringLiteral("/v2/schedules/") + deleted).status, 200);

    QVERIFY(m_broker->restart().ok());
    reconnect();
    const QJsonArray list = m_api->get(QStringLiteral("/v2/schedules")).jsonArray();
    QCOMPARE(list.size(), 3);
    QCOMPARE(get(paused).value(QStringLiteral("isPaused")).toBool(), true);
    QCOMPARE(m_api->get(QStringLiteral("/v2/schedules/") + deleted).status, 404);
    QCOMPARE(get(QStringLiteral("c")).value(QStringLiteral("destination")).toString(),
             m_sink->url(QStringLiteral("/c2")));
    QCOMPARE(get(QStringLiteral("c")).value(QStringLiteral("body")).toString(),
             QStringLiteral("second"));
    QCOMPARE(qint64(get(active).value(QStringLiteral("nextScheduleTime")).toDouble()),
             TestBroker::StartMs + Minute);

    m_broker->clock().advance(Minute);
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/c2")));
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/d")));
    QTRY_COMPARE(m_broker->service().counts().value(QStringLiteral("DELIVERED")).toLongLong(), 2);
    QCOMPARE(m_sink->countTo(QStringLiteral("/a")), 0);
    QCOMPARE(m_sink->countTo(QStringLiteral("/b")), 0);
    QCOMPARE(m_sink->countTo(QStringLiteral("/c1")), 0);
}

void tst_Schedules::missedWindowAfterRestartFiresOnce()
{
    const QString id = createId(m_sink->url(QStringLiteral("/m")), "* * * * *");
    m_broker->stop();
    m_broker->clock().advance(10 * Minute + 30'000); // ten ticks fell into the downtime
    QTest::ignoreMessage(
        QtInfoMsg,
        QRegularExpression(
            QStringLiteral("schedule %1 missed its tick at .* and 9 later tick\\(s\\) while "
                           "LocalStash was not running; firing once now for the missed window")
                .arg(id)));
    QVERIFY(m_broker->start().ok());
    reconnect();
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/m")));
    QTRY_COMPARE(m_broker->service().counts().value(QStringLiteral("DELIVERED")).toLongLong(), 1);
    QCOMPARE(m_sink->countTo(QStringLiteral("/m")), 1);
    const QJsonObject s = get(id);
    QCOMPARE(qint64(s.value(QStringLiteral("lastScheduleTime")).toDouble()), now());
    QCOMPARE(qint64(s.value(QStringLiteral("nextScheduleTime")).toDouble()),
             TestBroker::StartMs + 11 * Minute);
    // Back to the normal rhythm: the next tick fires once, on time.
    m_broker->clock().advance(30'000);
    QVERIFY(m_sink->waitFor(2, QStringLiteral("/m")));
    QTRY_COMPARE(m_broker->service().counts().value(QStringLiteral("DELIVERED")).toLongLong(), 2);
}

void tst_Schedules::cronTzNextScheduleTime()
{
    const QString id =
        createId(m_sink->url(QStringLiteral("/tz")), "CRON_TZ=America/New_York 0 4 * * *");
    QVERIFY(!id.isEmpty());
    const QTimeZone ny("America/New_York");
    QVERIFY(ny.isValid());
    const QDateTime localNow = QDateTime::fromMSecsSinceEpoch(now(), ny);
    QDateTime expected(localNow.date(), QTime(4, 0), ny);
    if (expected.toMSecsSinceEpoch() <= now())
        expected = QDateTime(localNow.date().addDays(1), QTime(4, 0), ny);
    const QJsonObject s = get(id);
    QCOMPARE(s.value(QStringLiteral("cron")).toString(),
             QStringLiteral("CRON_TZ=America/New_York 0 4 * * *"));
    QCOMPARE(qint64(s.value(QStringLiteral("nextScheduleTime")).toDouble()),
             expected.toMSecsSinceEpoch());
    m_broker->clock().setNow(expected.toMSecsSinceEpoch());
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/tz")));
}

void tst_Schedules::groupDestinationFansOutOnTick()
{
    const QByteArray group =
        QStringLiteral(R"({"endpoints":[{"name":"e1","url":"%1"},{"url":"%2"}]})")
            .arg(m_sink->url(QStringLiteral("/g/1")), m_sink->url(QStringLiteral("/g/2")))
            .toUtf8();
    QCOMPARE(m_api->send("POST", QStringLiteral("/v2/topics/g1/endpoints"), group).status, 200);
    const QString id = createId(QStringLiteral("g1"), "* * * * *");
    QCOMPARE(get(id).value(QStringLiteral("destination")).toString(), QStringLiteral("g1"));
    m_broker->clock().advance(Minute);
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/g/1")));
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/g/2")));
    for (const QString &path : {QStringLiteral("/g/1"), QStringLiteral("/g/2")}) {
        const ReceivedRequest got = m_sink->requestsTo(path).constFirst();
        QCOMPARE(got.header("upstash-schedule-id"), id.toLatin1());
        QCOMPARE(got.header("upstash-topic-name"), QByteArray("g1"));
    }
    QTRY_COMPARE(get(id).value(QStringLiteral("lastScheduleStates")).toObject().size(), 2);
    QTRY_VERIFY([&] {
        for (const QJsonValue &v : get(id).value(QStringLiteral("lastScheduleStates")).toObject()) {
            if (v.toString() != QStringLiteral("SUCCESS"))
                return false;
        }
        return true;
    }());
}

void tst_Schedules::unknownGroupAtTickIsReported()
{
    const QString id = createId(QStringLiteral("later-group"), "* * * * *");
    QVERIFY(!id.isEmpty());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("later-group not found")));
    m_broker->clock().advance(Minute);
    QTRY_VERIFY(get(id)
                    .value(QStringLiteral("error"))
                    .toString()
                    .contains(QStringLiteral("URL group later-group not found")));
    QCOMPARE(qint64(get(id).value(QStringLiteral("nextScheduleTime")).toDouble()),
             TestBroker::StartMs + 2 * Minute);
}

void tst_Schedules::badInputIsRejected_data()
{
    QTest::addColumn<QString>("destination");
    QTest::addColumn<QByteArray>("cron");
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<QString>("mentions");
    const QString url = QStringLiteral("http://127.0.0.1:1/x");
    QTest::newRow("not a cron") << url << QByteArray("not a cron") << Headers{}
                                << QStringLiteral("Upstash-Cron");
    QTest::newRow("minute out of range")
        << url << QByteArray("61 * * * *") << Headers{} << QStringLiteral("minute");
    QTest::newRow("never fires") << url << QByteArray("0 0 30 2 *") << Headers{}
                                 << QStringLiteral("never");
    QTest::newRow("missing cron") << url << QByteArray() << Headers{}
                                  << QStringLiteral("Upstash-Cron");
    QTest::newRow("bad id") << url << QByteArray("* * * * *")
                            << Headers{{"Upstash-Schedule-Id", "bad id!"}}
                            << QStringLiteral("Upstash-Schedule-Id");
    QTest::newRow("bad queue") << url << QByteArray("* * * * *")
                               << Headers{{"Upstash-Queue-Name", "a/b"}}
                               << QStringLiteral("Upstash-Queue-Name");
    QTest::newRow("bad retries") << url << QByteArray("* * * * *")
                                 << Headers{{"Upstash-Retries", "-1"}}
                                 << QStringLiteral("Upstash-Retries");
    QTest::newRow("bad scheme") << QStringLiteral("ftp://x/y") << QByteArray("* * * * *")
                                << Headers{} << QStringLiteral("scheme");
}

void tst_Schedules::badInputIsRejected()
{
    QFETCH(QString, destination);
    QFETCH(QByteArray, cron);
    QFETCH(Headers, headers);
    QFETCH(QString, mentions);
    Headers all = headers;
    if (!cron.isEmpty())
        all.append({"Upstash-Cron", cron});
    const auto r = m_api->send("POST", QStringLiteral("/v2/schedules/") + destination, {}, all);
    QCOMPARE(r.status, 400);
    const QString error = r.json().value(QStringLiteral("error")).toString();
    QVERIFY2(error.contains(mentions), qPrintable(error));
    QCOMPARE(m_api->get(QStringLiteral("/v2/schedules")).body, QByteArray("[]"));
}

QTEST_GUILESS_MAIN(tst_Schedules)
#include "tst_schedules.moc"
