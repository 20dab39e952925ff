#pragma once
// Retention (design §4): finished messages (with their log events and attempts) and DLQ entries
// older than the configured number of days, finished messages beyond the configured count, and
// expired deduplication keys are deleted in small batches, each its own group-committed write,
// with the event loop free between batches. Messages still in the DLQ are kept until their entry
// goes; nothing that is pending, in flight or waiting for a retry is ever touched.

#include <QHash>
#include <QObject>
#include <QTimer>

class QSqlDatabase;

namespace Broker {

class IClock;
class WriteBatcher;

struct RetentionPolicy
{
    int days = 7;               // 0 = keep forever
    qint64 maxMessages = 0;     // finished messages kept at most; 0 = no limit
    qint64 intervalMs = 60'000; // between passes
    qint64 firstPassMs = 5'000; // after start: never competes with startup
    int batchSize = 500;        // rows per write
};

struct RetentionStats
{
    qint64 messages = 0; // finished messages deleted (events, attempts with them)
    QHash<QString, qint64> messagesByState; // DELIVERED / FAILED / CANCELED
    qint64 dlqEntries = 0;
    qint64 dedupKeys = 0;
};

class Retention final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Retention)
public:
    Retention(IClock *clock, WriteBatcher *batcher, QObject *parent = nullptr);

    void setPolicy(const RetentionPolicy &policy);
    RetentionPolicy policy() const { return m_policy; }

    // Passes every intervalMs, the first after firstPassMs. On a manual clock (tests) passes run
    // only through runNow().
    void start();
    void stop();
    // Starts a pass now (unless one is running); `passFinished` reports it.
    void runNow();
    bool isRunning() const { return m_passRunning; }

signals:
    // After every batch: what it deleted (the service corrects its counts from it).
    void pruned(const Broker::RetentionStats &batch);
    void passFinished(const Broker::RetentionStats &total);

private:
    enum class Step { Dlq, Aged, Excess, Dedup, Done };
    void runBatch();
    void finishPass();
    // One batch of the current step, inside the batcher's transaction. *full: the batch hit its
    // limit, so the step goes on.
    bool pruneBatch(QSqlDatabase &db, Step step, qint64 now, RetentionStats *out, bool *full,
                    QString *error);

    IClock *m_clock;
    WriteBatcher *m_batcher;
    RetentionPolicy m_policy;
    QTimer m_timer;
    bool m_passRunning = false;
    bool m_stopped = false;
    Step m_step = Step::Done;
    qint64 m_excessLeft = -1; // finished messages over the limit, counted once per pass
    RetentionStats m_total;
};

} // namespace Broker

Q_DECLARE_METATYPE(Broker::RetentionStats)
