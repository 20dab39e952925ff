#include "topicstore.h"

#include "database.h"
#include "sqlutil.h"

#include <QSqlError>
#include <QVariant>

namespace Broker {

using Sql::fail;
using Sql::run;
using Sql::text;

namespace {

// A null QString binds as SQL NULL; the text columns are NOT NULL and hold '' instead.
} // namespace

TopicStore::TopicStore(Database *db)
    : m_db(db)
{}

bool TopicStore::addEndpoints(QSqlDatabase &db, const QString &group,
                              const QList<Endpoint> &endpoints, qint64 now, QString *conflict,
                              QString *error)
{
    QSqlQuery &taken = prepared(db, "SELECT url FROM topic_endpoints WHERE topic = ? AND name = ? "
                                    "AND url != ? LIMIT 1");
    for (const Endpoint &e : endpoints) {
        if (e.name.isEmpty())
            continue;
        taken.addBindValue(group);
        taken.addBindValue(e.name);
        taken.addBindValue(e.url);
        if (!taken.exec())
            return fail(taken, error);
        if (taken.next()) {
            *conflict = QStringLiteral("endpoint name '%1' is already used by %2 in URL group %3; "
                                       "remove that endpoint first")
                            .arg(e.name, taken.value(0).toString(), group);
            taken.finish();
            return true;
        }
        taken.finish();
    }
    QSqlQuery &topic = prepared(db, "INSERT INTO topics (name, created_at, updated_at) "
                                    "VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET "
                                    "updated_at = excluded.updated_at");
    topic.addBindValue(group);
    topic.addBindValue(now);
    topic.addBindValue(now);
    if (!topic.exec())
        return fail(topic, error);
    // A known URL keeps its position; an unnamed re-add keeps the name it had.
    QSqlQuery &upsert =
        prepared(db, "INSERT INTO topic_endpoints (topic, position, name, url) VALUES (?, (SELECT "
                     "COALESCE(MAX(position), -1) + 1 FROM topic_endpoints WHERE topic = ?), ?, ?) "
                     "ON CONFLICT(topic, url) DO UPDATE SET name = CASE WHEN excluded.name != '' "
                     "THEN excluded.name ELSE topic_endpoints.name END");
    for (const Endpoint &e : endpoints) {
        upsert.addBindValue(group);
        upsert.addBindValue(group);
        upsert.addBindValue(text(e.name));
        upsert.addBindValue(e.url);
        if (!upsert.exec())
            return fail(upsert, error);
    }
    return true;
}

bool TopicStore::removeEndpoints(QSqlDatabase &db, const QString &group,
                                 const QList<Endpoint> &selectors, qint64 now, int *removed,
                                 bool *groupDeleted, QString *error)
{
    *removed = 0;
    *groupDeleted = false;
    QSqlQuery &del = prepared(db, "DELETE FROM topic_endpoints WHERE topic = ? "
                                  "AND (? = '' OR url = ?) AND (? = '' OR name = ?)");
    for (const Endpoint &s : selectors) {
        del.addBindValue(group);
        del.addBindValue(text(s.url));
        del.addBindValue(text(s.url));
        del.addBindValue(text(s.name));
        del.addBindValue(text(s.name));
        if (!del.exec())
            return fail(del, error);
        *removed += del.numRowsAffected();
    }
    QSqlQuery &left = prepared(db, "SELECT COUNT(*) FROM topic_endpoints WHERE topic = ?");
    left.addBindValue(group);
    if (!left.exec() || !left.next())
        return fail(left, error);
    const qint64 remaining = left.value(0).toLongLong();
    left.finish();
    if (remaining == 0) {
        bool existed = false;
        if (!deleteGroup(db, group, &existed, error))
            return false;
        *groupDeleted = existed;
        return true;
    }
    if (*removed > 0) {
        QSqlQuery &touch = prepared(db, "UPDATE topics SET updated_at = ? WHERE name = ?");
        touch.addBindValue(now);
        touch.addBindValue(group);
        if (!touch.exec())
            return fail(touch, error);
    }
    return true;
}

bool TopicStore::deleteGroup(QSqlDatabase &db, const QString &group, bool *existed, QString *error)
{
    QSqlQuery &endpoints = prepared(db, "DELETE FROM topic_endpoints WHERE topic = ?");
    endpoints.addBindValue(group);
    if (!endpoints.exec())
        return fail(endpoints, error);
    QSqlQuery &topic = prepared(db, "DELETE FROM topics WHERE name = ?");
    topic.addBindValue(group);
    if (!topic.exec())
        return fail(topic, error);
    *existed = topic.numRowsAffected() > 0;
    return true;
}

QList<Endpoint> TopicStore::endpointsOf(QSqlDatabase &db, const QString &group)
{
    QSqlQuery &q = prepared(
        db, "SELECT name, url FROM topic_endpoints WHERE topic = ? ORDER BY position, url");
    q.addBindValue(group);
    QList<Endpoint> out;
    if (q.exec()) {
        while (q.next())
            out.append(Endpoint{q.value(0).toString(), q.value(1).toString()});
    }
    q.finish();
    return out;
}

std::optional<UrlGroup> TopicStore::group(const QString &name)
{
    QSqlDatabase &db = m_db->connection();
    QSqlQuery &q = prepared(db, "SELECT created_at, updated_at FROM topics WHERE name = ?");
    q.addBindValue(name);
    if (!q.exec() || !q.next()) {
        q.finish();
        return std::nullopt;
    }
    UrlGroup g;
    g.name = name;
    g.createdAt = q.value(0).toLongLong();
    g.updatedAt = q.value(1).toLongLong();
    q.finish();
    g.endpoints = endpointsOf(db, name);
    return g;
}

QList<UrlGroup> TopicStore::groups()
{
    QSqlDatabase &db = m_db->connection();
    QList<UrlGroup> out;
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (q.exec(
                QStringLiteral("SELECT name, created_at, updated_at FROM topics ORDER BY name"))) {
            while (q.next()) {
                UrlGroup g;
                g.name = q.value(0).toString();
                g.createdAt = q.value(1).toLongLong();
                g.updatedAt = q.value(2).toLongLong();
                out.append(g);
            }
        }
    }
    for (UrlGroup &g : out)
        g.endpoints = endpointsOf(db, g.name);
    return out;
}

} // namespace Broker
