#pragma once
// The local delivery target: a bare QHttpServer in its own thread that answers 200 to anything
// under /r/, counts arrivals and, for stamped bodies, records the latency since the stamp and
// the wall-clock arrival time (bounded sample count).

#include <QMutex>
#include <QObject>
#include <QThread>

#include <atomic>
#include <vector>

class QHttpServer;

namespace Bench {

class Receiver final
{
    Q_DISABLE_COPY_MOVE(Receiver)
public:
    Receiver();
    ~Receiver();

    quint16 start(); // 0 on failure
    void stop();
    quint16 port() const { return m_port; }
    QByteArray url(const QByteArray &path = "/r/x") const;

    quint64 count() const { return m_count.load(); }
    struct Sample
    {
        qint64 seq;
        qint64 latencyNs; // arrival - stamp (monotonic)
        qint64 arrivalWallMs;
    };
    std::vector<Sample> takeSamples();
    size_t sampleCount();
    void clearSamples() { takeSamples(); }

private:
    void onRequest(const QByteArray &body);

    QThread m_thread;
    QObject *m_context = nullptr;
    QHttpServer *m_server = nullptr;
    quint16 m_port = 0;
    std::atomic<quint64> m_count{0};
    QMutex m_mutex;
    std::vector<Sample> m_samples;
};

} // namespace Bench
