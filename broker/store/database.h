#pragma once
// The broker's SQLite database: the one owner of the write connection. Opens the file in WAL mode,
// checks it, and brings its schema to the current version through numbered migrations, each in a
// transaction. A database from a newer LocalStash, or one that fails its integrity check, is
// refused with a clear message; it is never reset silently.
//
// The integrity check (PRAGMA quick_check) reads every page: seconds on a big database. It is
// skipped only when the file is exactly as our last clean close left it. A clean close writes a
// sidecar `<db>.clean` holding the file's size and modification time (after moving that time two
// seconds into the past, so that any later write, even within the same clock tick, changes it);
// open deletes the sidecar before anything else, so a crash or any outside change means a full
// check on the next start.

#include "core/result.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <unordered_map>

namespace Broker {

class Checkpointer;
namespace Sql {
class Statement;
}

class Database final
{
    Q_DISABLE_COPY_MOVE(Database)
public:
    static constexpr int SchemaVersion = 6;

    Database();
    ~Database();

    // path: file path, or ":memory:" for tests. synchronousFull: PRAGMA synchronous=FULL.
    Status open(const QString &path, bool synchronousFull);
    void close();

    QSqlDatabase &connection() { return m_db; }
    QString path() const { return m_path; }
    QString connectionName() const { return m_name; }
    int schemaVersion() const;

    // The SQL of migration `version` (1-based): tests build databases at every older version.
    static QString migrationSql(int version);

    // PRAGMA synchronous: FULL survives power loss, NORMAL (WAL) survives a process crash.
    Status setSynchronousFull(bool full);

    // Runs a statement that returns nothing; on failure returns the driver's error text.
    Status exec(const QString &sql);

    // A write-path statement on this connection (see Sql::Statement), prepared once per SQL
    // text (a string literal: its address is the key). All are finalized before close().
    Sql::Statement &statement(const char *sql);

    // Whether the last open() could skip the integrity check (a matching clean-close sidecar).
    bool skippedIntegrityCheck() const { return m_skippedCheck; }
    // After each COMMIT of the write connection: WAL checkpoints run in their own thread, a few
    // times a second while writes go on (see checkpointer.h), never inside a commit.
    void noteCommit();

private:
    Status migrate();
    // Reads and removes the clean-close sidecar; true when it matches the file as it is now.
    static bool takeCleanMark(const QString &path);
    static void writeCleanMark(const QString &path);

    QString m_name;
    QString m_path;
    QSqlDatabase m_db;
    bool m_opened = false; // open() succeeded: a close() may mark the file clean
    bool m_skippedCheck = false;
    std::unique_ptr<Checkpointer> m_checkpointer;
    std::unordered_map<const char *, std::unique_ptr<Sql::Statement>> m_statements;
    QElapsedTimer m_sinceCheckpoint;
};

} // namespace Broker
