#pragma once
// The broker's SQLite database: the one owner of the write connection. Opens the file in WAL mode,
// checks it, and brings its schema to the current version through numbered migrations, each in a
// transaction. A database from a newer LocalStash, or one that fails its integrity check, is
// refused with a clear message; it is never reset silently.

#include "core/result.h"

#include <QSqlDatabase>
#include <QString>

namespace Broker {

class Database final
{
    Q_DISABLE_COPY_MOVE(Database)
public:
    static constexpr int SchemaVersion = 2;

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

    // Runs a statement that returns nothing; on failure returns the driver's error text.
    Status exec(const QString &sql);

private:
    Status migrate();

    QString m_name;
    QString m_path;
    QSqlDatabase m_db;
};

} // namespace Broker
