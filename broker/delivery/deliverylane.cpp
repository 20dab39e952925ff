#include "deliverylane.h"

#include <QMutexLocker>
#include <QThread>

namespace Broker {

DeliveryLane::DeliveryLane(int maxInFlightPerOrigin, qint64 maxRecordedBody,
                           Dispatcher::StartHook onStart, Dispatcher::FinishHook onFinish,
                           QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_dispatcher(new Dispatcher(maxInFlightPerOrigin, maxRecordedBody, std::move(onStart),
                                  std::move(onFinish)))
{
    m_thread->setObjectName(QStringLiteral("delivery"));
    m_dispatcher->moveToThread(m_thread); // with its QNetworkAccessManager, before any request
    connect(
        m_dispatcher, &Dispatcher::finished, m_dispatcher,
        [this](const DeliveryResult &result) { report(result); }, Qt::DirectConnection);
    // Deleted on its own thread, after that thread's event loop has stopped (~DeliveryLane).
    connect(m_thread, &QThread::finished, m_dispatcher, &QObject::deleteLater);
    m_thread->start();
}

DeliveryLane::~DeliveryLane()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopped = true;
    }
    m_thread->quit();
    m_thread->wait();
}

template<typename F>
void DeliveryLane::inDeliveryThread(F f)
{
    QMetaObject::invokeMethod(m_dispatcher, std::move(f), Qt::BlockingQueuedConnection);
}

template<typename T>
bool DeliveryLane::enqueue(std::vector<T> &list, T item)
{
    QMutexLocker lock(&m_mutex);
    if (m_stopped)
        return false;
    const bool wake = list.empty(); // otherwise a drain is already posted and takes this too
    list.push_back(std::move(item));
    return wake;
}

template<typename T>
std::vector<T> DeliveryLane::takeAll(std::vector<T> &list)
{
    std::vector<T> batch;
    QMutexLocker lock(&m_mutex);
    batch.swap(list);
    return batch;
}

void DeliveryLane::send(DeliveryRequest request)
{
    if (enqueue(m_outbox, std::move(request)))
        QMetaObject::invokeMethod(
            m_dispatcher, [this] { drainOutbox(); }, Qt::QueuedConnection);
}

void DeliveryLane::drainOutbox()
{
    for (DeliveryRequest &request : takeAll(m_outbox))
        m_dispatcher->send(std::move(request));
}

bool DeliveryLane::cancelQueued(const QString &messageId)
{
    {
        QMutexLocker lock(&m_mutex);
        for (auto it = m_outbox.begin(); it != m_outbox.end(); ++it) {
            if (it->messageId == messageId) {
                m_outbox.erase(it);
                return true;
            }
        }
    }
    // Not in hand-over: either waiting in the dispatcher for a slot, or already sent. A hand-over
    // being drained right now finishes before this call runs (same thread), so nothing slips by.
    bool removed = false;
    inDeliveryThread(
        [this, &removed, &messageId] { removed = m_dispatcher->cancelQueued(messageId); });
    return removed;
}

void DeliveryLane::abortAll()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopped = true;
        m_outbox.clear();
        m_results.clear();
    }
    inDeliveryThread([this] { m_dispatcher->abortAll(); });
}

void DeliveryLane::report(const DeliveryResult &result)
{
    if (enqueue(m_results, result))
        QMetaObject::invokeMethod(
            this, [this] { drainResults(); }, Qt::QueuedConnection);
}

void DeliveryLane::drainResults()
{
    for (const DeliveryResult &result : takeAll(m_results))
        emit finished(result);
}

} // namespace Broker
