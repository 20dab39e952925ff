#pragma once
// The message lifecycle: accept (store, then schedule), dispatch when due, classify each attempt's
// outcome (deliver, retry with backoff, fail), cancel, and recover after a crash. Every state
// change is one log event; writes go through the batcher, and nothing is acknowledged before it
// is committed.

#include "core/config.h"
#include "core/message.h"
#include "core/result.h"
#include "deliverylane.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QVariantMap>

#include <functional>

class QSqlDatabase;

namespace Broker {

class IClock;
class DlqStore;
class GateStore;
class Gates;
class DueQueue;
class KeyRing;
class MessageStore;
class WriteBatcher;

class DeliveryService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryService)
public:
    // config: the service's, which outlives this (read live, never copied).
    DeliveryService(const BrokerConfig &config, IClock *clock, WriteBatcher *batcher,
                    MessageStore *store, DlqStore *dlq, GateStore *gateStore, KeyRing *keys,
                    QObject *parent = nullptr);
    ~DeliveryService() override;

    void start();
    // Stops dispatching. Attempts in flight stay ACTIVE in the store and are redelivered on the
    // next start (at-least-once), instead of being recorded as failures of our own making.
    void stop();

    struct Accepted
    {
        QString messageId; // the original message's id when deduplicated
        bool deduplicated = false;
    };
    using AcceptDone = std::function<void(const Result<QList<Accepted>> &)>;
    using ExtraWrite = std::function<bool(QSqlDatabase &db, QString *error)>;
    // Stores the messages in one transaction (skipping those whose deduplication key is live),
    // together with `extra` (e.g. removing the DLQ entries being replayed); `done` runs after the
    // commit, or its failure, with one entry per message in order.
    void accept(const QList<Message> &messages, AcceptDone done, ExtraWrite extra = {});
    // Cancels a pending or retrying message; one in flight is cancelled after its attempt.
    void cancel(const QString &id, std::function<void(Result<int>)> done);

    QVariantMap counts() const;
    // Messages handed to delivery: ACTIVE being stored, waiting for a connection slot, or sent.
    int inFlight() const;
    // Retention deleted finished messages: the counts by state drop by as many.
    void forgetFinished(const QHash<QString, qint64> &byState);
    DueQueue *dueQueue() const { return m_due; }
    Gates *gates() const { return m_gates; }
    // Stores a flow-control key's configuration as the gates have it now.
    void persistFlow(const QString &key);

signals:
    void countsChanged(const QVariantMap &counts); // batched, a few per second at most
    void messageFinished(const QString &id, const QString &state);

private:
    void handleDue(const QStringList &ids);
    void dispatch(const Message &message); // through the gates
    void send(const Message &message);     // to the dispatcher, now
    void finishInQueue(const Message &m, int pendingCallbacks);
    void handleFinished(const DeliveryResult &result);
    // Stores an attempt's outcome; while the store refuses writes, tries again every second.
    void storeOutcome(ExtraWrite write, std::function<void()> committed);
    void recover();
    // On the delivery thread: signs the request as it leaves and stamps its start.
    static void onStarted(const IClock *clock, DeliveryRequest &request, qint64 &startedAt);
    qint64 retryDelay(const Message &m, const DeliveryResult &result) const;
    // Inserts a new message and its CREATED event (inside a write).
    bool insertNew(QSqlDatabase &db, const Message &m, QString *error);
    // Sent at once and not held by a queue or flow-control key: stored ACTIVE when accepted.
    bool startsActive(const Message &m, qint64 now) const;
    // After the commit that stored them: count, then dispatch or wait for their due time.
    void schedule(const QList<Message> &stored);
    void moveCount(MessageState from, MessageState to);
    void addCount(MessageState to, qint64 n = 1);

    const BrokerConfig &m_config; // the service's: runtime settings (time scale) apply live
    IClock *m_clock;
    WriteBatcher *m_batcher;
    MessageStore *m_store;
    DlqStore *m_dlq;
    GateStore *m_gateStore;
    Gates *m_gates;
    QHash<QString, QPair<QString, int>> m_waitingCallbacks; // source id -> (queue, callbacks)
    KeyRing *m_keys;
    DeliveryLane *m_lane; // the dispatcher, on the delivery thread
    DueQueue *m_due;
    QHash<QString, Message> m_inFlight; // handed to the dispatcher (waiting for a slot or sent)
    QSet<QString> m_cancelRequested;
    QHash<QString, qint64> m_counts;
    QTimer m_countsTimer;
    bool m_running = false;
};

} // namespace Broker
