// Crash safety: a real `localstash --headless` process is killed with SIGKILL right after it
// acknowledged delayed messages, then restarted on the same data dir. Every accepted message must
// arrive (at least once).

#include "apiclient.h"
#include "httpsink.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace TestSupport;

class tst_Crash : public QObject
{
    Q_OBJECT
private slots:
    void acceptedMessagesSurviveSigkill();

private:
    // Starts the broker and returns its base URL (empty on failure).
    static QString startBroker(QProcess &process, const QString &dataDir);
};

QString tst_Crash::startBroker(QProcess &process, const QString &dataDir)
{
    process.setProgram(QStringLiteral(LOCALSTASH_BIN));
    process.setArguments({QStringLiteral("--headless"), QStringLiteral("--port"),
                          QStringLiteral("0"), QStringLiteral("--data-dir"), dataDir});
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start();
    if (!process.waitForStarted(10000))
        return {};
    static const QRegularExpression running(QStringLiteral("is running at (http://\\S+)"));
    QByteArray out;
    while (process.waitForReadyRead(10000)) {
        out += process.readAllStandardOutput();
        const auto m = running.match(QString::fromUtf8(out));
        if (m.hasMatch())
            return m.captured(1);
    }
    qWarning() << "broker did not start:" << out << process.readAllStandardError();
    return {};
}

void tst_Crash::acceptedMessagesSurviveSigkill()
{
    HttpSink sink;
    QVERIFY(sink.start());
    QTemporaryDir dir;
    const QString token =
        QStringLiteral("eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=");

    QSet<QString> accepted;
    {
        QProcess broker;
        const QString base = startBroker(broker, dir.path());
        QVERIFY(!base.isEmpty());
        ApiClient api(base, token);
        constexpr int Delayed = 60;
        constexpr int Immediate = 20;
        for (int i = 0; i < Delayed; ++i) {
            const auto r = api.publish(sink.url(QStringLiteral("/crash/delayed/%1").arg(i)),
                                       QByteArray::number(i), {{"Upstash-Delay", "2s"}});
            QCOMPARE(r.status, 200);
            accepted.insert(r.json().value(QStringLiteral("messageId")).toString());
        }
        for (int i = 0; i < Immediate; ++i) {
            const auto r = api.publish(sink.url(QStringLiteral("/crash/now/%1").arg(i)),
                                       QByteArray::number(i));
            QCOMPARE(r.status, 200);
            accepted.insert(r.json().value(QStringLiteral("messageId")).toString());
        }
        broker.kill(); // SIGKILL: no chance to flush anything
        QVERIFY(broker.waitForFinished(10000));
        QCOMPARE(broker.exitStatus(), QProcess::CrashExit);
    }

    QProcess broker;
    const QString base = startBroker(broker, dir.path());
    QVERIFY(!base.isEmpty());
    const auto deliveredIds = [&] {
        QSet<QString> ids;
        for (const ReceivedRequest &r : sink.requests())
            ids.insert(QString::fromLatin1(r.header("upstash-message-id")));
        return ids;
    };
    QTRY_VERIFY_WITH_TIMEOUT(deliveredIds().contains(accepted), 30000);
    const int duplicates = int(sink.requests().size()) - int(deliveredIds().size());
    qInfo() << "accepted" << accepted.size() << "delivered" << deliveredIds().size()
            << "duplicate deliveries" << duplicates;

    broker.terminate();
    QVERIFY(broker.waitForFinished(10000));
    QCOMPARE(broker.exitStatus(), QProcess::NormalExit);
    QCOMPARE(broker.exitCode(), 0);
}

QTEST_GUILESS_MAIN(tst_Crash)
#include "tst_crash.moc"
