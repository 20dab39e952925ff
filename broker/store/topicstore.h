#pragma once
// URL groups (QStash "topics") and their endpoints in SQLite: qstash-api.md §7. Write functions
// take the connection they run on so they compose inside one WriteBatcher write; reads use the
// store's own connection.

#include "sqlutil.h"
#include <QList>

#include <QSqlQuery>
#include <QString>

#include <memory>
#include <optional>
#include <unordered_map>

class QSqlDatabase;

namespace Broker {

class Database;

struct Endpoint
{
    QString name; // may be empty: unnamed endpoints are answered without "name"
    QString url;  // exactly as given, never normalised
};

struct UrlGroup
{
    QString name;
    qint64 createdAt = 0; // unix ms
    qint64 updatedAt = 0;
    QList<Endpoint> endpoints; // in the order they were first added
};

class TopicStore final
{
    Q_DISABLE_COPY_MOVE(TopicStore)
public:
    explicit TopicStore(Database *db);

    // --- writes (run inside a WriteBatcher write) ---
    // Creates the group if missing and upserts each endpoint by URL: a known URL keeps its place
    // and takes the new name when one is given; a new URL is appended. A name already used by
    // another URL of the group changes nothing and is described in *conflict (names select
    // endpoints for removal and label fan-out messages, so they stay unique).
    bool addEndpoints(QSqlDatabase &db, const QString &group, const QList<Endpoint> &endpoints,
                      qint64 now, QString *conflict, QString *error);
    // Removes every endpoint that matches one selector (url and/or name, both must match when
    // both are given). A group left without endpoints is deleted. *removed counts endpoints.
    bool removeEndpoints(QSqlDatabase &db, const QString &group, const QList<Endpoint> &selectors,
                         qint64 now, int *removed, bool *groupDeleted, QString *error);
    bool deleteGroup(QSqlDatabase &db, const QString &group, bool *existed, QString *error);

    // --- reads ---
    std::optional<UrlGroup> group(const QString &name);
    QList<UrlGroup> groups(); // by name

private:
    QSqlQuery &prepared(QSqlDatabase &db, const char *sql)
    {
        return m_statements.prepared(db, sql);
    }
    QList<Endpoint> endpointsOf(QSqlDatabase &db, const QString &group);

    Database *m_db;
    Sql::StatementCache m_statements;
};

} // namespace Broker
