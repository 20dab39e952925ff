// The dashboard's logic without pages: the cron describer and next fire times, the publish
// draft (replay keeps everything but the delay and the deduplication id; curl; path encoding),
// formatting, and the BrokerClient with the broker in its own thread (answers come back in the
// GUI thread, change notifications are coalesced, the connection is read-only).

#include "brokerclient.h"
#include "brokerservice.h"
#include "crondescriber.h"
#include "format.h"
#include "httpsink.h"
#include "publishdraft.h"
#include "widgets/throughputchart.h"

#include <QLineSeries>

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace Dashboard;

class tst_UiLogic : public QObject
{
    Q_OBJECT

private slots:
    void cronDescriptions_data();
    void cronDescriptions();
    void cronErrors();
    void nextFireTimesInTheScheduleZone();
    void replayDraftFromAMessage();
    void editDraftKeepsTheDelay();
    void destinationsAreEncodedOnlyWhenNeeded();
    void formatting();
    void clientAcrossThreads();
    void chartRatesFromCounts();
};

void tst_UiLogic::cronDescriptions_data()
{
    QTest::addColumn<QString>("cron");
    QTest::addColumn<QString>("text");
    QTest::newRow("every minute") << u"* * * * *"_s << u"every minute"_s;
    QTest::newRow("weekdays") << u"*/5 * * * 1-5"_s << u"every 5 minutes, Mon–Fri"_s;
    QTest::newRow("hourly") << u"15 * * * *"_s << u"every hour at minute 15"_s;
    QTest::newRow("daily") << u"30 9 * * *"_s << u"at 09:30"_s;
    QTest::newRow("twice a day") << u"0 9,17 * * *"_s << u"at 09:00 and 17:00"_s;
    QTest::newRow("every 2 hours") << u"0 */2 * * *"_s << u"every 2 hours at minute 0"_s;
    QTest::newRow("office hours") << u"*/15 9-17 * * *"_s
                                  << u"every 15 minutes from 09:00 to 17:59"_s;
    QTest::newRow("monthly") << u"0 0 1 * *"_s << u"at 00:00, on day 1 of the month"_s;
    QTest::newRow("weekend") << u"0 10 * * 0,6"_s << u"at 10:00, Sat and Sun"_s;
    QTest::newRow("quarter") << u"0 0 1 1-3 *"_s
                             << u"at 00:00, on day 1 of the month, in Jan–Mar"_s;
    QTest::newRow("either day") << u"0 0 13 * 5"_s
                                << u"at 00:00, on day 13 of the month or on Fri"_s;
    QTest::newRow("zone") << u"CRON_TZ=Europe/Berlin 0 8 * * *"_s << u"at 08:00 (Europe/Berlin)"_s;
    QTest::newRow("minutes list") << u"0,20,40 * * * *"_s << u"every 20 minutes"_s;
    QTest::newRow("odd minutes") << u"5,50 * * * *"_s << u"every hour at minutes 5 and 50"_s;
}

void tst_UiLogic::cronDescriptions()
{
    QFETCH(QString, cron);
    QFETCH(QString, text);
    QString error;
    QCOMPARE(CronDescriber::describe(cron, &error), text);
    QVERIFY(error.isEmpty());
}

void tst_UiLogic::cronErrors()
{
    QString error;
    QCOMPARE(CronDescriber::describe(u"61 * * * *"_s, &error), QString());
    QVERIFY2(error.contains(u"minute"_s), qPrintable(error));
    QCOMPARE(CronDescriber::joinList({u"a"_s, u"b"_s, u"c"_s}), u"a, b and c"_s);
}

