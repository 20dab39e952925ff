// Storage: schema version and migrations, refusing newer or damaged databases, a failed commit
// that answers 5xx and acknowledges nothing, and data that survives a restart.

#include "apiclient.h"
#include "httpsink.h"
#include "store/database.h"
#include "store/messagestore.h"
#include "store/sqlutil.h"
#include "store/walvfs.h"
#include "storeprobe.h"
#include "testbroker.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

using namespace TestSupport;

class tst_Storage : public QObject
{
    Q_OBJECT
private slots:
    void freshDatabaseGetsCurrentSchema();
    void olderSchemasAreMigrated();
    void databaseFromNewerVersionIsRefused();
    void damagedDatabaseIsRefusedAndKept();
    void integrityCheckSkippedOnlyAfterCleanClose();
    void failedCommitAnswers5xxAndAcksNothing();
    void acceptedMessagesSurviveRestart();
    void bothWritePathsStoreTheSameRows();
    void walWritesAreGatheredAndAFailedOneFailsTheCommit();

private:
    static QVariant scalar(const QString &path, const QString &sql);
    static int readSchemaVersion(const QString &path);
    static void writeSchemaVersion(const QString &path, int version);
};

QVariant tst_Storage::scalar(const QString &path, const QString &sql)
{
    const auto rows = TestSupport::readStoreColumn(path, sql);
    return rows && !rows->isEmpty() ? rows->first() : QVariant();
}

int tst_Storage::readSchemaVersion(const QString &path)
{
    const QVariant v = scalar(path, QStringLiteral("SELECT version FROM schema_version"));
    return v.isValid() ? v.toInt() : -1;
}

void tst_Storage::writeSchemaVersion(const QString &path, int version)
{
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("UPDATE schema_version SET version = %1").arg(version)));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("probe"));
}

void tst_Storage::freshDatabaseGetsCurrentSchema()
{
    TestBroker broker;
    QVERIFY(broker.start().ok());
    const QString path = broker.service().databasePath();
    broker.stop();
    QCOMPARE(readSchemaVersion(path), Broker::Database::SchemaVersion);
    // Opening again is a no-op migration.
    QVERIFY(broker.start().ok());
}

