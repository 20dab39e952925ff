#include "dlqstore.h"

#include "database.h"
#include "messagestore.h"
#include "sqlutil.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QUrl>

#include <atomic>

namespace Broker {

using Sql::fail;
using Sql::run;
using Sql::text;

namespace {

DlqEntry entryFromQuery(const QSqlQuery &q)
{
    DlqEntry e;
    e.rowId = q.value(0).toLongLong();
    e.dlqId = q.value(1).toString();
    e.messageId = q.value(2).toString();
    e.createdAt = q.value(3).toLongLong();
    e.responseStatus = q.value(4).toInt();
    e.responseHeaders = MessageStore::headersFromColumn(q.value(5));
    e.responseBody = q.value(6).toByteArray();
    e.error = q.value(7).toString();
    return e;
}

constexpr auto kColumns = "rowid, dlq_id, message_id, created_at, response_status, "
                          "response_headers, response_body, error";

} // namespace

DlqStore::DlqStore(Database *db)
    : m_db(db)
{}

QString DlqStore::newDlqId(qint64 nowMs)
{
    // Redis-stream style like QStash ("1725323658779-0"). The part after the dash is one counter
    // for the process, starting at a random point: ids made at the same instant (many failures
    // in one millisecond, or a test's fixed clock) never collide, and ids of two runs only could
    // if both ran at the same millisecond with overlapping counters. It used to be a random
    // number per id, and 130 failures at one instant hit the UNIQUE key about once in a hundred
    // runs; that outcome could then never be stored and was retried every second.
    static std::atomic<quint64> s_sequence{
        quint64(QRandomGenerator::global()->bounded(1000000000))};
    return QString::number(nowMs) + u'-' +
           QString::number(s_sequence.fetch_add(1, std::memory_order_relaxed));
}

bool DlqStore::insert(QSqlDatabase &db, const Message &m, const DlqEntry &entry, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO dlq (dlq_id, message_id, created_at, url, labels, topic_name, queue_name, "
        "schedule_id, flow_control_key, caller_ip, response_status, response_headers, "
        "response_body, error) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    q.addBindValue(entry.dlqId);
    q.addBindValue(m.id);
    q.addBindValue(entry.createdAt);
    q.addBindValue(text(QString::fromLatin1(m.url)));
    q.addBindValue(text(MessageStore::encodeLabels(m.labels)));
    q.addBindValue(text(m.topicName));
    q.addBindValue(text(m.queueName));
    q.addBindValue(text(m.scheduleId));
    q.addBindValue(text(m.flowControlKey));
    q.addBindValue(text(m.callerIp));
    q.addBindValue(entry.responseStatus);
    q.addBindValue(QString::fromLatin1(MessageStore::encodeHeaders(entry.responseHeaders)));
    q.addBindValue(entry.responseBody.isNull() ? QByteArray("") : entry.responseBody);
    q.addBindValue(text(entry.error));
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

bool DlqStore::remove(QSqlDatabase &db, const QStringList &dlqIds, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM dlq WHERE dlq_id = ?"));
    for (const QString &id : dlqIds) {
        q.addBindValue(id);
        if (!q.exec()) {
            if (error)
                *error = q.lastError().text();
            return false;
        }
    }
    return true;
}

std::optional<DlqEntry> DlqStore::entry(const QString &dlqId)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT %1 FROM dlq WHERE dlq_id = ?").arg(QLatin1String(kColumns)));
    q.addBindValue(dlqId);
    if (q.exec() && q.next())
        return entryFromQuery(q);
    return std::nullopt;
}

Result<QList<DlqEntry>> DlqStore::list(const FilterSet &filter, qint64 cursor, int limit)
{
    auto sqlFilter = filter.toSql(QStringLiteral("created_at"));
    if (!sqlFilter)
        return sqlFilter.error();
    QString sql = QStringLiteral("SELECT %1 FROM dlq").arg(QLatin1String(kColumns));
    QStringList where;
    if (cursor > 0)
        where << QStringLiteral("rowid < %1").arg(cursor);
    if (!sqlFilter->where.isEmpty())
        where << sqlFilter->where;
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY rowid DESC LIMIT %1").arg(limit);
    QSqlQuery q(m_db->connection());
    q.prepare(sql);
    for (const QVariant &v : sqlFilter->values)
        q.addBindValue(v);
    if (!q.exec())
        return ApiError{ErrorCode::StorageFailed, q.lastError().text()};
    QList<DlqEntry> out;
    while (q.next())
        out.append(entryFromQuery(q));
    return out;
}

qint64 DlqStore::count()
{
    QSqlQuery q(m_db->connection());
    if (q.exec(QStringLiteral("SELECT COUNT(*) FROM dlq")) && q.next())
        return q.value(0).toLongLong();
    return 0;
}

} // namespace Broker
