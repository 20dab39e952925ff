#include "clock.h"

#include <QDateTime>

namespace Broker {

qint64 SystemClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

ManualClock::ManualClock(qint64 startMs, QObject *parent)
    : IClock(parent)
    , m_now(startMs)
{}

void ManualClock::setNow(qint64 ms)
{
    m_now = ms;
    emit advanced();
}

void ManualClock::advance(qint64 ms)
{
    m_now += ms;
    emit advanced();
}

} // namespace Broker