void tst_Storage::olderSchemasAreMigrated()
{
    // For every older schema version: build a database exactly at that version holding one
    // pending message, then start the broker on it: it migrates, keeps and delivers the message.
    for (int version = 1; version < Broker::Database::SchemaVersion; ++version) {
        HttpSink sink;
        QVERIFY(sink.start());
        TestBroker broker;
        const QString path = broker.dataDir() + QStringLiteral("/localstash.db");
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(
                q.exec(QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version VALUES (%1)").arg(version)));
            for (int v = 1; v <= version; ++v) {
                for (const QString &statement : Broker::Database::migrationSql(v).split(u';')) {
                    if (!statement.trimmed().isEmpty())
                        QVERIFY2(q.exec(statement), qPrintable(statement));
                }
            }
            QVERIFY(q.prepare(QStringLiteral("INSERT INTO messages (id, state, created_at, "
                                             "updated_at, not_before, due_at, url, "
                                             "method, headers, body, max_retries) VALUES "
                                             "('msg_old', 'PENDING', ?, ?, ?, ?, ?, "
                                             "'POST', '[]', 'from v%1', 3)")
                                  .arg(version)));
            for (int i = 0; i < 4; ++i)
                q.addBindValue(TestBroker::StartMs);
            q.addBindValue(sink.url(QStringLiteral("/old")));
            QVERIFY(q.exec());
            // A logged event and attempt from before, with ids above 1: kept as they were, and
            // the new ones are numbered after them.
            QVERIFY(q.exec(QStringLiteral("INSERT INTO events (id, time, message_id, state, url, "
                                          "detail) VALUES (1000, %1, 'msg_old', 'CREATED', "
                                          "'http://old/', '{\"v\":%2}')")
                               .arg(TestBroker::StartMs)
                               .arg(version)));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO attempts (id, message_id, retried, "
                                          "started_at, duration_ms, request_url, request_method, "
                                          "request_headers, status, response_headers, "
                                          "response_body) VALUES (500, 'msg_old', 0, %1, 5, "
                                          "'http://old/', 'POST', '[]', 503, '[]', 'v%2')")
                               .arg(TestBroker::StartMs)
                               .arg(version)));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("old"));
        QVERIFY(broker.start().ok());
        QVERIFY(sink.waitFor(1, QStringLiteral("/old")));
        QCOMPARE(sink.requests().constFirst().body,
                 QByteArray("from v") + QByteArray::number(version));
        QVERIFY(QTest::qWaitFor([&] {
            return broker.service().store()->attempts(QStringLiteral("msg_old")).size() == 2;
        }));
        broker.stop();
        QCOMPARE(readSchemaVersion(path), Broker::Database::SchemaVersion);
        QCOMPARE(scalar(path, QStringLiteral("SELECT detail FROM events WHERE id = 1000")),
                 QVariant(QStringLiteral("{\"v\":%1}").arg(version)));
        QVERIFY(
            scalar(path, QStringLiteral("SELECT MIN(id) FROM events WHERE id <> 1000")).toInt() >
            1000);
        QCOMPARE(scalar(path, QStringLiteral("SELECT response_body FROM attempts WHERE id = 500"))
                     .toByteArray(),
                 QByteArray("v") + QByteArray::number(version));
        QVERIFY(
            scalar(path, QStringLiteral("SELECT MIN(id) FROM attempts WHERE id <> 500")).toInt() >
            500);
        QVERIFY(!scalar(path, QStringLiteral("SELECT group_concat(sql) FROM sqlite_master WHERE "
                                             "name IN ('events', 'attempts')"))
                     .toString()
                     .contains(QStringLiteral("AUTOINCREMENT")));
    }
}

void tst_Storage::databaseFromNewerVersionIsRefused()
{
    TestBroker broker;
    QVERIFY(broker.start().ok());
    const QString path = broker.service().databasePath();
    broker.stop();
    writeSchemaVersion(path, 99);
    const auto st = broker.start();
    QVERIFY(!st.ok());
    QVERIFY2(st.error().message.contains(QStringLiteral("newer")), qPrintable(st.error().message));
    QCOMPARE(readSchemaVersion(path), 99); // untouched
}

void tst_Storage::damagedDatabaseIsRefusedAndKept()
{
    TestBroker broker;
    const QString path = broker.dataDir() + QStringLiteral("/localstash.db");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray garbage = QByteArray("SQLite format 3") + QByteArray(4096, '\x5a');
    file.write(garbage);
    file.close();
    const auto st = broker.start();
    QVERIFY(!st.ok());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), garbage); // never silently reset
}

void tst_Storage::integrityCheckSkippedOnlyAfterCleanClose()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("localstash.db"));
    const QString mark = path + QStringLiteral(".clean");
    {
        Broker::Database db;
        QVERIFY(db.open(path, false).ok());
        QVERIFY(!db.skippedIntegrityCheck()); // new file: no clean mark
        for (int i = 0; i < 200; ++i)
            QVERIFY(db.exec(QStringLiteral("INSERT INTO kv (key, value) VALUES ('k%1', '%2')")
                                .arg(i)
                                .arg(QString(3000, u'v')))
                        .ok());
    }
    QVERIFY(QFile::exists(mark));
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    {
        Broker::Database db;
        QVERIFY(db.open(path, false).ok());
        QVERIFY(db.skippedIntegrityCheck()); // unchanged since the clean close
        QVERIFY(!QFile::exists(mark));       // gone while open: a crash means a full check
    }
    // A crash (no close): the next start checks everything.
    QVERIFY(QFile::exists(mark));
    QVERIFY(QFile::remove(mark));
    {
        Broker::Database db;
        QVERIFY(db.open(path, false).ok());
        QVERIFY(!db.skippedIntegrityCheck());
    }
    // Damaged right after a clean close (same size, within the same clock tick): still checked.
    QVERIFY(QFile::exists(mark));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QByteArray contents = file.readAll();
    QVERIFY(contents.size() > 16 * 4096);
    for (qsizetype i = 6 * 4096; i < 8 * 4096; ++i)
        contents[i] = char(0x5a);
    QVERIFY(file.seek(0));
    QCOMPARE(file.write(contents), contents.size());
    file.close();
    Broker::Database db;
    const auto st = db.open(path, false);
    QVERIFY(!st.ok());
    QVERIFY2(st.error().message.contains(QStringLiteral("damaged")),
             qPrintable(st.error().message));
    QVERIFY(!db.skippedIntegrityCheck());
}