void tst_UiLogic::nextFireTimesInTheScheduleZone()
{
    const auto cron = Broker::CronExpression::parse(u"CRON_TZ=America/New_York 0 9 * * 1-5"_s);
    QVERIFY(cron);
    // Friday 2025-01-03 15:00 UTC = 10:00 in New York: next are Mon..Fri of the next week.
    const qint64 after =
        QDateTime(QDate(2025, 1, 3), QTime(15, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    const QList<QDateTime> times = CronDescriber::nextFireTimes(cron.value(), after, 5);
    QCOMPARE(times.size(), 5);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(times.at(i).timeZone().id(), QByteArray("America/New_York"));
        QCOMPARE(times.at(i).time(), QTime(9, 0));
        QCOMPARE(times.at(i).date(), QDate(2025, 1, 6).addDays(i));
    }
}

void tst_UiLogic::replayDraftFromAMessage()
{
    Broker::Message m;
    m.id = u"msg_1"_s;
    m.url = "https://example.com/hook?x=1";
    m.method = "PUT";
    m.headers = {{"Content-Type", "application/json"}, {"X-Trace", "t-1"}};
    m.body = R"({"a":1})";
    m.maxRetries = 5;
    m.timeoutMs = 30'000;
    m.labels = {u"eu"_s, u"vip"_s};
    m.queueName = u"emails"_s;
    m.flowControlKey = u"tenant-1"_s;
    m.deduplicationId = u"dedup-1"_s;
    QJsonArray callbackHeaders;
    callbackHeaders.append(QJsonArray{u"X-Cb"_s, u"1"_s});
    m.options = QJsonObject{
        {u"callback"_s, u"https://example.com/cb"_s},
        {u"retryDelay"_s, u"1000 * retried"_s},
        {u"delayMs"_s, 10'000},
        {u"callbackMethod"_s, u"PUT"_s},
        {u"flowControl"_s, QJsonObject{{u"parallelism"_s, 2}, {u"rate"_s, 10}, {u"period"_s, 60}}},
        {u"callbackHeaders"_s, callbackHeaders}};
    const PublishDraft d = PublishDraft::replayOf(m);
    QCOMPARE(d.kind, PublishDraft::ToQueue);
    QCOMPARE(d.path(), u"/v2/enqueue/emails/https://example.com/hook?x=1"_s);
    const Broker::HeaderList h = d.apiHeaders();
    const auto has = [&](const QByteArray &name, const QByteArray &value) {
        return h.contains({name, value});
    };
    QVERIFY(has("Content-Type", "application/json"));
    QVERIFY(has("Upstash-Forward-X-Trace", "t-1"));
    QVERIFY(has("Upstash-Method", "PUT"));
    QVERIFY(has("Upstash-Retries", "5"));
    QVERIFY(has("Upstash-Timeout", "30s"));
    QVERIFY(has("Upstash-Label", "eu,vip"));
    QVERIFY(has("Upstash-Callback", "https://example.com/cb"));
    QVERIFY(has("Upstash-Retry-Delay", "1000 * retried"));
    QVERIFY(has("Upstash-Callback-Method", "PUT"));
    QVERIFY(has("Upstash-Callback-Forward-X-Cb", "1"));
    QVERIFY(has("Upstash-Flow-Control-Key", "tenant-1"));
    QVERIFY(has("Upstash-Flow-Control-Value", "parallelism=2, rate=10, period=60s"));
    for (const auto &[name, value] : h) {
        QVERIFY2(name != "Upstash-Delay", value.constData());            // now
        QVERIFY2(name != "Upstash-Deduplication-Id", value.constData()); // not swallowed
    }
    QCOMPARE(d.validate(), QString());
}

void tst_UiLogic::editDraftKeepsTheDelay()
{
    Broker::Message m;
    m.url = "https://example.com/";
    m.method = "POST";
    m.options = QJsonObject{{u"delayMs"_s, 90'000}};
    const PublishDraft d = PublishDraft::editOf(m);
    QCOMPARE(d.delay, u"1m30s"_s);
    QVERIFY(d.apiHeaders().contains({"Upstash-Delay", "1m30s"}));
    QVERIFY(!d.apiHeaders().contains({"Upstash-Method", "POST"})); // POST is the default
}

void tst_UiLogic::destinationsAreEncodedOnlyWhenNeeded()
{
    QCOMPARE(encodedDestination(u"https://example.com/a%20b?q=1&r=2"_s),
             u"https://example.com/a%20b?q=1&r=2"_s);
    QCOMPARE(encodedDestination(u"https://example.com/a b"_s), u"https://example.com/a%20b"_s);
    QCOMPARE(encodedDestination(u"https://example.com/über"_s), u"https://example.com/%C3%BCber"_s);
    PublishDraft group;
    group.kind = PublishDraft::ToGroup;
    group.destination = u"my group"_s;
    QVERIFY(!group.validate().isEmpty());
    group.destination = u"orders"_s;
    QCOMPARE(group.path(), u"/v2/publish/orders"_s);
    QCOMPARE(shellQuote(u"a'b"_s), u"'a'\\''b'"_s);
}

void tst_UiLogic::formatting()
{
    QCOMPARE(Format::httpStatus(503), u"503 Service Unavailable"_s);
    QCOMPARE(Format::httpStatus(0, u"connection refused"_s), u"connection refused"_s);
    QCOMPARE(Format::stateName(u"RETRY"_s), u"Retrying"_s);
    QCOMPARE(Format::duration(250), u"250 ms"_s);
    QCOMPARE(Format::duration(185'000), u"3 min 5 s"_s);
    bool json = false;
    QCOMPARE(Format::body(R"({"a":[1,2]})", &json),
             u"{\n    \"a\": [\n        1,\n        2\n    ]\n}"_s);
    QVERIFY(json);
    QCOMPARE(Format::body("plain text", &json), u"plain text"_s);
    QVERIFY(!json);
    QVERIFY(Format::body(QByteArray("\xff\xfe\x00", 3)).startsWith(u"(binary"_s));
}

void tst_UiLogic::clientAcrossThreads()
{
    TestSupport::HttpSink sink;
    QVERIFY(sink.start());
    QTemporaryDir dir;
    Broker::BrokerConfig config;
    config.port = 0;
    config.dataDir = dir.path();
    auto *service = new Broker::Service(config);
    QThread thread;
    thread.setObjectName(u"broker"_s);
    service->moveToThread(&thread);
    thread.start();
    bool started = false;
    QMetaObject::invokeMethod(
        service, [&] { started = service->start().ok(); }, Qt::BlockingQueuedConnection);
    QVERIFY(started);
    {
        BrokerClient client(service);
        QVERIFY2(client.hasDatabase(), qPrintable(client.databaseError()));
        QTRY_VERIFY(!client.signingKeys().current.isEmpty());
        QSignalSpy changed(&client, &BrokerClient::storeChanged);

        // The answer runs in this (the GUI) thread.
        QThread *answeredIn = nullptr;
        int status = 0;
        QObject context;
        client.call("POST", u"/v2/publish/"_s + sink.url(u"/x"_s), "hello", {}, &context,
                    [&](const ApiResult &r) {
                        answeredIn = QThread::currentThread();
                        status = r.status;
                    });
        QTRY_COMPARE(status, 200);
        QCOMPARE(answeredIn, QThread::currentThread());

        // A burst of messages: a handful of change notifications, not one per message.
        for (int i = 0; i < 60; ++i)
            client.call("POST", u"/v2/publish/"_s + sink.url(u"/burst"_s), "b", {}, nullptr, {});
        QVERIFY(sink.waitFor(60, u"/burst"_s));
        QTRY_VERIFY(!changed.isEmpty());
        QTRY_COMPARE(client.pendingCalls(), 0);
        QVERIFY2(changed.count() < 20, qPrintable(QString::number(changed.count())));

        // A destroyed context: the callback is dropped.
        bool called = false;
        auto *gone = new QObject;
        client.call("GET", u"/v2/keys"_s, {}, {}, gone, [&](const ApiResult &) { called = true; });
        delete gone;
        QTRY_COMPARE(client.pendingCalls(), 0);
        QVERIFY(!called);

        // The dashboard's connection cannot write.
        QSqlQuery write(client.database());
        QVERIFY(!write.exec(u"DELETE FROM messages"_s));
        QSqlQuery read(client.database());
        QVERIFY(read.exec(u"SELECT COUNT(*) FROM messages"_s) && read.next());
        QCOMPARE(read.value(0).toInt(), 61);
    }
    QMetaObject::invokeMethod(
        service,
        [service] {
            service->stop();
            delete service;
        },
        Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
}

void tst_UiLogic::chartRatesFromCounts()
{
    ThroughputChart chart;
    chart.setWindowSeconds(60);
    const qint64 t0 = 1'800'000'000'000;
    chart.addSample(t0, {{u"DELIVERED"_s, 100}, {u"FAILED"_s, 4}, {u"PENDING"_s, 7}});
    chart.addSample(t0 + 2000, {{u"DELIVERED"_s, 130}, {u"FAILED"_s, 6}, {u"RETRY"_s, 2}});
    QCOMPARE(chart.deliveries()->count(), 1);
    QCOMPARE(chart.deliveries()->at(0).y(), 15.0); // 30 in 2 s
    QCOMPARE(chart.failures()->at(0).y(), 1.0);
    QCOMPARE(chart.backlog()->count(), 2);
    QCOMPARE(chart.backlog()->at(1).y(), 2.0);
    // Pruned history is no negative throughput; old points leave the window.
    chart.addSample(t0 + 3000, {{u"DELIVERED"_s, 10}});
    QCOMPARE(chart.deliveries()->at(1).y(), 0.0);
    chart.addSample(t0 + 120'000, {{u"DELIVERED"_s, 10}});
    QCOMPARE(chart.backlog()->count(), 1);
}

QTEST_MAIN(tst_UiLogic)
#include "tst_uilogic.moc"
