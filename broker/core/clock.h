#pragma once
// Time for everything that schedules: delays, not-before, retries, cron. Production reads the
// system clock; tests drive a ManualClock and call advance(), which wakes whoever waits on it.

#include <QObject>

#include <atomic>

namespace Broker {

class IClock : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~IClock() override = default;

    // Wall time, unix milliseconds.
    virtual qint64 nowMs() const = 0;
    // A manual clock never moves by itself, so waiting on real timers for it is pointless.
    virtual bool isManual() const { return false; }

signals:
    // Emitted by clocks that jump (ManualClock::advance); due work must be re-checked.
    void advanced();
};

class SystemClock final : public IClock
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SystemClock)
public:
    using IClock::IClock;
    qint64 nowMs() const override;
};

class ManualClock final : public IClock
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ManualClock)
public:
    explicit ManualClock(qint64 startMs, QObject *parent = nullptr);
    // Read from the delivery thread too (attempt start times), hence atomic.
    qint64 nowMs() const override { return m_now.load(std::memory_order_relaxed); }
    bool isManual() const override { return true; }

    void setNow(qint64 ms);
    void advance(qint64 ms);

private:
    std::atomic<qint64> m_now;
};

} // namespace Broker
