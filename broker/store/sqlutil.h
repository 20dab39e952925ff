#pragma once
// Small helpers every store uses: binding text that must not become NULL, reporting a failed
// statement, and a cache of prepared statements per SQL text.

#include <QByteArrayView>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <memory>
#include <unordered_map>
#include <vector>

class QSqlDatabase;

namespace Broker::Sql {

// A null QString binds as SQL NULL; our text columns are NOT NULL and hold '' instead.
QVariant text(const QString &value);
// Copies the statement's error into *error (when given) and returns false.
bool fail(const QSqlQuery &query, QString *error);
// Executes the prepared statement; on failure reports like fail().
bool run(QSqlQuery &query, QString *error);

class StatementCache final
{
    Q_DISABLE_COPY_MOVE(StatementCache)
public:
    StatementCache() = default;
    // The statement for `sql` (a string literal: its address is the key), prepared once.
    QSqlQuery &prepared(QSqlDatabase &db, const char *sql);

private:
    std::unordered_map<const char *, std::unique_ptr<QSqlQuery>> m_statements;
};

// One prepared statement of the write path, bound by position (0-based) and run by exec().
// QtSql 6.4 spends ~1.3k instructions on every positional bind (it names each one ":N" and
// hashes the name) and passes text as UTF-16 for SQLite to convert back: on a publish that was
// a sixth of the broker's work. So where QtSql's SQLite plugin runs on the very libsqlite3 this
// program links (checked at run time, see directHandle), the statement is a sqlite3_stmt driven
// directly on the connection's own handle; anywhere else (a Qt build with SQLite compiled into
// the plugin) it is a QSqlQuery, slower and identical in effect.
class Statement final
{
    Q_DISABLE_COPY_MOVE(Statement)
public:
    Statement(QSqlDatabase &db, const char *sql);
    ~Statement();

    void bind(int index, qint64 value);
    // Text columns are NOT NULL: a null string binds as ''. The QByteArray forms hold a (shared,
    // not copied) reference until exec() instead of handing SQLite a copy; a view is copied.
    void bindText(int index, const QString &value);
    void bindText(int index, const QByteArray &utf8);
    void bindText(int index, QByteArrayView utf8);
    // Bytes meant as Latin-1 (URLs, header names and values as received), stored as text.
    void bindLatin1(int index, const QByteArray &latin1);
    void bindBlob(int index, const QByteArray &value); // a null array binds as an empty blob
    // Runs the statement once and clears its bindings; on failure fills *error.
    bool exec(QString *error);
    // The rowid the last successful exec() of an INSERT gave its row.
    qint64 lastInsertId() const { return m_lastInsertId; }
    bool isDirect() const { return m_stmt != nullptr; }

    // The connection's sqlite3 handle when the direct path is safe for it, else null. Off when
    // LOCALSTASH_SQLITE_DIRECT=0 (the tests run the QtSql path that way too).
    static void *directHandle(const QSqlDatabase &db);

private:
    // Keeps `bytes` alive until exec() and returns the pointer to bind without a copy.
    const char *hold(const QByteArray &bytes);

    void *m_stmt = nullptr; // sqlite3_stmt*
    std::unique_ptr<QSqlQuery> m_query;
    QString m_prepareError;
    std::vector<QByteArray> m_held;
    qint64 m_lastInsertId = 0;
};

} // namespace Broker::Sql
