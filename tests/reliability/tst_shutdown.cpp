// Graceful shutdown: SIGTERM while attempts are in flight to a slow receiver and more wait for a
// slot. The process exits within 5 seconds with status 0, and after a restart every message is
// delivered (attempts cut off by the stop are recorded for redelivery, never lost or failed).

#include "apiclient.h"
#include "brokerprocess.h"
#include "httpsink.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>

using namespace TestSupport;
using namespace Reliability;

class tst_Shutdown : public QObject
{
    Q_OBJECT
private slots:
    void sigtermWithAttemptInFlight();
    void sigtermWithBacklogAndSlowReceivers();
    void sigintStopsToo();
};

void tst_Shutdown::sigtermWithAttemptInFlight()
{
    HttpSink sink;
    QVERIFY(sink.start());
    // The first attempt hangs for 20 s (longer than the 5 s the stop may take); later ones are
    // fast.
    sink.respondTimes(QStringLiteral("/slow"), 1, SinkResponse{200, {}, "late", 20000});
    QTemporaryDir dir;
    BrokerProcess broker(dir.path());
    QString base = broker.start();
    QVERIFY2(!base.isEmpty(), qPrintable(broker.output()));
    QString id;
    {
        ApiClient api(base, BrokerProcess::devToken());
        const auto r = api.publish(sink.url(QStringLiteral("/slow")), "payload");
        QCOMPARE(r.status, 200);
        id = r.json().value(QStringLiteral("messageId")).toString();
    }
    QVERIFY(sink.waitFor(1, QStringLiteral("/slow"))); // in flight now

    const qint64 stopMs = broker.terminate(10000);
    qInfo("SIGTERM with one attempt in flight: exited after %lld ms", stopMs);
    QVERIFY2(stopMs >= 0 && stopMs < 5000, qPrintable(broker.output()));
    QCOMPARE(broker.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(broker.process().exitCode(), 0);
    QVERIFY(broker.allStderr().contains("stopping"));

    base = broker.start();
    QVERIFY2(!base.isEmpty(), qPrintable(broker.output()));
    QVERIFY(sink.waitFor(2, QStringLiteral("/slow")));
    const auto requests = sink.requestsTo(QStringLiteral("/slow"));
    QCOMPARE(requests.at(1).header("upstash-message-id"), id.toLatin1());
    QCOMPARE(requests.at(1).body, QByteArray("payload"));
    ApiClient api(base, BrokerProcess::devToken());
    QTRY_VERIFY_WITH_TIMEOUT(api.get(QStringLiteral("/v2/events?state=DELIVERED&messageId=") + id)
                                     .json()
                                     .value(QStringLiteral("events"))
                                     .toArray()
                                     .size() == 1,
                             10000);
    // The interrupted attempt is in the log as a possible duplicate, not as a failure.
    const QByteArray log = api.get(QStringLiteral("/v2/events?messageId=") + id).body;
    QVERIFY2(log.contains("possible duplicate"), log.constData());
    QVERIFY(!log.contains("\"FAILED\""));
    QVERIFY(broker.terminate() >= 0);
}

void tst_Shutdown::sigtermWithBacklogAndSlowReceivers()
{
    // 20 messages to one slow origin: 6 in flight (QNAM opens six connections per origin), the
    // rest waiting for a slot.
    constexpr int Count = 20;
    HttpSink sink;
    QVERIFY(sink.start());
    // Slow while the first broker runs, fast after the restart.
    for (int i = 0; i < Count; ++i)
        sink.respond(QStringLiteral("/slow/%1").arg(i), SinkResponse{200, {}, "late", 20000});
    QTemporaryDir dir;
    BrokerProcess broker(dir.path());
    QString base = broker.start();
    QVERIFY2(!base.isEmpty(), qPrintable(broker.output()));
    QSet<QString> accepted;
    {
        ApiClient api(base, BrokerProcess::devToken());
        for (int i = 0; i < Count; ++i) {
            const auto r = api.publish(sink.url(QStringLiteral("/slow/%1").arg(i)), "x");
            QCOMPARE(r.status, 200);
            accepted.insert(r.json().value(QStringLiteral("messageId")).toString());
        }
    }
    QVERIFY(sink.waitFor(6));
    const qint64 stopMs = broker.terminate(10000);
    qInfo("SIGTERM with %d attempts in flight and %d waiting: exited after %lld ms",
          int(sink.requests().size()), Count - int(sink.requests().size()), stopMs);
    QVERIFY2(stopMs >= 0 && stopMs < 5000, qPrintable(broker.output()));
    QCOMPARE(broker.process().exitCode(), 0);

    for (int i = 0; i < Count; ++i)
        sink.respond(QStringLiteral("/slow/%1").arg(i), SinkResponse{});
    const qsizetype seenBefore = sink.requests().size();
    base = broker.start();
    QVERIFY2(!base.isEmpty(), qPrintable(broker.output()));
    const auto answered = [&] {
        QSet<QString> ids;
        for (qsizetype i = seenBefore; i < sink.requests().size(); ++i)
            ids.insert(QString::fromLatin1(sink.requests().at(i).header("upstash-message-id")));
        return ids;
    };
    QTRY_VERIFY_WITH_TIMEOUT(answered().contains(accepted), 20000);
    ApiClient api(base, BrokerProcess::devToken());
    QTRY_COMPARE_WITH_TIMEOUT(api.get(QStringLiteral("/v2/events?state=DELIVERED&count=100"))
                                  .json()
                                  .value(QStringLiteral("events"))
                                  .toArray()
                                  .size(),
                              Count, 10000);
    QVERIFY(broker.terminate() >= 0);
}

void tst_Shutdown::sigintStopsToo()
{
    HttpSink sink;
    QVERIFY(sink.start());
    sink.respondTimes(QStringLiteral("/slow"), 1, SinkResponse{200, {}, "late", 20000});
    QTemporaryDir dir;
    BrokerProcess broker(dir.path());
    const QString base = broker.start();
    QVERIFY2(!base.isEmpty(), qPrintable(broker.output()));
    ApiClient api(base, BrokerProcess::devToken());
    QCOMPARE(api.publish(sink.url(QStringLiteral("/slow")), "x").status, 200);
    QVERIFY(sink.waitFor(1, QStringLiteral("/slow")));
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(::kill(pid_t(broker.process().processId()), SIGINT), 0);
    QVERIFY(broker.waitForExit(10000));
    QVERIFY2(timer.elapsed() < 5000, qPrintable(broker.output()));
    QCOMPARE(broker.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(broker.process().exitCode(), 0);
}

QTEST_GUILESS_MAIN(tst_Shutdown)
#include "tst_shutdown.moc"
