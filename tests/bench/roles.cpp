#include "roles.h"

#include "benchutil.h"
#include "loadclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QUrl>

#include <cstdio>
#include <unistd.h>

namespace Bench {

namespace {

void say(const QByteArray &line)
{
    std::fputs(line.constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

int roleHello()
{
    QHttpServer server;
    // Roughly what the broker answers to a publish, so both write the same bytes.
    const QByteArray answer =
        QByteArrayLiteral("{\"messageId\":\"msg_7YoJxFpwkEy5zBp378JN4f3sUdHxbRjQbwvRx9hyCq9x\"}");
    server.route(QStringLiteral("/<arg>"), [answer](const QUrl &, const QHttpServerRequest &) {
        return QHttpServerResponse(QByteArrayLiteral("application/json"), answer);
    });
    const quint16 port = server.listen(QHostAddress::LocalHost, 0);
    if (port == 0)
        return 2;
    say("READY " + QByteArray::number(port));
    return QCoreApplication::exec();
}

int roleQnam(const QCommandLineParser &p)
{
    const QUrl target = QUrl::fromEncoded(p.value(QStringLiteral("target")).toLatin1());
    const int inflight = std::max(1, p.value(QStringLiteral("inflight")).toInt());
    const int durationMs = std::max(1, p.value(QStringLiteral("duration-ms")).toInt());
    const double rate = p.value(QStringLiteral("rate")).toDouble(); // 0: as fast as possible
    const int bodySize = std::max(64, p.value(QStringLiteral("body")).toInt());

    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    qint64 seq = 0;
    qint64 ok = 0;
    qint64 failed = 0;
    int active = 0;
    bool sending = true;
    const qint64 start = nowNs();
    qint64 owed = 0;
    qint64 owedTotal = 0;

    std::function<void()> sendOne = [&] {
        QNetworkRequest req(target);
        req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("text/plain"));
        req.setRawHeader("User-Agent", "Upstash-QStash");
        QNetworkReply *reply = nam.post(req, stampedBody(seq++, bodySize));
        ++active;
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply] {
            reply->deleteLater();
            --active;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            (status >= 200 && status < 300) ? ++ok : ++failed;
            if (!sending)
                return;
            if (rate <= 0)
                sendOne();
            else if (owed > 0 && active < inflight) {
                --owed;
                sendOne();
            }
        });
    };
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(1);
    QObject::connect(&tick, &QTimer::timeout, &tick, [&] {
        if (nowNs() - start >= qint64(durationMs) * 1'000'000) {
            sending = false;
            tick.stop();
            return;
        }
        if (rate <= 0)
            return;
        const qint64 should = qint64(rate * double(nowNs() - start) / 1e9);
        owed += should - owedTotal;
        owedTotal = should;
        while (owed > 0 && active < inflight) {
            --owed;
            sendOne();
        }
    });
    say("READY 1");
    tick.start();
    if (rate <= 0) {
        for (int i = 0; i < inflight; ++i)
            sendOne();
    }
    spinUntil([&] { return !sending && active == 0; }, durationMs + 15000, 5);
    const ProcStats st = procStats(getpid());
    say("DONE ok=" + QByteArray::number(ok) + " failed=" + QByteArray::number(failed) +
        " cpu=" + QByteArray::number(st.cpuSec, 'f', 3));
    return 0;
}

int roleSqlite(const QCommandLineParser &p)
{
    const QString dir = p.value(QStringLiteral("dir"));
    const int durationMs = std::max(1, p.value(QStringLiteral("duration-ms")).toInt());
    const int batch = std::max(1, p.value(QStringLiteral("batch")).toInt());
    const int bodySize = std::max(64, p.value(QStringLiteral("body")).toInt());
    auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench"));
    db.setDatabaseName(dir + QStringLiteral("/baseline.db"));
    if (!db.open())
        return 2;
    QSqlQuery q(db);
    for (const char *sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                            "CREATE TABLE m (id TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL, "
                            "due_at INTEGER NOT NULL, body BLOB NOT NULL)",
                            "CREATE INDEX m_due ON m(due_at)"}) {
        if (!q.exec(QString::fromLatin1(sql))) {
            say("ERROR " + q.lastError().text().toUtf8());
            return 2;
        }
    }
    QSqlQuery ins(db);
    ins.prepare(QStringLiteral("INSERT INTO m (id, created_at, due_at, body) VALUES (?,?,?,?)"));
    const QByteArray body(bodySize, 'x');
    say("READY 1");
    const ProcStats before = procStats(getpid());
    const qint64 start = nowNs();
    const qint64 end = start + qint64(durationMs) * 1'000'000;
    qint64 rows = 0;
    while (nowNs() < end) {
        if (batch > 1)
            q.exec(QStringLiteral("BEGIN"));
        for (int i = 0; i < batch; ++i) {
            ins.addBindValue(QStringLiteral("msg_%1").arg(rows));
            ins.addBindValue(wallMs());
            ins.addBindValue(wallMs());
            ins.addBindValue(body);
            if (!ins.exec()) {
                say("ERROR " + ins.lastError().text().toUtf8());
                return 2;
            }
            ++rows;
        }
        if (batch > 1)
            q.exec(QStringLiteral("COMMIT"));
    }
    const double secs = double(nowNs() - start) / 1e9;
    ins.finish();
    q.finish();
    const ProcStats after = procStats(getpid());
    say("DONE rows=" + QByteArray::number(rows) + " secs=" + QByteArray::number(secs, 'f', 3) +
        " write_bytes=" + QByteArray::number(after.writeBytes - before.writeBytes) +
        " wchar=" + QByteArray::number(after.wchar - before.wchar) +
        " cpu=" + QByteArray::number(after.cpuSec - before.cpuSec, 'f', 3));
    return 0;
}

// Open-loop publisher (used where the load must not share the measuring process's threads).
int rolePublish(const QCommandLineParser &p)
{
    const quint16 port = quint16(p.value(QStringLiteral("port")).toUInt());
    const QByteArray dest = p.value(QStringLiteral("target")).toLatin1();
    const double rate = std::max(1.0, p.value(QStringLiteral("rate")).toDouble());
    const int durationMs = std::max(1, p.value(QStringLiteral("duration-ms")).toInt());
    const int conns = std::max(1, p.value(QStringLiteral("inflight")).toInt());
    LoadClient client(port, conns);
    if (!client.connectAll(10000))
        return 2;
    say("READY 1");
    const auto r = client.runOpen([&](qint64 seq) { return publishBytes(port, dest, {}, seq); },
                                  rate, durationMs);
    say("DONE ok=" + QByteArray::number(r.ok) + " failed=" + QByteArray::number(r.failed) +
        " backlog=" + QByteArray::number(client.maxBacklog()));
    return 0;
}

} // namespace

int runRole(const QStringList &args)
{
    QCommandLineParser p;
    for (const char *name :
         {"role", "target", "inflight", "duration-ms", "rate", "body", "dir", "batch", "port"})
        p.addOption(QCommandLineOption(QString::fromLatin1(name), QString(), QStringLiteral("v")));
    p.process(QStringList{QStringLiteral("localstash-bench")} + args);
    const QString role = p.value(QStringLiteral("role"));
    if (role == QStringLiteral("hello"))
        return roleHello();
    if (role == QStringLiteral("qnam"))
        return roleQnam(p);
    if (role == QStringLiteral("sqlite"))
        return roleSqlite(p);
    if (role == QStringLiteral("publish"))
        return rolePublish(p);
    std::fprintf(stderr, "unknown role %s\n", qPrintable(role));
    return 2;
}

} // namespace Bench
