#include "duequeue.h"

#include "core/clock.h"
#include "core/logging.h"
#include "store/messagestore.h"

#include <limits>

namespace Broker {

DueQueue::DueQueue(IClock *clock, MessageStore *store, qint64 horizonMs,
                   std::function<void()> beforeRefill, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_store(store)
    , m_horizonMs(horizonMs)
    , m_beforeRefill(std::move(beforeRefill))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &DueQueue::check);
    connect(m_clock, &IClock::advanced, this, &DueQueue::check);
}

void DueQueue::start()
{
    m_running = true;
    m_loadedUntil = std::numeric_limits<qint64>::min();
    check();
}

void DueQueue::stop()
{
    m_running = false;
    m_timer.stop();
}

qint64 DueQueue::nextDueAt() const
{
    return m_heap.empty() ? -1 : m_heap.top().dueAt;
}

void DueQueue::add(const QString &id, qint64 dueAt)
{
    // Beyond the loaded horizon the database row is enough: refill() will find it.
    if (dueAt > m_loadedUntil)
        return;
    const bool newEarliest = m_heap.empty() || dueAt < m_heap.top().dueAt;
    m_heap.push(Entry{dueAt, id});
    if (!m_running)
        return;
    const qint64 now = m_clock->nowMs();
    if (dueAt <= now)
        check();
    else if (newEarliest)
        arm(now);
}

void DueQueue::refill(qint64 now)
{
    const qint64 until = now + m_horizonMs;
    if (m_beforeRefill)
        m_beforeRefill();
    const QList<DueEntry> entries = m_store->dueBetween(m_loadedUntil, until);
    for (const DueEntry &e : entries)
        m_heap.push(Entry{e.dueAt, e.id});
    m_loadedUntil = until;
    if (!entries.isEmpty())
        qCDebug(lcScheduler) << "paged in" << entries.size() << "due messages";
}

void DueQueue::check()
{
    if (!m_running)
        return;
    const qint64 now = m_clock->nowMs();
    if (now + m_horizonMs / 2 >= m_loadedUntil)
        refill(now);
    QStringList ready;
    while (!m_heap.empty() && m_heap.top().dueAt <= now) {
        ready.append(m_heap.top().id);
        m_heap.pop();
    }
    arm(now);
    if (!ready.isEmpty())
        emit due(ready);
}

void DueQueue::arm(qint64 now)
{
    if (m_clock->isManual() || !m_running)
        return;
    // Wake for the earliest due message, or to page in the next horizon.
    qint64 wakeAt = m_loadedUntil - m_horizonMs / 2;
    if (!m_heap.empty())
        wakeAt = std::min(wakeAt, m_heap.top().dueAt);
    const qint64 wait = std::clamp<qint64>(wakeAt - now, 0, m_horizonMs);
    m_timer.start(int(wait));
}

} // namespace Broker
