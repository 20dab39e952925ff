#pragma once
// A real broker for integration tests: temporary data dir, 127.0.0.1 on an ephemeral port, and a
// ManualClock so delays and retries are tested without waiting.

#include "brokerservice.h"
#include "core/clock.h"

#include <QTemporaryDir>

#include <memory>

namespace TestSupport {

class TestBroker final
{
    Q_DISABLE_COPY_MOVE(TestBroker)
public:
    // A fixed, round start time keeps logs readable; tests only look at differences.
    static constexpr qint64 StartMs = 1'800'000'000'000;

    explicit TestBroker(Broker::BrokerConfig config = {});
    ~TestBroker();

    Broker::Status start();
    void stop();
    // Same data dir, new service (and the same clock): a restart.
    Broker::Status restart();

    Broker::Service &service() { return *m_service; }
    Broker::ManualClock &clock() { return m_clock; }
    Broker::BrokerConfig &config() { return m_config; }
    QString baseUrl() const { return m_service->baseUrl(); }
    QString token() const { return m_config.token; }
    QString dataDir() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
    Broker::BrokerConfig m_config;
    Broker::ManualClock m_clock{StartMs};
    std::unique_ptr<Broker::Service> m_service;
};

} // namespace TestSupport
