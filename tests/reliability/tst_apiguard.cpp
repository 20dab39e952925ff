// The API guard (design.md §8): Host headers that are not loopback names are refused (DNS
// rebinding) unless the broker is bound elsewhere on purpose, which the banner warns about;
// tokens and signing keys never reach the logs, even with every localstash category on; and
// `Upstash-Redact-Fields` is honoured in every view: messages, events, the DLQ, callbacks and
// schedules.

#include "apiclient.h"
#include "brokerprocess.h"
#include "httpsink.h"
#include "rawhttp.h"
#include "testbroker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace TestSupport;
using namespace Reliability;

namespace {

const QByteArray SecretBody = "secret-body-4711";
const QByteArray SecretHeader = "Bearer secret-header-0815";

// Whether `text` shows a secret: verbatim, base64-encoded, or inside base64 or JSON strings
// nested in it (a callback's body carries its source body as base64 inside JSON).
bool leaks(const QByteArray &text, const QList<QByteArray> &secrets, int depth = 0)
{
    for (const QByteArray &secret : secrets) {
        if (text.contains(secret) || text.contains(secret.toBase64()) ||
            text.contains(secret.toBase64(QByteArray::Base64UrlEncoding)))
            return true;
    }
    if (depth >= 3)
        return false;
    const QJsonDocument doc = QJsonDocument::fromJson(text);
    QList<QJsonValue> pending;
    if (doc.isObject())
        pending.append(doc.object());
    else if (doc.isArray())
        pending.append(doc.array());
    while (!pending.isEmpty()) {
        const QJsonValue v = pending.takeLast();
        if (v.isObject()) {
            for (const QJsonValue &child : v.toObject())
                pending.append(child);
        } else if (v.isArray()) {
            for (const QJsonValue &child : v.toArray())
                pending.append(child);
        } else if (v.isString()) {
            const QByteArray s = v.toString().toUtf8();
            const auto decoded =
                QByteArray::fromBase64Encoding(s, QByteArray::AbortOnBase64DecodingErrors);
            if ((decoded && leaks(*decoded, secrets, depth + 1)) || leaks(s, secrets, depth + 1))
                return true;
        }
    }
    return false;
}

} // namespace

class tst_ApiGuard : public QObject
{
    Q_OBJECT
private slots:
    void loopbackHostNamesAreAllowed_data();
    void loopbackHostNamesAreAllowed();
    void otherHostsAreRefusedUnlessBoundElsewhere();
    void tokensAndKeysNeverLogged();
    void redactionInEveryView();
};

void tst_ApiGuard::loopbackHostNamesAreAllowed_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<int>("status");
    for (const char *host :
         {"127.0.0.1", "127.0.0.1:8080", "localhost", "LOCALHOST:1", "localhost.", "app.localhost",
          "api.app.localhost:3000", "[::1]", "[::1]:8080", "127.0.0.2", "127.255.255.254:80"})
        QTest::newRow(host) << QByteArray(host) << 200;
    for (const char *host : {"evil.example.com", "localhost.evil.example", "127.0.0.1.evil",
                             "[::ffff:7f00:1x]", "10.1.2.3", "[fe80::1]:80", "localhostx"})
        QTest::newRow(host) << QByteArray(host) << 400;
}

void tst_ApiGuard::loopbackHostNamesAreAllowed()
{
    QFETCH(QByteArray, host);
    QFETCH(int, status);
    TestBroker broker;
    QVERIFY(broker.start().ok());
    const RawResponse r = exchange(
        broker.service().port(),
        buildRequest("GET", "/v2/keys", {{"Authorization", "Bearer " + broker.token().toLatin1()}},
                     {}, host));
    QCOMPARE(r.status, status);
    if (status == 400)
        QVERIFY(r.body.contains("DNS rebinding"));
}

