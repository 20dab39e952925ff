#pragma once
// What is due next. Delayed and retrying messages due within a horizon (e.g. 60 s) sit in a
// min-heap armed by ONE precise timer; those due later stay only in SQLite (indexed by due_at) and
// are paged in as the horizon advances, so a million delayed messages cost disk, not memory.
// Never early: a timer that fires before the due time re-arms instead of releasing anything.

#include <QObject>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <queue>
#include <vector>

namespace Broker {

class IClock;
class MessageStore;

class DueQueue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DueQueue)
public:
    // beforeRefill runs before each page-in so pending writes are visible (flushes the batcher).
    DueQueue(IClock *clock, MessageStore *store, qint64 horizonMs,
             std::function<void()> beforeRefill, QObject *parent = nullptr);

    void start();
    void stop();
    // A committed message (or retry) that becomes due at dueAt.
    void add(const QString &id, qint64 dueAt);
    qsizetype inMemory() const { return qsizetype(m_heap.size()); }
    qint64 nextDueAt() const;

signals:
    // Ids whose due time has come, in due order. The receiver re-reads their state.
    void due(const QStringList &ids);

private:
    void check();
    void refill(qint64 now);
    void arm(qint64 now);

    struct Entry
    {
        qint64 dueAt;
        QString id;
        bool operator>(const Entry &o) const { return dueAt > o.dueAt; }
    };

    IClock *m_clock;
    MessageStore *m_store;
    qint64 m_horizonMs;
    std::function<void()> m_beforeRefill;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> m_heap;
    qint64 m_loadedUntil = -1; // every due_at <= this is in the heap (or already released)
    QTimer m_timer;
    bool m_running = false;
};

} // namespace Broker
