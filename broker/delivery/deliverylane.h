#pragma once
// The Dispatcher (and with it QNetworkAccessManager) on a thread of its own. The broker thread
// stores and classifies; building requests, signing them, QNAM's per-request setup and reading
// replies happen here, so the two share the machine's cores instead of queueing on one.
//
// Requests and results cross in batches: the sending side appends to a locked list and posts one
// drain event only when the list was empty, so a burst costs one wake-up, not one per message.

#include "dispatcher.h"

#include <QMutex>
#include <QObject>

#include <vector>

class QThread;

namespace Broker {

class DeliveryLane final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryLane)
public:
    // onStart and onFinish run on the delivery thread, just before a request leaves and once its
    // attempt ended (see Dispatcher).
    DeliveryLane(int maxInFlightPerOrigin, qint64 maxRecordedBody, Dispatcher::StartHook onStart,
                 Dispatcher::FinishHook onFinish = {}, QObject *parent = nullptr);
    ~DeliveryLane() override;

    void send(DeliveryRequest request);
    // Drops a request not yet sent (still in hand-over, or waiting for a slot). Blocks briefly
    // for an answer from the delivery thread.
    bool cancelQueued(const QString &messageId);
    // Shutdown: aborts everything in flight and reports nothing more; unsent requests are dropped
    // (they stay ACTIVE in the store and are redelivered after the next start).
    void abortAll();

signals:
    // On the thread that owns the lane.
    void finished(const Broker::DeliveryResult &result);

private:
    void drainOutbox();                        // delivery thread
    void report(const DeliveryResult &result); // delivery thread
    void drainResults();                       // owner's thread
    template<typename F>
    void inDeliveryThread(F f); // blocking
    // Appends under the lock; true when the list was empty, i.e. a drain must be posted. False
    // (and dropped) once stopped.
    template<typename T>
    bool enqueue(std::vector<T> &list, T item);
    template<typename T>
    std::vector<T> takeAll(std::vector<T> &list);

    QThread *m_thread;
    Dispatcher *m_dispatcher;
    QMutex m_mutex;
    std::vector<DeliveryRequest> m_outbox; // guarded by m_mutex
    std::vector<DeliveryResult> m_results; // guarded by m_mutex
    bool m_stopped = false;                // guarded by m_mutex
};

} // namespace Broker