void tst_ApiGuard::otherHostsAreRefusedUnlessBoundElsewhere()
{
    // Bound to every interface on purpose (--bind): the banner warns, any Host is accepted.
    QTemporaryDir dir;
    BrokerProcess broker(dir.path());
    broker.setExtraArguments({QStringLiteral("--bind"), QStringLiteral("0.0.0.0")});
    const QString base = broker.start();
    QVERIFY2(!base.isEmpty(), qPrintable(broker.output()));
    QVERIFY2(broker.allStdout().contains("WARNING: listening on 0.0.0.0"),
             broker.allStdout().constData());
    const quint16 port = quint16(QUrl(base).port());
    const QByteArray auth = "Bearer " + BrokerProcess::devToken().toLatin1();
    const RawResponse r =
        exchange(port, buildRequest("GET", "/v2/keys", {{"Authorization", auth}}, {},
                                    "broker.example.internal:" + QByteArray::number(port)));
    QCOMPARE(r.status, 200);
    // The token is still required.
    QCOMPARE(
        exchange(port, buildRequest("GET", "/v2/keys", {}, {}, "broker.example.internal")).status,
        401);
    QVERIFY(broker.terminate() >= 0);

    // The default bind is loopback, with the guard on and no warning.
    BrokerProcess loopback(dir.path());
    const QString lbase = loopback.start();
    QVERIFY2(!lbase.isEmpty(), qPrintable(loopback.output()));
    QVERIFY(lbase.startsWith(QStringLiteral("http://127.0.0.1:")));
    QVERIFY(!loopback.allStdout().contains("WARNING"));
    QCOMPARE(exchange(quint16(QUrl(lbase).port()),
                      buildRequest("GET", "/v2/keys", {{"Authorization", auth}}, {},
                                   "broker.example.internal"))
                 .status,
             400);
    QVERIFY(loopback.terminate() >= 0);
}

void tst_ApiGuard::tokensAndKeysNeverLogged()
{
    HttpSink sink;
    QVERIFY(sink.start());
    sink.respond(QStringLiteral("/fail"), SinkResponse{500, {}, "broken", 0});
    QTemporaryDir dir;
    BrokerProcess broker(dir.path());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("localstash.*=true"));
    broker.setEnvironment(env);
    QString base = broker.start();
    QVERIFY2(!base.isEmpty(), qPrintable(broker.output()));

    QList<QByteArray> secrets = {BrokerProcess::devToken().toLatin1(),
                                 QByteArray::fromBase64(BrokerProcess::devToken().toLatin1())};
    {
        ApiClient api(base, BrokerProcess::devToken());
        const QJsonObject keys = api.get(QStringLiteral("/v2/keys")).json();
        secrets << keys.value(QStringLiteral("current")).toString().toLatin1()
                << keys.value(QStringLiteral("next")).toString().toLatin1();
        // Publish and deliver, through a header token and a query token.
        QCOMPARE(api.publish(sink.url(QStringLiteral("/ok")), "1").status, 200);
        ApiClient byQuery(base);
        QCOMPARE(byQuery
                     .send("POST",
                           QStringLiteral("/v2/publish/") + sink.url(QStringLiteral("/ok")) +
                               QStringLiteral("?qstash_token=") + BrokerProcess::devToken(),
                           "2")
                     .status,
                 200);
        // Fail into the DLQ, with callbacks; a wrong token; a schedule; a batch.
        QCOMPARE(
            api.publish(sink.url(QStringLiteral("/fail")), "3",
                        {{"Upstash-Retries", "0"},
                         {"Upstash-Failure-Callback", sink.url(QStringLiteral("/fcb")).toLatin1()},
                         {"Upstash-Callback", sink.url(QStringLiteral("/cb")).toLatin1()}})
                .status,
            200);
        ApiClient wrong(base, BrokerProcess::devToken() + QStringLiteral("x"));
        QCOMPARE(wrong.get(QStringLiteral("/v2/keys")).status, 401);
        QCOMPARE(api.send("POST", QStringLiteral("/v2/schedules/") + sink.url(QStringLiteral("/s")),
                          {}, {{"Upstash-Cron", "0 0 1 1 *"}})
                     .status,
                 200);
        QVERIFY(sink.waitFor(2, QStringLiteral("/ok")));
        QVERIFY(sink.waitFor(1, QStringLiteral("/fcb")));
        QVERIFY(sink.waitFor(1, QStringLiteral("/cb")));
        // Rotate twice: every key that ever existed is a secret.
        for (int i = 0; i < 2; ++i) {
            const QJsonObject rotated = api.send("POST", QStringLiteral("/v2/keys/rotate")).json();
            secrets << rotated.value(QStringLiteral("next")).toString().toLatin1();
        }
        QCOMPARE(api.publish(sink.url(QStringLiteral("/ok")), "4").status, 200);
        QVERIFY(sink.waitFor(3, QStringLiteral("/ok")));
    }
    // A restart logs recovery and migration lines too; then a clean stop.
    QVERIFY(broker.terminate() >= 0);
    base = broker.start();
    QVERIFY2(!base.isEmpty(), qPrintable(broker.output()));
    QVERIFY(broker.terminate() >= 0);

    const QByteArray err = broker.allStderr();
    QVERIFY2(err.contains("/v2/publish/"), "debug logging was not on"); // the rule took effect
    QVERIFY(broker.allStdout().contains(secrets.constFirst()));         // the banner may show it
    for (const QByteArray &secret : std::as_const(secrets)) {
        QVERIFY(!secret.isEmpty());
        QVERIFY2(!err.contains(secret), secret.constData());
    }
    // Signatures are made with the keys; none is printed either.
    for (const ReceivedRequest &r : sink.requests())
        QVERIFY(!err.contains(r.header("upstash-signature")));
    qInfo("log check: %d secrets, %lld bytes of debug log, none found", int(secrets.size()),
          qint64(err.size()));
}

