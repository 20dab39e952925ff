#include "gates.h"

#include "core/clock.h"

#include <limits>

namespace Broker {

Gates::Gates(IClock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
    m_rateTimer.setSingleShot(true);
    m_rateTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_rateTimer, &QTimer::timeout, this, &Gates::pumpAllFlows);
    connect(m_clock, &IClock::advanced, this, &Gates::pumpAllFlows);
}

void Gates::configureQueue(const QString &name, QueueConfig config)
{
    m_queues[name].config = config;
    pumpQueue(name);
}

Gates::QueueConfig Gates::queueConfig(const QString &name) const
{
    const auto it = m_queues.constFind(name);
    return it == m_queues.cend() ? QueueConfig{} : it->config;
}

void Gates::holdQueueSlot(const QString &queue, const QString &id)
{
    m_queues[queue].active.insert(id);
}

int Gates::parkedInQueue(const QString &name) const
{
    const auto it = m_queues.constFind(name);
    return it == m_queues.cend() ? 0 : int(it->parked.size());
}

void Gates::configureFlow(const QString &key, FlowConfig config)
{
    m_flows[key].config = config;
    pumpFlow(key);
}

bool Gates::observeFlow(const QString &key, int parallelism, int rate, qint64 periodMs)
{
    FlowConfig &c = m_flows[key].config;
    const FlowConfig before = c;
    if (!c.pinnedParallelism)
        c.parallelism = parallelism;
    if (!c.pinnedRate) {
        c.rate = rate;
        c.periodMs = periodMs > 0 ? periodMs : 1000;
    }
    const bool changed = before.parallelism != c.parallelism || before.rate != c.rate ||
                         before.periodMs != c.periodMs;
    if (changed)
        pumpFlow(key);
    return changed;
}

std::optional<Gates::FlowConfig> Gates::flowConfig(const QString &key) const
{
    const auto it = m_flows.constFind(key);
    if (it == m_flows.cend())
        return std::nullopt;
    return it->config;
}

Gates::FlowStats Gates::flowStats(const QString &key) const
{
    const auto it = m_flows.constFind(key);
    if (it == m_flows.cend())
        return {};
    const bool windowOver = m_clock->nowMs() >= it->windowStart + it->config.periodMs;
    return FlowStats{it->active, int(it->parked.size()), windowOver ? 0 : it->windowCount,
                     it->windowStart};
}

void Gates::resetRate(const QString &key)
{
    auto it = m_flows.find(key);
    if (it == m_flows.end())
        return;
    it->windowStart = m_clock->nowMs();
    it->windowCount = 0;
    pumpFlow(key);
}

QStringList Gates::flowKeys() const
{
    return m_flows.keys();
}

bool Gates::takeFlowSlot(FlowState &flow)
{
    const FlowConfig &c = flow.config;
    if (c.paused)
        return false;
    if (c.parallelism > 0 && flow.active >= c.parallelism)
        return false;
    if (c.rate > 0) {
        const qint64 now = m_clock->nowMs();
        if (now >= flow.windowStart + c.periodMs) {
            flow.windowStart = now;
            flow.windowCount = 0;
        }
        if (flow.windowCount >= c.rate)
            return false;
        ++flow.windowCount;
    }
    ++flow.active;
    return true;
}

bool Gates::passFlow(const Message &m)
{
    if (m.flowControlKey.isEmpty())
        return true;
    FlowState &flow = m_flows[m.flowControlKey];
    // Arrival order within a key: nobody overtakes a parked message.
    if (flow.parked.empty() && takeFlowSlot(flow))
        return true;
    flow.parked.push_back(m);
    m_parked.insert(m.id);
    armRateTimer();
    return false;
}

bool Gates::admit(const Message &m)
{
    if (!m.queueName.isEmpty()) {
        QueueState &q = m_queues[m.queueName];
        const bool holdsSlot = q.active.contains(m.id);
        const bool mayStart =
            holdsSlot || (q.parked.empty() && int(q.active.size()) < q.config.parallelism);
        if (q.config.paused || !mayStart) {
            q.parked.push_back(m);
            m_parked.insert(m.id);
            return false;
        }
        q.active.insert(m.id);
    }
    if (!passFlow(m))
        return false;
    ++m_activeRequests;
    return true;
}

void Gates::attemptEnded(const Message &m)
{
    --m_activeRequests;
    if (m.flowControlKey.isEmpty())
        return;
    auto it = m_flows.find(m.flowControlKey);
    if (it == m_flows.end())
        return;
    it->active = std::max(0, it->active - 1);
    pumpFlow(m.flowControlKey);
}

void Gates::finished(const QString &queue, const QString &id)
{
    if (queue.isEmpty())
        return;
    auto it = m_queues.find(queue);
    if (it == m_queues.end())
        return;
    it->active.remove(id);
    pumpQueue(queue);
}

std::optional<Message> Gates::removeParked(const QString &id)
{
    if (!m_parked.remove(id))
        return std::nullopt;
    const auto take = [&](std::deque<Message> &list) -> std::optional<Message> {
        for (auto it = list.begin(); it != list.end(); ++it) {
            if (it->id == id) {
                Message m = *it;
                list.erase(it);
                return m;
            }
        }
        return std::nullopt;
    };
    for (auto &q : m_queues) {
        if (auto m = take(q.parked))
            return m;
    }
    for (auto &f : m_flows) {
        if (auto m = take(f.parked))
            return m;
    }
    return std::nullopt;
}

void Gates::pumpQueue(const QString &name)
{
    auto it = m_queues.find(name);
    if (it == m_queues.end() || it->config.paused)
        return;
    while (!it->parked.empty()) {
        const Message &front = it->parked.front();
        const bool holdsSlot = it->active.contains(front.id);
        if (!holdsSlot && int(it->active.size()) >= it->config.parallelism)
            break;
        Message m = front;
        it->parked.pop_front();
        m_parked.remove(m.id);
        it->active.insert(m.id);
        if (passFlow(m)) {
            ++m_activeRequests;
            emit ready(m);
        }
        it = m_queues.find(name); // a slot handler may have touched the hash
        if (it == m_queues.end())
            return;
    }
}

void Gates::pumpFlow(const QString &key)
{
    auto it = m_flows.find(key);
    while (it != m_flows.end() && !it->parked.empty() && takeFlowSlot(*it)) {
        Message m = it->parked.front();
        it->parked.pop_front();
        m_parked.remove(m.id);
        ++m_activeRequests;
        emit ready(m);
        it = m_flows.find(key);
    }
    armRateTimer();
}

void Gates::pumpAllFlows()
{
    const QStringList keys = m_flows.keys();
    for (const QString &key : keys)
        pumpFlow(key);
}

void Gates::armRateTimer()
{
    if (m_clock->isManual())
        return;
    qint64 wakeAt = std::numeric_limits<qint64>::max();
    for (const FlowState &f : std::as_const(m_flows)) {
        if (!f.parked.empty() && f.config.rate > 0 && f.windowCount >= f.config.rate)
            wakeAt = std::min(wakeAt, f.windowStart + f.config.periodMs);
    }
    if (wakeAt == std::numeric_limits<qint64>::max()) {
        m_rateTimer.stop();
        return;
    }
    const qint64 wait = std::max<qint64>(0, wakeAt - m_clock->nowMs());
    m_rateTimer.start(int(std::min<qint64>(wait, std::numeric_limits<int>::max())));
}

} // namespace Broker
