#include "gatestore.h"

#include "database.h"
#include "sqlutil.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Broker {

using Sql::fail;
using Sql::run;
using Sql::text;

namespace {

QueueRow queueFrom(const QSqlQuery &q)
{
    return QueueRow{q.value(0).toString(), q.value(1).toInt(), q.value(2).toBool(),
                    q.value(3).toLongLong(), q.value(4).toLongLong()};
}

FlowRow flowFrom(const QSqlQuery &q)
{
    FlowRow r;
    r.key = q.value(0).toString();
    r.parallelism = q.value(1).toInt();
    r.rate = q.value(2).toInt();
    r.periodSecs = q.value(3).toLongLong();
    r.paused = q.value(4).toBool();
    r.pinnedParallelism = q.value(5).toBool();
    r.pinnedRate = q.value(6).toBool();
    r.updatedAt = q.value(7).toLongLong();
    return r;
}

constexpr auto kQueueColumns = "name, parallelism, paused, created_at, updated_at";
constexpr auto kFlowColumns =
    "key, parallelism, rate, period, paused, pinned_parallelism, pinned_rate, updated_at";

} // namespace

GateStore::GateStore(Database *db)
    : m_db(db)
{}

bool GateStore::upsertQueue(QSqlDatabase &db, const QueueRow &row, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO queues (name, parallelism, paused, created_at, updated_at) VALUES (?,?,?,?,?) "
        "ON CONFLICT(name) DO UPDATE SET parallelism = excluded.parallelism, paused = "
        "excluded.paused, updated_at = excluded.updated_at"));
    q.addBindValue(row.name);
    q.addBindValue(row.parallelism);
    q.addBindValue(row.paused ? 1 : 0);
    q.addBindValue(row.createdAt);
    q.addBindValue(row.updatedAt);
    return run(q, error);
}

bool GateStore::ensureQueue(QSqlDatabase &db, const QString &name, qint64 now, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO queues (name, parallelism, paused, created_at, "
                             "updated_at) VALUES (?, 1, 0, ?, ?)"));
    q.addBindValue(name);
    q.addBindValue(now);
    q.addBindValue(now);
    return run(q, error);
}

bool GateStore::deleteQueue(QSqlDatabase &db, const QString &name, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM queues WHERE name = ?"));
    q.addBindValue(name);
    return run(q, error);
}

std::optional<QueueRow> GateStore::queue(const QString &name)
{
    QSqlQuery q(m_db->connection());
    q.prepare(
        QStringLiteral("SELECT %1 FROM queues WHERE name = ?").arg(QLatin1String(kQueueColumns)));
    q.addBindValue(name);
    if (q.exec() && q.next())
        return queueFrom(q);
    return std::nullopt;
}

QList<QueueRow> GateStore::queues()
{
    QSqlQuery q(m_db->connection());
    QList<QueueRow> out;
    if (q.exec(QStringLiteral("SELECT %1 FROM queues ORDER BY name")
                   .arg(QLatin1String(kQueueColumns)))) {
        while (q.next())
            out.append(queueFrom(q));
    }
    return out;
}

qint64 GateStore::queueLag(const QString &name)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM messages WHERE queue_name = ? AND state IN "
                             "('PENDING', 'ACTIVE', 'RETRY')"));
    q.addBindValue(name);
    if (q.exec() && q.next())
        return q.value(0).toLongLong();
    return 0;
}

QList<QPair<QString, QString>> GateStore::queueMessagesInProgress()
{
    QSqlQuery q(m_db->connection());
    QList<QPair<QString, QString>> out;
    if (q.exec(QStringLiteral("SELECT queue_name, id FROM messages WHERE queue_name != '' AND "
                              "state IN ('RETRY', 'ACTIVE') ORDER BY rowid"))) {
        while (q.next())
            out.append({q.value(0).toString(), q.value(1).toString()});
    }
    return out;
}

bool GateStore::upsertFlow(QSqlDatabase &db, const FlowRow &row, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO flow_control (key, parallelism, rate, period, paused, pinned_parallelism, "
        "pinned_rate, updated_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(key) DO UPDATE SET "
        "parallelism = excluded.parallelism, rate = excluded.rate, period = excluded.period, "
        "paused = excluded.paused, pinned_parallelism = excluded.pinned_parallelism, "
        "pinned_rate = excluded.pinned_rate, updated_at = excluded.updated_at"));
    q.addBindValue(row.key);
    q.addBindValue(row.parallelism);
    q.addBindValue(row.rate);
    q.addBindValue(row.periodSecs);
    q.addBindValue(row.paused ? 1 : 0);
    q.addBindValue(row.pinnedParallelism ? 1 : 0);
    q.addBindValue(row.pinnedRate ? 1 : 0);
    q.addBindValue(row.updatedAt);
    return run(q, error);
}

std::optional<FlowRow> GateStore::flow(const QString &key)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT %1 FROM flow_control WHERE key = ?")
                  .arg(QLatin1String(kFlowColumns)));
    q.addBindValue(key);
    if (q.exec() && q.next())
        return flowFrom(q);
    return std::nullopt;
}

QList<FlowRow> GateStore::flows()
{
    QSqlQuery q(m_db->connection());
    QList<FlowRow> out;
    if (q.exec(QStringLiteral("SELECT %1 FROM flow_control ORDER BY key")
                   .arg(QLatin1String(kFlowColumns)))) {
        while (q.next())
            out.append(flowFrom(q));
    }
    return out;
}

} // namespace Broker
