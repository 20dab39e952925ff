#include "database.h"

#include "checkpointer.h"
#include "core/logging.h"
#include "sqlutil.h"

#include <QAtomicInt>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace Broker {

namespace {

QAtomicInt s_connectionCounter;

// Migration N brings the schema from version N-1 to N. Never edit one that has shipped; add
// another.
const char *const kMigrations[] = {
    // 1: messages, their log events and attempts, and small key/value settings (signing keys).
    R"SQL(
CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    not_before INTEGER NOT NULL,
    due_at INTEGER NOT NULL,
    url TEXT NOT NULL,
    method TEXT NOT NULL,
    headers TEXT NOT NULL,
    body BLOB NOT NULL,
    max_retries INTEGER NOT NULL,
    retried INTEGER NOT NULL DEFAULT 0,
    timeout_ms INTEGER NOT NULL DEFAULT 0,
    labels TEXT NOT NULL DEFAULT '',
    topic_name TEXT NOT NULL DEFAULT '',
    endpoint_name TEXT NOT NULL DEFAULT '',
    queue_name TEXT NOT NULL DEFAULT '',
    schedule_id TEXT NOT NULL DEFAULT '',
    caller_ip TEXT NOT NULL DEFAULT '',
    flow_control_key TEXT NOT NULL DEFAULT '',
    dedup_id TEXT NOT NULL DEFAULT '',
    options TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX messages_due ON messages(due_at) WHERE state IN ('PENDING', 'RETRY');
CREATE INDEX messages_state ON messages(state);
CREATE INDEX messages_created ON messages(created_at);
CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time INTEGER NOT NULL,
    message_id TEXT NOT NULL,
    state TEXT NOT NULL,
    url TEXT NOT NULL,
    host TEXT NOT NULL DEFAULT '',
    path TEXT NOT NULL DEFAULT '',
    labels TEXT NOT NULL DEFAULT '',
    topic_name TEXT NOT NULL DEFAULT '',
    queue_name TEXT NOT NULL DEFAULT '',
    schedule_id TEXT NOT NULL DEFAULT '',
    flow_control_key TEXT NOT NULL DEFAULT '',
    caller_ip TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_message ON events(message_id);
CREATE INDEX events_time ON events(time);
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id TEXT NOT NULL,
    retried INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    request_url TEXT NOT NULL,
    request_method TEXT NOT NULL,
    request_headers TEXT NOT NULL,
    status INTEGER NOT NULL,
    response_headers TEXT NOT NULL,
    response_body BLOB NOT NULL,
    error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX attempts_message ON attempts(message_id);
CREATE TABLE kv (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
)SQL",
    // 2: dead-letter queue, deduplication keys, URL groups, queues, schedules, flow control.
    R"SQL(
CREATE TABLE dlq (
    dlq_id TEXT PRIMARY KEY,
    message_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    url TEXT NOT NULL DEFAULT '',
    labels TEXT NOT NULL DEFAULT '',
    topic_name TEXT NOT NULL DEFAULT '',
    queue_name TEXT NOT NULL DEFAULT '',
    schedule_id TEXT NOT NULL DEFAULT '',
    flow_control_key TEXT NOT NULL DEFAULT '',
    caller_ip TEXT NOT NULL DEFAULT '',
    response_status INTEGER NOT NULL DEFAULT 0,
    response_headers TEXT NOT NULL DEFAULT '[]',
    response_body BLOB NOT NULL DEFAULT x'',
    error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dlq_created ON dlq(created_at);
CREATE INDEX dlq_message ON dlq(message_id);
CREATE TABLE dedup (
    key TEXT PRIMARY KEY,
    message_id TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX dedup_expiry ON dedup(expires_at);
CREATE TABLE topics (
    name TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    headers TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE topic_endpoints (
    topic TEXT NOT NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL,
    PRIMARY KEY (topic, url)
);
CREATE TABLE queues (
    name TEXT PRIMARY KEY,
    parallelism INTEGER NOT NULL DEFAULT 1,
    paused INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX messages_queue ON messages(queue_name, state) WHERE queue_name != '';
CREATE INDEX messages_flow ON messages(flow_control_key, state) WHERE flow_control_key != '';
CREATE TABLE schedules (
    id TEXT PRIMARY KEY,
    cron TEXT NOT NULL,
    destination TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    paused INTEGER NOT NULL DEFAULT 0,
    next_fire INTEGER NOT NULL DEFAULT -1,
    last_fire INTEGER NOT NULL DEFAULT 0,
    last_states TEXT NOT NULL DEFAULT '{}',
    caller_ip TEXT NOT NULL DEFAULT '',
    template TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE flow_control (
    key TEXT PRIMARY KEY,
    parallelism INTEGER NOT NULL DEFAULT 0,
    rate INTEGER NOT NULL DEFAULT 0,
    period INTEGER NOT NULL DEFAULT 1,
    paused INTEGER NOT NULL DEFAULT 0,
    pinned_parallelism INTEGER NOT NULL DEFAULT 0,
    pinned_rate INTEGER NOT NULL DEFAULT 0,
    rate_period_start INTEGER NOT NULL DEFAULT 0,
    rate_count INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0
);
)SQL",
    // 3: retention walks finished messages oldest-first; the log's state filter pages by time.
    R"SQL(
CREATE INDEX messages_finished ON messages(updated_at)
    WHERE state IN ('DELIVERED', 'FAILED', 'CANCELED');
CREATE INDEX messages_state_created ON messages(state, created_at);
DROP INDEX messages_state;
)SQL",
    // 4: the same finished index with its condition as OR'ed equalities. SQLite builds a
    // temporary table for a three-value IN list every time it checks the condition, which is on
    // every insert and state change of a message; equalities cost a few comparisons.
    R"SQL(
DROP INDEX messages_finished;
CREATE INDEX messages_finished ON messages(updated_at)
    WHERE state = 'DELIVERED' OR state = 'FAILED' OR state = 'CANCELED';
)SQL",
    // 5: events and attempts without AUTOINCREMENT. Their ids only order rows and page the log
    // (newest first, "id < cursor"); AUTOINCREMENT added a read and a write of sqlite_sequence
    // to every insert, four per delivered message. A plain INTEGER PRIMARY KEY still takes
    // max(id) + 1, so ids keep growing; only the newest rows' ids, once deleted, can come again.
    R"SQL(
CREATE TABLE events_new (
    id INTEGER PRIMARY KEY,
    time INTEGER NOT NULL,
    message_id TEXT NOT NULL,
    state TEXT NOT NULL,
    url TEXT NOT NULL,
    host TEXT NOT NULL DEFAULT '',
    path TEXT NOT NULL DEFAULT '',
    labels TEXT NOT NULL DEFAULT '',
    topic_name TEXT NOT NULL DEFAULT '',
    queue_name TEXT NOT NULL DEFAULT '',
    schedule_id TEXT NOT NULL DEFAULT '',
    flow_control_key TEXT NOT NULL DEFAULT '',
    caller_ip TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO events_new (id, time, message_id, state, url, host, path, labels, topic_name,
                        queue_name, schedule_id, flow_control_key, caller_ip, detail)
    SELECT id, time, message_id, state, url, host, path, labels, topic_name, queue_name,
           schedule_id, flow_control_key, caller_ip, detail FROM events;
DROP TABLE events;
ALTER TABLE events_new RENAME TO events;
CREATE INDEX events_message ON events(message_id);
CREATE INDEX events_time ON events(time);
CREATE TABLE attempts_new (
    id INTEGER PRIMARY KEY,
    message_id TEXT NOT NULL,
    retried INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    request_url TEXT NOT NULL,
    request_method TEXT NOT NULL,
    request_headers TEXT NOT NULL,
    status INTEGER NOT NULL,
    response_headers TEXT NOT NULL,
    response_body BLOB NOT NULL,
    error TEXT NOT NULL DEFAULT ''
);
INSERT INTO attempts_new (id, message_id, retried, started_at, duration_ms, request_url,
                          request_method, request_headers, status, response_headers,
                          response_body, error)
    SELECT id, message_id, retried, started_at, duration_ms, request_url, request_method,
           request_headers, status, response_headers, response_body, error FROM attempts;
DROP TABLE attempts;
ALTER TABLE attempts_new RENAME TO attempts;
CREATE INDEX attempts_message ON attempts(message_id);
)SQL",
    // 6: an event an attempt made (DELIVERED, ERROR, FAILED) names that attempt instead of
    // carrying a copy of its request headers, response headers and body, which the attempt row
    // already holds. Events stored before keep their copy (attempt_id 0).
    R"SQL(
ALTER TABLE events ADD COLUMN attempt_id INTEGER NOT NULL DEFAULT 0;
)SQL",
};

constexpr int kMigrationCount = int(sizeof(kMigrations) / sizeof(kMigrations[0]));
static_assert(kMigrationCount == Database::SchemaVersion);

} // namespace

QString Database::migrationSql(int version)
{
    if (version < 1 || version > kMigrationCount)
        return {};
    return QString::fromUtf8(kMigrations[version - 1]);
}

Database::Database()
    : m_name(QStringLiteral("localstash-broker-%1").arg(s_connectionCounter.fetchAndAddRelaxed(1)))
{}

Database::~Database()
{
    close();
}

namespace {

QString cleanMarkPath(const QString &path)
{
    return path + QStringLiteral(".clean");
}

QByteArray cleanMarkContents(const QFileInfo &info)
{
    return "localstash-clean 1 " + QByteArray::number(info.size()) + ' ' +
           QByteArray::number(info.lastModified().toMSecsSinceEpoch()) + '\n';
}

bool isFileDatabase(const QString &path)
{
    return !path.isEmpty() && path != QStringLiteral(":memory:") &&
           !path.startsWith(QStringLiteral("file:"));
}

} // namespace

bool Database::takeCleanMark(const QString &path)
{
    if (!isFileDatabase(path))
        return false;
    QFile mark(cleanMarkPath(path));
    if (!mark.exists())
        return false;
    QByteArray stored;
    if (mark.open(QIODevice::ReadOnly)) {
        stored = mark.read(256);
        mark.close();
    }
    // Removed before the database is touched: if this run dies, the next one checks everything.
    if (!mark.remove())
        return false;
    const QFileInfo db(path);
    if (!db.exists() || QFileInfo::exists(path + QStringLiteral("-wal")))
        return false;
    return !stored.isEmpty() && stored == cleanMarkContents(db);
}

void Database::writeCleanMark(const QString &path)
{
    if (!isFileDatabase(path) || !QFileInfo::exists(path))
        return;
    // The last connection's close checkpoints and removes the WAL; a WAL still there means
    // another connection (or a failed close) and no promise about the file.
    if (QFileInfo::exists(path + QStringLiteral("-wal")))
        return;
    {
        // File times have the resolution of a clock tick: a write right after ours could leave
        // them unchanged. Moved two seconds back, any later write gives a different time.
        // (Opened for writing only because Windows wants that to set a file time; nothing is
        // written.)
        QFile db(path);
        const QDateTime past = QDateTime::currentDateTimeUtc().addMSecs(-2000);
        if (!db.open(QIODevice::ReadWrite))
            return;
        const QDateTime current = db.fileTime(QFileDevice::FileModificationTime);
        if ((!current.isValid() || current > past) &&
            !db.setFileTime(past, QFileDevice::FileModificationTime))
            return;
    }
    const QFileInfo info(path);
    QFile mark(cleanMarkPath(path));
    if (!mark.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return;
    const QByteArray contents = cleanMarkContents(info);
    if (mark.write(contents) != contents.size() || !mark.flush()) {
        mark.close();
        mark.remove();
    }
}

Status Database::open(const QString &path, bool synchronousFull)
{
    m_path = path;
    m_opened = false;
    m_skippedCheck = takeCleanMark(path);
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    m_db.setDatabaseName(path);
    if (!m_db.open())
        return ApiError{
            ErrorCode::StorageFailed,
            QStringLiteral("cannot open database %1: %2").arg(path, m_db.lastError().text())};
    const QString pragmas[] = {
        QStringLiteral("PRAGMA journal_mode=WAL"),
        synchronousFull ? QStringLiteral("PRAGMA synchronous=FULL")
                        : QStringLiteral("PRAGMA synchronous=NORMAL"),
        QStringLiteral("PRAGMA foreign_keys=ON"),
        QStringLiteral("PRAGMA busy_timeout=5000"),
        // Checkpoints run in the checkpointer's thread; this is only a backstop (40 MB of WAL)
        // should that thread fall behind.
        QStringLiteral("PRAGMA wal_autocheckpoint=10000"),
        // 16 MiB of page cache (the default is 2 MiB). Inserts touch the right edges of the
        // tables and indexes (ids and times grow), which fit many times over. Not more: every
        // COMMIT truncates the cache to the file's size, and after a B-tree balance has
        // parked a page at a number past the end, that truncate walks every hash bucket, one per
        // cached page (measured with 64 MiB: ~3% of the broker's CPU at 6,000 msg/s).
        QStringLiteral("PRAGMA cache_size=-16384"),
    };
    for (const QString &pragma : pragmas) {
        if (auto st = exec(pragma); !st) {
            if (st.error().message.contains(QLatin1String("readonly")))
                return ApiError{ErrorCode::StorageFailed,
                                QStringLiteral("database %1 is read-only (%2). LocalStash needs to "
                                               "write to its data directory: fix the permissions "
                                               "of the file and its directory, or choose another "
                                               "--data-dir.")
                                    .arg(path, st.error().message)};
            return st;
        }
    }
    if (!m_skippedCheck) {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next())
            return ApiError{
                ErrorCode::StorageFailed,
                QStringLiteral("cannot check database %1: %2").arg(path, q.lastError().text())};
        if (q.value(0).toString() != QStringLiteral("ok"))
            return ApiError{ErrorCode::StorageFailed,
                            QStringLiteral("database %1 is damaged (%2). LocalStash will not "
                                           "touch it: move it away to start with an empty one, or "
                                           "restore a backup.")
                                .arg(path, q.value(0).toString())};
    }
    if (auto st = migrate(); !st)
        return st;
    m_opened = true;
    qCDebug(lcStore) << "write statements run through"
                     << (Sql::Statement::directHandle(m_db) ? "libsqlite3 directly" : "QtSql");
    if (isFileDatabase(path)) {
        m_checkpointer = std::make_unique<Checkpointer>(path, synchronousFull);
        m_sinceCheckpoint.start();
    }
    return Ok{};
}

void Database::noteCommit()
{
    constexpr qint64 kCheckpointEveryMs = 200;
    if (m_checkpointer && m_sinceCheckpoint.hasExpired(kCheckpointEveryMs)) {
        m_checkpointer->request();
        m_sinceCheckpoint.restart();
    }
}

void Database::close()
{
    // Its connection first: the write connection must be the last, so that its close checkpoints
    // everything and removes the WAL.
    m_checkpointer.reset();
    m_statements.clear(); // a statement left unfinalized would keep the file open
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
        if (m_opened)
            writeCleanMark(m_path);
        m_opened = false;
    }
}

