#pragma once
// Runs the cron schedules: keeps them in memory (the store holds them across restarts), arms ONE
// precise timer for the earliest next fire (or follows a manual clock's jumps), and on each tick
// has the producer publish the schedule's template. A missed window fires once, never a burst.

#include "core/result.h"
#include "scheduling/cron.h"
#include "store/schedulestore.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>
#include <optional>

namespace Broker {

class IClock;
class MessageStore;
class WriteBatcher;

class ScheduleService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScheduleService)
public:
    // A tick's outcome: the ids of the messages it stored, or why it stored none.
    using ProduceDone = std::function<void(const Result<QStringList> &)>;
    // Publishes one tick of `schedule` now; calls `done` once, after the messages are committed.
    using Producer = std::function<void(const Schedule &schedule, ProduceDone done)>;

    ScheduleService(IClock *clock, WriteBatcher *batcher, ScheduleStore *store,
                    MessageStore *messages, QObject *parent = nullptr);
    ~ScheduleService() override;

    void setProducer(Producer producer) { m_producer = std::move(producer); }

    // Loads the stored schedules, fires once for each window missed while stopped, then arms.
    void start();
    void stop();

    // Creates a schedule, or fully replaces the one with the same id (its createdAt and its last
    // tick's history stay; it is active again). The first tick is the next matching minute.
    // `done` runs after the commit: with an error for a bad cron, or a storage failure.
    void upsert(Schedule definition, std::function<void(const Status &)> done);
    void remove(const QString &id, std::function<void(const Status &)> done);
    void setPaused(const QString &id, bool paused, std::function<void(const Status &)> done);

    std::optional<Schedule> schedule(const QString &id) const;
    QList<Schedule> schedules() const; // oldest first
    // When the next tick is due (unix ms), -1 when nothing is active. For tests and the UI.
    qint64 nextFireAt() const;

    // DeliveryService::messageFinished: keeps lastScheduleStates current.
    void onMessageFinished(const QString &messageId, const QString &state);

signals:
    void schedulesChanged();

private:
    struct Entry
    {
        Schedule schedule;
        CronExpression cron;
    };

    void check();
    void arm();
    void fire(const QString &id, qint64 now);
    void produced(const QString &id, qint64 firedAt, const Result<QStringList> &result);
    // Saves the in-memory state of `id` (or its removal); on a failed commit the stored row wins
    // again, so memory never claims what the disk does not hold.
    void persist(const QString &id, std::function<void(const Status &)> done = {});
    void reload(const QString &id);
    void track(const Schedule &schedule);
    void untrack(const Schedule &schedule);

    IClock *m_clock;
    WriteBatcher *m_batcher;
    ScheduleStore *m_store;
    MessageStore *m_messages;
    Producer m_producer;
    QHash<QString, Entry> m_entries;
    QHash<QString, QString> m_messageSchedule; // IN_PROGRESS message id -> schedule id
    QSet<QString> m_dueWhileStopped;           // schedules whose tick fell in downtime
    QTimer m_timer;
    bool m_running = false;
};

} // namespace Broker