void tst_ApiGuard::redactionInEveryView()
{
    HttpSink sink;
    QVERIFY(sink.start());
    sink.respond(QStringLiteral("/secret"), SinkResponse{500, {}, "broken", 0});
    TestBroker broker;
    QVERIFY(broker.start().ok());
    ApiClient api(broker.baseUrl(), broker.token());
    const Headers redacted = {
        {"Upstash-Redact-Fields", "body, header[Authorization]"},
        {"Upstash-Forward-Authorization", SecretHeader},
        {"Upstash-Retries", "0"},
        {"Upstash-Callback", sink.url(QStringLiteral("/cb")).toLatin1()},
        {"Upstash-Failure-Callback", sink.url(QStringLiteral("/fcb")).toLatin1()},
        {"Upstash-Callback-Forward-Authorization", SecretHeader},
    };
    const auto published = api.publish(sink.url(QStringLiteral("/secret")), SecretBody, redacted);
    QCOMPARE(published.status, 200);
    const QString id = published.json().value(QStringLiteral("messageId")).toString();
    QVERIFY(sink.waitFor(1, QStringLiteral("/cb")));
    QVERIFY(sink.waitFor(1, QStringLiteral("/fcb")));
    // Delivered with the real values, shown nowhere.
    const ReceivedRequest delivered = sink.requestsTo(QStringLiteral("/secret")).constFirst();
    QCOMPARE(delivered.body, SecretBody);
    QCOMPARE(delivered.header("authorization"), SecretHeader);
    QVERIFY(
        sink.requestsTo(QStringLiteral("/fcb")).constFirst().body.contains(SecretBody.toBase64()));

    // The callbacks are messages of their own: find them in the log.
    QStringList ids{id};
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const QJsonArray events = api.get(QStringLiteral("/v2/events"))
                                          .json()
                                          .value(QStringLiteral("events"))
                                          .toArray();
            for (const QJsonValue &e : events) {
                const QString m = e.toObject().value(QStringLiteral("messageId")).toString();
                if (!ids.contains(m))
                    ids.append(m);
            }
            return ids.size() >= 3;
        }(),
        10000);
    const QJsonArray dlq =
        api.get(QStringLiteral("/v2/dlq")).json().value(QStringLiteral("messages")).toArray();
    QCOMPARE(dlq.size(), 1);
    const QString dlqId = dlq.at(0).toObject().value(QStringLiteral("dlqId")).toString();

    // A schedule with the same template shows it redacted too.
    QCOMPARE(api.send("POST", QStringLiteral("/v2/schedules/") + sink.url(QStringLiteral("/s")),
                      SecretBody,
                      {{"Upstash-Cron", "0 0 1 1 *"},
                       {"Upstash-Schedule-Id", "redacted"},
                       {"Upstash-Redact-Fields", "body, header[Authorization]"},
                       {"Upstash-Forward-Authorization", SecretHeader}})
                 .status,
             200);

    QStringList views = {QStringLiteral("/v2/events"),    QStringLiteral("/v2/logs"),
                         QStringLiteral("/v2/dlq"),       QStringLiteral("/v2/dlq/") + dlqId,
                         QStringLiteral("/v2/schedules"), QStringLiteral("/v2/schedules/redacted")};
    for (const QString &m : std::as_const(ids)) {
        views << QStringLiteral("/v2/messages/") + m << QStringLiteral("/v2/events?messageId=") + m;
    }
    const QList<QByteArray> secrets = {SecretBody, SecretHeader, "secret-header-0815"};
    for (const QString &view : std::as_const(views)) {
        const auto r = api.get(view);
        QVERIFY2(r.status == 200, qPrintable(view));
        QVERIFY2(!leaks(r.body, secrets), qPrintable(view + u' ' + QString::fromUtf8(r.body)));
    }
    // Redacted is not removed: the view says a value was there.
    QVERIFY(api.get(QStringLiteral("/v2/messages/") + id).body.contains("REDACTED:"));
}

QTEST_GUILESS_MAIN(tst_ApiGuard)
#include "tst_apiguard.moc"