Sql::Statement &Database::statement(const char *sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end())
        it = m_statements.emplace(sql, std::make_unique<Sql::Statement>(m_db, sql)).first;
    return *it->second;
}

int Database::schemaVersion() const
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT version FROM schema_version")) && q.next())
        return q.value(0).toInt();
    return 0;
}

Status Database::exec(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        return ApiError{ErrorCode::StorageFailed,
                        QStringLiteral("%1: %2").arg(sql.left(60), q.lastError().text())};
    return Ok{};
}

Status Database::setSynchronousFull(bool full)
{
    if (m_checkpointer)
        m_checkpointer->setSynchronousFull(full);
    return exec(full ? QStringLiteral("PRAGMA synchronous=FULL")
                     : QStringLiteral("PRAGMA synchronous=NORMAL"));
}

Status Database::migrate()
{
    if (auto st = exec(
            QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"));
        !st)
        return st;
    int version = schemaVersion();
    if (version == 0) {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM schema_version")) || !q.next())
            return ApiError{ErrorCode::StorageFailed, q.lastError().text()};
        if (q.value(0).toInt() == 0) {
            if (auto st = exec(QStringLiteral("INSERT INTO schema_version(version) VALUES (0)"));
                !st)
                return st;
        }
    }
    if (version > SchemaVersion)
        return ApiError{ErrorCode::StorageFailed,
                        QStringLiteral("database %1 was written by a newer LocalStash (schema %2, "
                                       "this build knows %3). Upgrade LocalStash, or start with "
                                       "another --data-dir.")
                            .arg(m_path)
                            .arg(version)
                            .arg(SchemaVersion)};
    for (; version < SchemaVersion; ++version) {
        if (!m_db.transaction())
            return ApiError{ErrorCode::StorageFailed, m_db.lastError().text()};
        const QStringList statements =
            QString::fromUtf8(kMigrations[version]).split(u';', Qt::SkipEmptyParts);
        for (const QString &statement : statements) {
            if (statement.trimmed().isEmpty())
                continue;
            if (auto st = exec(statement); !st) {
                m_db.rollback();
                return ApiError{ErrorCode::StorageFailed,
                                QStringLiteral("migration to schema %1 failed: %2")
                                    .arg(version + 1)
                                    .arg(st.error().message)};
            }
        }
        if (auto st =
                exec(QStringLiteral("UPDATE schema_version SET version = %1").arg(version + 1));
            !st) {
            m_db.rollback();
            return st;
        }
        if (!m_db.commit())
            return ApiError{ErrorCode::StorageFailed, m_db.lastError().text()};
        qCInfo(lcStore) << "database migrated to schema" << version + 1;
    }
    return Ok{};
}

} // namespace Broker
