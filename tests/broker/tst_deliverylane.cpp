// The delivery thread's hand-over: requests go out from the delivery thread through a real local
// receiver, results come back on the owner's thread, cancels catch requests at every stage short
// of the network, and a shutdown reports nothing more.

#include "delivery/deliverylane.h"
#include "httpsink.h"

#include <QAtomicPointer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

Q_DECLARE_METATYPE(Broker::DeliveryResult)

using namespace Broker;
using namespace TestSupport;

class tst_DeliveryLane : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void sendsFromItsThreadAndReportsOnTheOwners();
    void cancelCatchesWaitingRequests();
    void abortAllReportsNothingMore();

private:
    DeliveryRequest request(const QString &path, const QString &id) const;
    void answerLate(const QString &path, int delayMs);
    static void stamp(DeliveryRequest &request, qint64 &startedAt);

    HttpSink *m_sink = nullptr;
    static QAtomicPointer<QThread> s_hookThread;
};

QAtomicPointer<QThread> tst_DeliveryLane::s_hookThread;

void tst_DeliveryLane::init()
{
    m_sink = new HttpSink(this);
    QVERIFY(m_sink->start());
    s_hookThread.storeRelease(nullptr);
}

void tst_DeliveryLane::cleanup()
{
    delete m_sink;
    m_sink = nullptr;
}

DeliveryRequest tst_DeliveryLane::request(const QString &path, const QString &id) const
{
    DeliveryRequest r;
    r.messageId = id;
    r.url = m_sink->url(path).toUtf8();
    r.method = "POST";
    r.body = "body of " + id.toUtf8();
    r.headers.append({"X-Id", id.toUtf8()});
    r.timeoutMs = 10000;
    r.signingKey = QStringLiteral("sig_test");
    return r;
}

void tst_DeliveryLane::answerLate(const QString &path, int delayMs)
{
    SinkResponse late;
    late.delayMs = delayMs;
    m_sink->respond(path, late);
}

void tst_DeliveryLane::stamp(DeliveryRequest &request, qint64 &startedAt)
{
    s_hookThread.storeRelease(QThread::currentThread());
    startedAt = 42;
    request.headers.append({"X-Signed-With", request.signingKey.toUtf8()});
    request.signingKey.clear();
}

void tst_DeliveryLane::sendsFromItsThreadAndReportsOnTheOwners()
{
    DeliveryLane lane(4, 1024, &tst_DeliveryLane::stamp);
    QList<DeliveryResult> results;
    QList<QThread *> reportThreads;
    connect(&lane, &DeliveryLane::finished, this, [&](const DeliveryResult &r) {
        results.append(r);
        reportThreads.append(QThread::currentThread());
    });
    constexpr int kCount = 40;
    for (int i = 0; i < kCount; ++i)
        lane.send(request(QStringLiteral("/a"), QStringLiteral("m%1").arg(i)));

    QTRY_COMPARE_WITH_TIMEOUT(results.size(), kCount, 10000);
    QCOMPARE(m_sink->countTo(QStringLiteral("/a")), kCount);
    QVERIFY(s_hookThread.loadAcquire() != nullptr);
    QVERIFY(s_hookThread.loadAcquire() != QThread::currentThread());
    for (QThread *t : reportThreads)
        QCOMPARE(t, QThread::currentThread());
    QSet<QString> ids;
    for (const DeliveryResult &r : results) {
        QCOMPARE(r.status, 200);
        QCOMPARE(r.startedAt, 42);
        QVERIFY(r.request.signingKey.isEmpty());
        ids.insert(r.request.messageId);
    }
    QCOMPARE(ids.size(), kCount);
    for (const ReceivedRequest &got : m_sink->requests()) {
        QCOMPARE(got.header("X-Signed-With"), QByteArray("sig_test"));
        QCOMPARE(got.body, "body of " + got.header("X-Id"));
    }
}

void tst_DeliveryLane::cancelCatchesWaitingRequests()
{
    // One request per origin at a time, and the receiver answers late: the first occupies the
    // slot, the second waits in the dispatcher, the third is still in hand-over when cancelled.
    answerLate(QStringLiteral("/slow"), 300);
    DeliveryLane lane(1, 1024, &tst_DeliveryLane::stamp);
    QSignalSpy finished(&lane, &DeliveryLane::finished);
    lane.send(request(QStringLiteral("/slow"), QStringLiteral("first")));
    lane.send(request(QStringLiteral("/slow"), QStringLiteral("second")));
    QVERIFY(m_sink->waitFor(1, QStringLiteral("/slow")));
    lane.send(request(QStringLiteral("/slow"), QStringLiteral("third")));

    QVERIFY(lane.cancelQueued(QStringLiteral("third")));  // still in hand-over, or waiting
    QVERIFY(lane.cancelQueued(QStringLiteral("second"))); // waiting for the slot
    QVERIFY(!lane.cancelQueued(QStringLiteral("first"))); // on the wire: not cancellable here
    QVERIFY(!lane.cancelQueued(QStringLiteral("unknown")));

    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QCOMPARE(finished.at(0).at(0).value<DeliveryResult>().request.messageId,
             QStringLiteral("first"));
    // Nothing else goes out: another request afterwards is the next one the receiver sees.
    lane.send(request(QStringLiteral("/slow"), QStringLiteral("fourth")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
    QCOMPARE(m_sink->countTo(QStringLiteral("/slow")), 2);
    QCOMPARE(m_sink->requestsTo(QStringLiteral("/slow")).at(1).header("X-Id"),
             QByteArray("fourth"));
}

void tst_DeliveryLane::abortAllReportsNothingMore()
{
    answerLate(QStringLiteral("/hang"), 500);
    DeliveryLane lane(8, 1024, &tst_DeliveryLane::stamp);
    QSignalSpy finished(&lane, &DeliveryLane::finished);
    for (int i = 0; i < 3; ++i)
        lane.send(request(QStringLiteral("/hang"), QStringLiteral("h%1").arg(i)));
    QVERIFY(m_sink->waitFor(3, QStringLiteral("/hang")));
    lane.abortAll(); // returns once the delivery thread has aborted all three
    lane.send(request(QStringLiteral("/hang"), QStringLiteral("late"))); // dropped: stopped
    // Anything reported would now be a posted event on this thread: deliver them all.
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QCOMPARE(finished.size(), 0);
    QCOMPARE(m_sink->countTo(QStringLiteral("/hang")), 3);
}

QTEST_GUILESS_MAIN(tst_DeliveryLane)
#include "tst_deliverylane.moc"
