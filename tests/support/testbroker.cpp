#include "testbroker.h"

namespace TestSupport {

TestBroker::TestBroker(Broker::BrokerConfig config)
    : m_config(std::move(config))
{
    m_config.bindAddress = QHostAddress::LocalHost;
    m_config.port = 0;
    m_config.dataDir = m_dir.path();
}

TestBroker::~TestBroker()
{
    stop();
}

Broker::Status TestBroker::start()
{
    m_service = std::make_unique<Broker::Service>(m_config, &m_clock);
    return m_service->start();
}

void TestBroker::stop()
{
    if (m_service)
        m_service->stop();
    m_service.reset();
}

Broker::Status TestBroker::restart()
{
    stop();
    return start();
}

} // namespace TestSupport