void tst_Storage::failedCommitAnswers5xxAndAcksNothing()
{
    HttpSink sink;
    QVERIFY(sink.start());
    TestBroker broker;
    QVERIFY(broker.start().ok());
    ApiClient api(broker.baseUrl(), broker.token());
    const auto before =
        api.publish(sink.url(QStringLiteral("/before")), "1", {{"Upstash-Delay", "1m"}});
    QCOMPARE(before.status, 200);

    // Make the broker's own connection refuse writes, as a full or read-only disk would.
    // (The broker's connection lives in this thread, so the test can reach it by name.)
    const auto setQueryOnly = [&](bool on) {
        for (const QString &name : QSqlDatabase::connectionNames()) {
            if (!name.startsWith(QStringLiteral("localstash-broker-")))
                continue;
            QSqlQuery q(QSqlDatabase::database(name, false));
            QVERIFY(q.exec(on ? QStringLiteral("PRAGMA query_only=1")
                              : QStringLiteral("PRAGMA query_only=0")));
        }
    };
    setQueryOnly(true);
    const auto refused = api.publish(sink.url(QStringLiteral("/refused")), "2");
    QCOMPARE(refused.status, 500);
    QVERIFY(refused.json()
                .value(QStringLiteral("error"))
                .toString()
                .contains(QStringLiteral("not stored")));
    QVERIFY(!refused.json().contains(QStringLiteral("messageId")));
    setQueryOnly(false);

    const auto after = api.publish(sink.url(QStringLiteral("/after")), "3");
    QCOMPARE(after.status, 200);
    QVERIFY(sink.waitFor(1, QStringLiteral("/after")));
    broker.clock().advance(60'000);
    QVERIFY(sink.waitFor(1, QStringLiteral("/before")));
    QCOMPARE(sink.countTo(QStringLiteral("/refused")), 0);
}

void tst_Storage::acceptedMessagesSurviveRestart()
{
    HttpSink sink;
    QVERIFY(sink.start());
    TestBroker broker;
    QVERIFY(broker.start().ok());
    QString id;
    {
        ApiClient api(broker.baseUrl(), broker.token());
        id = api.publish(sink.url(QStringLiteral("/kept")), "body", {{"Upstash-Delay", "1h"}})
                 .json()
                 .value(QStringLiteral("messageId"))
                 .toString();
    }
    QVERIFY(broker.restart().ok());
    ApiClient api(broker.baseUrl(), broker.token());
    QCOMPARE(api.get(QStringLiteral("/v2/messages/") + id).status, 200);
    broker.clock().advance(3'600'000);
    QVERIFY(sink.waitFor(1, QStringLiteral("/kept")));
    QCOMPARE(sink.requests().constFirst().header("upstash-message-id"), id.toLatin1());
}

namespace {

// Every row of the write path's tables, each value as SQL's quote() prints it (type and bytes).
QStringList dumpRows(QSqlDatabase &db)
{
    QStringList rows;
    const QString tables[] = {QStringLiteral("messages"), QStringLiteral("events"),
                              QStringLiteral("attempts")};
    for (const QString &table : tables) {
        QSqlQuery cols(db);
        cols.exec(QStringLiteral("SELECT name FROM pragma_table_info('%1')").arg(table));
        QStringList quoted;
        while (cols.next())
            quoted << QStringLiteral("quote(%1)").arg(cols.value(0).toString());
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT %1 FROM %2 ORDER BY rowid").arg(quoted.join(u','), table));
        while (q.next()) {
            QStringList values;
            for (int i = 0; i < quoted.size(); ++i)
                values << q.value(i).toString();
            rows << table + u':' + values.join(u'|');
        }
    }
    return rows;
}

} // namespace

void tst_Storage::bothWritePathsStoreTheSameRows()
{
    // The write statements run on libsqlite3 directly where QtSql's plugin shares it, through
    // QtSql elsewhere: both must leave the very same bytes, NULL-free text and typed values.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Broker::Message plain;
    plain.id = QStringLiteral("msg_plain");
    plain.url = "http://127.0.0.1:9/p%C3%A4th?q=1";
    plain.method = "POST";
    plain.headers = {{"Content-Type", "text/plain"}, {"X-Caf\xe9", "v\"al\\ue"}};
    plain.body = QByteArray("\x00\x01\xff body", 8);
    plain.createdAt = plain.notBefore = plain.dueAt = 1700000000000;
    Broker::Message full = plain;
    full.id = QStringLiteral("msg_full");
    full.body = QByteArray(); // null: stored as an empty blob
    full.labels = {QStringLiteral("a"), QStringLiteral("bé")};
    full.topicName = QStringLiteral("tøpic");
    full.endpointName = QStringLiteral("ep");
    full.queueName = QStringLiteral("q");
    full.scheduleId = QStringLiteral("scd_1");
    full.flowControlKey = QStringLiteral("fk");
    full.dedupKey = QStringLiteral("id:d");
    full.callerIp = QStringLiteral("127.0.0.1");
    full.options = QJsonObject{{QStringLiteral("callback"), QStringLiteral("http://x/ü")}};
    Broker::AttemptRecord attempt;
    attempt.messageId = full.id;
    attempt.startedAt = 1700000000100;
    attempt.durationMs = 7;
    attempt.url = full.url;
    attempt.method = full.method;
    attempt.requestHeaders = full.headers;
    attempt.status = 500;
    attempt.responseBody = "nope\xc3\xa9";
    attempt.error = QStringLiteral("HTTP 500 – é");

    QStringList dumps[2];
    bool direct[2] = {false, false};
    for (int pass = 0; pass < 2; ++pass) {
        qputenv("LOCALSTASH_SQLITE_DIRECT", pass == 0 ? "1" : "0");
        Broker::Database db;
        QVERIFY(db.open(dir.filePath(QStringLiteral("w%1.db").arg(pass)), false).ok());
        Broker::MessageStore store(&db);
        QSqlDatabase &c = db.connection();
        QString error;
        QVERIFY2(store.insertMessage(c, plain, &error), qPrintable(error));
        QVERIFY2(store.insertMessage(c, full, &error), qPrintable(error));
        QVERIFY2(store.appendEventJson(c, plain, Broker::EventState::Created, 1, "{}", 0, &error),
                 qPrintable(error));
        QVERIFY2(store.appendEventJson(c, full, Broker::EventState::Created, 2, "{\"error\":\"é\"}",
                                       0, &error),
                 qPrintable(error));
        QVERIFY2(store.updateState(c, full.id, Broker::MessageState::Retry, 2, 5, 6, &error),
                 qPrintable(error));
        qint64 attemptId = 0;
        QVERIFY2(store.insertAttempt(c, attempt, &attemptId, &error), qPrintable(error));
        QVERIFY(attemptId > 0);
        // The event names the attempt by the id both paths report.
        QVERIFY2(
            store.appendEventJson(c, full, Broker::EventState::Error, 3, "{}", attemptId, &error),
            qPrintable(error));
        // A failing statement reports SQLite's reason and leaves the statement usable.
        QVERIFY(!store.insertMessage(c, plain, &error));
        QVERIFY2(error.contains(QStringLiteral("UNIQUE")), qPrintable(error));
        QVERIFY2(store.updateState(c, plain.id, Broker::MessageState::Delivered, 0, 1, 2, &error),
                 qPrintable(error));
        direct[pass] = db.statement("SELECT 1").isDirect();
        dumps[pass] = dumpRows(c);
    }
    qunsetenv("LOCALSTASH_SQLITE_DIRECT");
    QVERIFY(!direct[1]);
#if defined(LOCALSTASH_HAVE_SQLITE3) && defined(__linux__)
    QVERIFY2(direct[0], "this build links libsqlite3, but the direct path was not taken");
#endif
    QCOMPARE(dumps[0].size(), 2 + 3 + 1); // messages, events, attempts
    QCOMPARE(dumps[0], dumps[1]);
}

void tst_Storage::walWritesAreGatheredAndAFailedOneFailsTheCommit()
{
    if (!Broker::Sql::walCoalescingInstalled())
        QSKIP("built without libsqlite3's headers, or LOCALSTASH_WAL_COALESCE=0: SQLite's own VFS");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("localstash.db"));
    Broker::Database db;
    QVERIFY(db.open(path, false).ok());
    const auto insertRows = [&](int count, int from) {
        if (auto st = db.exec(QStringLiteral("BEGIN IMMEDIATE")); !st)
            return st;
        for (int i = from; i < from + count; ++i) {
            if (auto st = db.exec(QStringLiteral("INSERT INTO kv (key, value) VALUES ('k%1', '%2')")
                                      .arg(i)
                                      .arg(QString(2000, u'v')));
                !st) {
                static_cast<void>(db.exec(QStringLiteral("ROLLBACK")));
                return st;
            }
        }
        auto st = db.exec(QStringLiteral("COMMIT"));
        if (!st)
            static_cast<void>(db.exec(QStringLiteral("ROLLBACK")));
        return st;
    };
    const QString countSql = QStringLiteral("SELECT COUNT(*) FROM kv WHERE key LIKE 'k%'");

    // One transaction of ~100 pages: two writes per frame asked for, a handful made.
    const Broker::Sql::WalWriteStats before = Broker::Sql::walWriteStats();
    QVERIFY(insertRows(200, 0).ok());
    const Broker::Sql::WalWriteStats after = Broker::Sql::walWriteStats();
    const quint64 requested = after.requested - before.requested;
    const quint64 issued = after.issued - before.issued;
    qInfo("WAL writes: %llu asked for, %llu made", requested, issued);
    QVERIFY(requested >= 200);
    QVERIFY(issued * 10 <= requested);
    // Committed means visible to another connection (the checkpointer's, a reader's) at once.
    QCOMPARE(scalar(path, countSql).toInt(), 200);

    // The WAL cannot grow (as on a full disk): the COMMIT fails, nothing of it shows, what was
    // there stays, and writes work again once the file may grow.
    struct rlimit saved
    {};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit tight = saved;
    tight.rlim_cur = rlim_t(QFileInfo(path + QStringLiteral("-wal")).size() + 4096);
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &tight), 0);
    const auto refused = insertRows(200, 1000);
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &saved), 0);
    std::signal(SIGXFSZ, oldHandler);
    QVERIFY(!refused.ok());
    qInfo("refused: %s", qPrintable(refused.error().message));
    QCOMPARE(scalar(path, countSql).toInt(), 200);
    QVERIFY(insertRows(1, 5000).ok());
    QCOMPARE(scalar(path, countSql).toInt(), 201);
    QCOMPARE(scalar(path, QStringLiteral("PRAGMA integrity_check")).toString(),
             QStringLiteral("ok"));
}

QTEST_GUILESS_MAIN(tst_Storage)
#include "tst_storage.moc"
