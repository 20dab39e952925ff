#pragma once
// Who may be delivered now. Queues (qstash-api.md §4): FIFO, at most `parallelism` messages of a
// queue in progress — a message holds its slot through its retries and its callbacks; a paused
// queue holds everything. Flow control (§12): per key, at most `parallelism` requests in flight
// and `rate` starts per `period`, across every message with the key. Messages that may not go yet
// are parked here in order and released by `ready()`.

#include "core/message.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <deque>

namespace Broker {

class IClock;

class Gates final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Gates)
public:
    struct QueueConfig
    {
        int parallelism = 1;
        bool paused = false;
    };
    struct FlowConfig
    {
        int parallelism = 0; // 0 = no limit
        int rate = 0;        // 0 = no limit
        qint64 periodMs = 1000;
        bool paused = false;
        bool pinnedParallelism = false;
        bool pinnedRate = false;
    };
    struct FlowStats
    {
        int active = 0;
        int waiting = 0;
        int rateCount = 0;
        qint64 windowStartMs = 0;
    };

    explicit Gates(IClock *clock, QObject *parent = nullptr);

    void configureQueue(const QString &name, QueueConfig config);
    QueueConfig queueConfig(const QString &name) const;
    void holdQueueSlot(const QString &queue, const QString &id);
    int parkedInQueue(const QString &name) const;

    void configureFlow(const QString &key, FlowConfig config);
    // A message's own flow-control values; applied unless pinned. True when the config changed.
    bool observeFlow(const QString &key, int parallelism, int rate, qint64 periodMs);
    std::optional<FlowConfig> flowConfig(const QString &key) const;
    FlowStats flowStats(const QString &key) const;
    void resetRate(const QString &key);
    QStringList flowKeys() const;
    int activeRequests() const { return m_activeRequests; }

    // True: the message may be sent now (its slots are taken). False: it is parked.
    bool admit(const Message &m);
    // Its request finished (flow-control parallelism is per request in flight).
    void attemptEnded(const Message &m);
    // It is final and its callbacks are done: frees its queue slot.
    void finished(const QString &queue, const QString &id);
    // Takes a parked message out (cancel). Returns it when it was parked.
    std::optional<Message> removeParked(const QString &id);
    bool isParked(const QString &id) const { return m_parked.contains(id); }

signals:
    void ready(const Broker::Message &message);

private:
    struct QueueState
    {
        QueueConfig config;
        QSet<QString> active;
        std::deque<Message> parked;
    };
    struct FlowState
    {
        FlowConfig config;
        int active = 0;
        qint64 windowStart = 0;
        int windowCount = 0;
        std::deque<Message> parked;
    };

    bool takeFlowSlot(FlowState &flow);
    bool passFlow(const Message &m); // parks in the flow when it must wait
    void pumpQueue(const QString &name);
    void pumpFlow(const QString &key);
    void pumpAllFlows();
    void armRateTimer();

    IClock *m_clock;
    QHash<QString, QueueState> m_queues;
    QHash<QString, FlowState> m_flows;
    QSet<QString> m_parked;
    QTimer m_rateTimer;
    int m_activeRequests = 0;
};

} // namespace Broker
