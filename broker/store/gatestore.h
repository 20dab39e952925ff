#pragma once
// Queues and flow-control keys as stored: their configuration and pause/pin state survive
// restarts. What is in flight lives in memory (delivery/gates.h).

#include "core/result.h"

#include <QList>
#include <QString>

#include <optional>

class QSqlDatabase;

namespace Broker {

class Database;

struct QueueRow
{
    QString name;
    int parallelism = 1;
    bool paused = false;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

struct FlowRow
{
    QString key;
    int parallelism = 0; // 0 = unlimited
    int rate = 0;        // 0 = unlimited
    qint64 periodSecs = 1;
    bool paused = false;
    bool pinnedParallelism = false;
    bool pinnedRate = false;
    qint64 updatedAt = 0;
};

class GateStore final
{
    Q_DISABLE_COPY_MOVE(GateStore)
public:
    explicit GateStore(Database *db);

    bool upsertQueue(QSqlDatabase &db, const QueueRow &row, QString *error);
    bool deleteQueue(QSqlDatabase &db, const QString &name, QString *error);
    // Creates the queue with the defaults (parallelism 1, running) unless it exists.
    bool ensureQueue(QSqlDatabase &db, const QString &name, qint64 now, QString *error);
    std::optional<QueueRow> queue(const QString &name);
    QList<QueueRow> queues();
    // Messages of the queue not yet finished (QStash's `lag`).
    qint64 queueLag(const QString &name);
    // Messages of queues that were between attempts (RETRY) when the broker stopped: they still
    // hold their queue's slot.
    QList<QPair<QString, QString>> queueMessagesInProgress();

    bool upsertFlow(QSqlDatabase &db, const FlowRow &row, QString *error);
    std::optional<FlowRow> flow(const QString &key);
    QList<FlowRow> flows();

private:
    Database *m_db;
};

} // namespace Broker
