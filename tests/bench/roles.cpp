#include "roles.h"

#include "benchutil.h"
#include "core/config.h"
#include "core/ids.h"
#include "delivery/dispatcher.h"
#include "loadclient.h"
#include "signing/jwt.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <cstdio>
#include <deque>
#include <memory>
#include <unistd.h>
#include <vector>

namespace Bench {

namespace {

void say(const QByteArray &line)
{
    std::fputs(line.constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

// Roughly what the broker answers to a publish, so the baselines write the same bytes.
QByteArray publishAnswer()
{
    return QByteArrayLiteral(
        "{\"messageId\":\"msg_7YoJxFpwkEy5zBp378JN4f3sUdHxbRjQbwvRx9hyCq9x\"}");
}

// Opens `file` as the baselines' table of 1 KiB rows: WAL, synchronous=NORMAL (the broker's
// default), a unique id and an index on the due time, as the broker's messages have.
bool openBaselineTable(QSqlDatabase &db, const QString &connection, const QString &file)
{
    db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    db.setDatabaseName(file);
    if (!db.open())
        return false;
    QSqlQuery q(db);
    for (const char *sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                            "CREATE TABLE m (id TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL, "
                            "due_at INTEGER NOT NULL, body BLOB NOT NULL)",
                            "CREATE INDEX m_due ON m(due_at)"}) {
        if (!q.exec(QString::fromLatin1(sql))) {
            say("ERROR " + q.lastError().text().toUtf8());
            return false;
        }
    }
    return true;
}

int roleHello()
{
    QHttpServer server;
    const QByteArray answer = publishAnswer();
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
    // 1 KiB unless told otherwise: the size the broker's figures deliver (until this default
    // was set the sender posted 64-byte bodies, though its notes and the README said 1 KiB).
    const int bodySize = p.isSet(QStringLiteral("body"))
                             ? std::max(64, p.value(QStringLiteral("body")).toInt())
                             : 1024;

    // --config default: QNAM as it comes (direct, no proxy); otherwise as the broker's dispatcher
    // sets it up, the fair baseline for the broker's delivery.
    const bool asBroker = p.value(QStringLiteral("config")) != QStringLiteral("default");
    // --headers qstash: also the headers the broker adds to a delivery (message id, retried,
    // caller IP and a signature of the real length, made once), so the receiver parses the
    // same request shape. A reference only: the sender does no per-request signing work.
    Broker::HeaderList extraHeaders;
    if (p.value(QStringLiteral("headers")) == QStringLiteral("qstash")) {
        Broker::Jwt::Claims claims;
        claims.subject = target.toString();
        claims.issuedAt = wallMs() / 1000;
        claims.expiresAt = claims.issuedAt + 300;
        claims.jwtId = Broker::Ids::newJwtId();
        claims.body = stampedBody(0, bodySize);
        extraHeaders = {{"Upstash-Caller-Ip", "127.0.0.1"},
                        {"Upstash-Message-Id", Broker::Ids::newMessageId().toLatin1()},
                        {"Upstash-Retried", "0"},
                        {"Upstash-Signature",
                         Broker::Jwt::sign(Broker::DevCredentials::currentSigningKey(), claims)}};
    }
    QNetworkAccessManager nam;
    if (asBroker) {
        Broker::Dispatcher::configureManager(nam);
    } else {
        nam.setProxy(QNetworkProxy::NoProxy);
        nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    }
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
        if (asBroker)
            Broker::Dispatcher::configureRequest(req);
        req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("text/plain"));
        req.setRawHeader("User-Agent", "Upstash-QStash");
        for (const auto &[name, value] : extraHeaders)
            req.setRawHeader(name, value);
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
    QSqlDatabase db;
    if (!openBaselineTable(db, QStringLiteral("bench"), dir + QStringLiteral("/baseline.db")))
        return 2;
    QSqlQuery q(db);
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

// The least a durable publish can do with these parts: QHttpServer takes the POST, its body goes
// into a SQLite row (WAL, synchronous=NORMAL like the broker's default, the id and due-time
// indexes of roleSqlite), every request that arrived since the last commit shares the next one,
// and each is answered only after COMMIT. No parsing, no events, no message model: the ceiling
// of the durable-publish figure on this machine, measured next to it. With --threads 2 the
// inserts and commits run on a second thread (its own connection), as a writer thread would.
class DurableWriter final : public QObject
{
public:
    // Called on the writer's thread after each COMMIT with the number of rows it made durable.
    std::function<void(qint64 committed)> onCommitted;

    bool open(const QString &dir)
    {
        if (!openBaselineTable(m_db, QStringLiteral("durable"),
                               dir + QStringLiteral("/durable.db")))
            return false;
        m_ins = std::make_unique<QSqlQuery>(m_db);
        return m_ins->prepare(
            QStringLiteral("INSERT INTO m (id, created_at, due_at, body) VALUES (?,?,?,?)"));
    }
    // Any thread. True when the list was empty (the caller then wakes the writer).
    bool hand(const QByteArray &body)
    {
        QMutexLocker lock(&m_mutex);
        m_in.push_back(body);
        return m_in.size() == 1;
    }
    // Inserts every body handed over so far in one transaction.
    void commitAll()
    {
        std::vector<QByteArray> batch;
        {
            QMutexLocker lock(&m_mutex);
            batch.swap(m_in);
        }
        if (batch.empty())
            return;
        QSqlQuery q(m_db);
        q.exec(QStringLiteral("BEGIN IMMEDIATE"));
        for (const QByteArray &body : batch) {
            const qint64 now = wallMs();
            m_ins->addBindValue(QStringLiteral("msg_%1").arg(m_rows++));
            m_ins->addBindValue(now);
            m_ins->addBindValue(now + 86'400'000);
            m_ins->addBindValue(body);
            if (!m_ins->exec())
                say("ERROR " + m_ins->lastError().text().toUtf8());
        }
        q.exec(QStringLiteral("COMMIT"));
        onCommitted(qint64(batch.size()));
    }

private:
    QSqlDatabase m_db;
    std::unique_ptr<QSqlQuery> m_ins;
    QMutex m_mutex;
    std::vector<QByteArray> m_in;
    qint64 m_rows = 0;
};

int roleDurable(const QCommandLineParser &p)
{
    const bool threaded = p.value(QStringLiteral("threads")).toInt() >= 2;
    QThread writerThread;
    writerThread.setObjectName(QStringLiteral("writer"));
    DurableWriter writer;
    if (threaded) { // the connection belongs to the thread that uses it
        writer.moveToThread(&writerThread);
        writerThread.start();
    }
    bool opened = false;
    QMetaObject::invokeMethod(
        &writer, [&] { opened = writer.open(p.value(QStringLiteral("dir"))); },
        threaded ? Qt::BlockingQueuedConnection : Qt::DirectConnection);
    if (!opened) {
        writerThread.quit();
        writerThread.wait();
        return 2;
    }
    const QByteArray answer = publishAnswer();
    QObject main;
    std::deque<std::shared_ptr<QHttpServerResponder>> waiting;
    const auto answerFirst = [&](qint64 n) {
        for (; n > 0 && !waiting.empty(); --n) {
            const auto r = std::move(waiting.front());
            waiting.pop_front();
            r->writeStatusLine(QHttpServerResponder::StatusCode::Ok);
            r->writeHeader(QByteArrayLiteral("Content-Type"),
                           QByteArrayLiteral("application/json"));
            r->writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(answer.size()));
            r->writeBody(answer);
        }
    };
    writer.onCommitted = [&](qint64 n) {
        if (!threaded)
            return answerFirst(n);
        QMetaObject::invokeMethod(
            &main, [&answerFirst, n] { answerFirst(n); }, Qt::QueuedConnection);
    };
    QElapsedTimer sinceCommit;
    sinceCommit.start();
    QTimer window;
    window.setSingleShot(true);
    window.setTimerType(Qt::PreciseTimer);
    QObject::connect(&window, &QTimer::timeout, &window, [&] {
        writer.commitAll();
        sinceCommit.restart();
    });
    QHttpServer server;
    server.setMissingHandler(
        [&](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            waiting.push_back(std::make_shared<QHttpServerResponder>(std::move(responder)));
            if (!writer.hand(request.body()))
                return;
            if (threaded)
                QMetaObject::invokeMethod(
                    &writer, [&writer] { writer.commitAll(); }, Qt::QueuedConnection);
            else // the broker's group-commit window: at most one commit per millisecond
                window.start(int(std::max<qint64>(0, 1 - sinceCommit.elapsed())));
        });
    const quint16 port = server.listen(QHostAddress::LocalHost, 0);
    if (port == 0)
        return 2;
    say("READY " + QByteArray::number(port));
    const int rc = QCoreApplication::exec();
    writerThread.quit();
    writerThread.wait();
    return rc;
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
    // --delay: an Upstash-Delay value, for measuring the ingest path without deliveries.
    const QString delay = p.value(QStringLiteral("delay"));
    const QByteArray extra =
        delay.isEmpty() ? QByteArray() : "Upstash-Delay: " + delay.toLatin1() + "\r\n";
    const auto r = client.runOpen([&](qint64 seq) { return publishBytes(port, dest, extra, seq); },
                                  rate, durationMs);
    say("DONE ok=" + QByteArray::number(r.ok) + " failed=" + QByteArray::number(r.failed) +
        " backlog=" + QByteArray::number(client.maxBacklog()));
    return 0;
}

} // namespace

int runRole(const QStringList &args)
{
    QCommandLineParser p;
    for (const char *name : {"role", "target", "inflight", "duration-ms", "rate", "body", "dir",
                             "batch", "port", "threads", "delay", "config", "headers"})
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
    if (role == QStringLiteral("durable"))
        return roleDurable(p);
    std::fprintf(stderr, "unknown role %s\n", qPrintable(role));
    return 2;
}

} // namespace Bench
