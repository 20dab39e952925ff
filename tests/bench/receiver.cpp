#include "receiver.h"

#include "benchutil.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>

namespace Bench {

namespace {
constexpr size_t kMaxSamples = 4'000'000;
}

Receiver::Receiver()
{
    m_thread.setObjectName(QStringLiteral("receiver"));
}

Receiver::~Receiver()
{
    stop();
}

quint16 Receiver::start()
{
    m_thread.start();
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_server = new QHttpServer;
            m_server->route(QStringLiteral("/r/<arg>"),
                            [this](const QString &, const QHttpServerRequest &request) {
                                onRequest(request.body());
                                return QHttpServerResponse(QByteArrayLiteral("text/plain"),
                                                           QByteArrayLiteral("ok"));
                            });
            m_port = m_server->listen(QHostAddress::LocalHost, 0);
        },
        Qt::BlockingQueuedConnection);
    return m_port;
}

void Receiver::stop()
{
    if (!m_context)
        return;
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            delete m_server;
            m_server = nullptr;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_context;
    m_context = nullptr;
}

QByteArray Receiver::url(const QByteArray &path) const
{
    return "http://127.0.0.1:" + QByteArray::number(m_port) + path;
}

void Receiver::onRequest(const QByteArray &body)
{
    const qint64 now = nowNs();
    m_count.fetch_add(1);
    qint64 sent = 0;
    qint64 seq = 0;
    if (!parseStamp(body, &sent, &seq))
        return;
    const qint64 wall = wallMs();
    QMutexLocker lock(&m_mutex);
    if (m_samples.size() < kMaxSamples)
        m_samples.push_back(Sample{seq, now - sent, wall});
}

size_t Receiver::sampleCount()
{
    QMutexLocker lock(&m_mutex);
    return m_samples.size();
}

std::vector<Receiver::Sample> Receiver::takeSamples()
{
    QMutexLocker lock(&m_mutex);
    std::vector<Sample> out;
    out.swap(m_samples);
    return out;
}

} // namespace Bench
