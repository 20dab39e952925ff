#include "deliverylane.h"

#include <QMutexLocker>
#include <QThread>

namespace Broker {

DeliveryLane::DeliveryLane(int maxInFlightPerOrigin, qint64 maxRecordedBody,
                           Dispatcher::StartHook onStart, QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_dispatcher(new Dispatcher(maxInFlightPerOrigin, maxRecordedBody, std::move(onStart)))
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

void DeliveryLane::send(DeliveryRequest request)
{
    bool wake = false;
    {
        QMutexLocker lock(&m_mutex);
        if (m_stopped)
            return;
        wake = m_outbox.empty();
        m_outbox.push_back(std::move(request));
    }
    if (wake)
        QMetaObject::invokeMethod(
            m_dispatcher, [this] { drainOutbox(); }, Qt::QueuedConnection);
}

void DeliveryLane::drainOutbox()
{
    std::vector<DeliveryRequest> batch;
    {
        QMutexLocker lock(&m_mutex);
        batch.swap(m_outbox);
    }
    for (DeliveryRequest &request : batch)
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
    bool wake = false;
    {
        QMutexLocker lock(&m_mutex);
        if (m_stopped)
            return;
        wake = m_results.empty();
        m_results.push_back(result);
    }
    if (wake)
        QMetaObject::invokeMethod(
            this, [this] { drainResults(); }, Qt::QueuedConnection);
}

void DeliveryLane::drainResults()
{
    std::vector<DeliveryResult> batch;
    {
        QMutexLocker lock(&m_mutex);
        batch.swap(m_results);
    }
    for (const DeliveryResult &result : batch)
        emit finished(result);
}

} // namespace Broker
