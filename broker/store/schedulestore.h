#pragma once
// Schedules in SQLite (qstash-api.md §8): the cron, the destination, the publish template that
// every tick re-runs, pause state, and the fire bookkeeping that must survive a restart.

#include "core/message.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

class QSqlDatabase;
class QSqlQuery;

namespace Broker {

class Database;

struct Schedule
{
    QString id;
    QString cron;         // trimmed, as given (CRON_TZ= prefix included)
    QString destination;  // URL (still percent-encoded, as given) or URL-group name
    qint64 createdAt = 0; // unix ms
    qint64 updatedAt = 0;
    bool paused = false;
    qint64 nextFire = -1;   // unix ms of the next tick; -1 when paused or never
    qint64 lastFire = 0;    // unix ms of the last tick; 0 = never fired
    QJsonObject lastStates; // last tick's messages: id -> IN_PROGRESS | SUCCESS | FAIL
    QString callerIp;       // the creator's address, sent as Upstash-Caller-Ip

    // The publish template: the create request's publish headers and body, parsed again on each
    // tick exactly as a publish would be, so a tick behaves like the publish the user described.
    HeaderList headers;
    QByteArray body;
    QString queueName; // Upstash-Queue-Name: produced messages are enqueued there
    QString error;     // why the last tick produced nothing; empty when it worked
};

class ScheduleStore final
{
    Q_DISABLE_COPY_MOVE(ScheduleStore)
public:
    explicit ScheduleStore(Database *db);

    // --- writes (run inside a WriteBatcher write) ---
    // Writes the whole row (insert or replace): the service keeps schedules in memory and saves
    // each change in order, so the last save is always the current state.
    bool save(QSqlDatabase &db, const Schedule &schedule, QString *error);
    bool remove(QSqlDatabase &db, const QString &id, QString *error);

    // --- reads ---
    QList<Schedule> all();
    std::optional<Schedule> get(const QString &id);

private:
    static Schedule fromQuery(const QSqlQuery &q);

    Database *m_db;
};

} // namespace Broker
