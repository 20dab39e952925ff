#include "schedulestore.h"

#include "database.h"
#include "messagestore.h"
#include "sqlutil.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace Broker {

using Sql::fail;
using Sql::run;
using Sql::text;

namespace {

constexpr auto kColumns = "id, cron, destination, created_at, updated_at, paused, next_fire, "
                          "last_fire, last_states, caller_ip, template";

QString compact(const QJsonObject &obj)
{
    return QString::fromUtf8(QJsonDocument(obj).toJson(QJsonDocument::Compact));
}

// The template column: headers in wire order with original case (bytes kept through Latin-1),
// the body as base64 (it may be binary), the queue and the last tick's error.
QString encodeTemplate(const Schedule &s)
{
    QJsonObject t;
    t.insert(QStringLiteral("headers"),
             QJsonDocument::fromJson(MessageStore::encodeHeaders(s.headers)).array());
    if (!s.body.isEmpty())
        t.insert(QStringLiteral("body"), QString::fromLatin1(s.body.toBase64()));
    if (!s.queueName.isEmpty())
        t.insert(QStringLiteral("queueName"), s.queueName);
    if (!s.error.isEmpty())
        t.insert(QStringLiteral("error"), s.error);
    return compact(t);
}

void decodeTemplate(const QString &json, Schedule &s)
{
    const QJsonObject t = QJsonDocument::fromJson(json.toUtf8()).object();
    s.headers = MessageStore::decodeHeaders(
        QJsonDocument(t.value(QStringLiteral("headers")).toArray()).toJson(QJsonDocument::Compact));
    s.body = QByteArray::fromBase64(t.value(QStringLiteral("body")).toString().toLatin1());
    s.queueName = t.value(QStringLiteral("queueName")).toString();
    s.error = t.value(QStringLiteral("error")).toString();
}

} // namespace

ScheduleStore::ScheduleStore(Database *db)
    : m_db(db)
{}

bool ScheduleStore::save(QSqlDatabase &db, const Schedule &s, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO schedules (%1) VALUES (?,?,?,?,?,?,?,?,?,?,?)")
                  .arg(QLatin1String(kColumns)));
    q.addBindValue(text(s.id));
    q.addBindValue(text(s.cron));
    q.addBindValue(text(s.destination));
    q.addBindValue(s.createdAt);
    q.addBindValue(s.updatedAt);
    q.addBindValue(s.paused ? 1 : 0);
    q.addBindValue(s.nextFire);
    q.addBindValue(s.lastFire);
    q.addBindValue(compact(s.lastStates));
    q.addBindValue(text(s.callerIp));
    q.addBindValue(encodeTemplate(s));
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

bool ScheduleStore::remove(QSqlDatabase &db, const QString &id, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM schedules WHERE id = ?"));
    q.addBindValue(id);
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

Schedule ScheduleStore::fromQuery(const QSqlQuery &q)
{
    Schedule s;
    s.id = q.value(0).toString();
    s.cron = q.value(1).toString();
    s.destination = q.value(2).toString();
    s.createdAt = q.value(3).toLongLong();
    s.updatedAt = q.value(4).toLongLong();
    s.paused = q.value(5).toInt() != 0;
    s.nextFire = q.value(6).toLongLong();
    s.lastFire = q.value(7).toLongLong();
    s.lastStates = QJsonDocument::fromJson(q.value(8).toString().toUtf8()).object();
    s.callerIp = q.value(9).toString();
    decodeTemplate(q.value(10).toString(), s);
    return s;
}

QList<Schedule> ScheduleStore::all()
{
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    QList<Schedule> out;
    if (q.exec(QStringLiteral("SELECT %1 FROM schedules ORDER BY created_at, id")
                   .arg(QLatin1String(kColumns)))) {
        while (q.next())
            out.append(fromQuery(q));
    }
    return out;
}

std::optional<Schedule> ScheduleStore::get(const QString &id)
{
    QSqlQuery q(m_db->connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM schedules WHERE id = ?").arg(QLatin1String(kColumns)));
    q.addBindValue(id);
    if (q.exec() && q.next())
        return fromQuery(q);
    return std::nullopt;
}

} // namespace Broker
