#pragma once
// An HTTP/1.1 keep-alive load client on QTcpSocket: N connections, each with one request in
// flight (no pipelining). Closed loop (send the next request as soon as the answer came) or open
// loop (a fixed rate, spread over idle connections). Every run is bounded in time and count.

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

class QTcpSocket;

namespace Bench {

class LoadClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadClient)
public:
    // Builds the raw bytes of request number seq (status line, headers, body).
    using MakeRequest = std::function<QByteArray(qint64 seq)>;
    // May a new request start now? (e.g. bounded backlog); unset = always.
    using Gate = std::function<bool()>;

    LoadClient(quint16 port, int connections, QObject *parent = nullptr);
    ~LoadClient() override;

    bool connectAll(int timeoutMs);
    int connections() const { return int(m_conns.size()); }

    struct Result
    {
        qint64 ok = 0;     // 2xx answers inside the measured window
        qint64 failed = 0; // other answers or broken connections inside the window
        qint64 total = 0;  // answers over the whole run, warm-up included
        double seconds = 0;
        double rate() const { return seconds > 0 ? double(ok) / seconds : 0; }
        std::vector<double> latencyMs; // request -> answer, inside the window (capped count)
        int firstFailStatus = 0;
        QByteArray firstFailBody;
    };
    // Closed loop for warmupMs + durationMs, or until maxRequests were sent.
    Result runClosed(const MakeRequest &make, int warmupMs, int durationMs, qint64 maxRequests,
                     const Gate &gate = {});
    // Open loop at `rate` requests/s for durationMs (no warm-up); requests that find no idle
    // connection wait for one (the most that waited at once: maxBacklog()).
    Result runOpen(const MakeRequest &make, double rate, int durationMs);
    qint64 maxBacklog() const { return m_lateSends; }
    qint64 sent() const { return m_seq; }

    // Optional hooks for one run: each answer (seq, status, sent, answered; monotonic ns), and
    // the start and end of the measured window (to sample other counters at the same instants).
    std::function<void(qint64 seq, int status, qint64 sentNs, qint64 doneNs)> observer;
    std::function<void()> onWindowStart;
    std::function<void()> onWindowEnd;

private:
    struct Conn;
    void onReadyRead(Conn *c);
    void onAnswer(Conn *c, int status, const QByteArray &body);
    bool startOne(Conn *c);
    void kick();
    void record(Conn *c, int status, const QByteArray &body);

    quint16 m_port;
    std::vector<std::unique_ptr<Conn>> m_conns;
    MakeRequest m_make;
    Gate m_gate;
    qint64 m_seq = 0;
    qint64 m_maxRequests = 0;
    qint64 m_inFlight = 0;
    bool m_sending = false;
    bool m_openLoop = false;
    qint64 m_openDue = 0; // open loop: requests owed so far
    qint64 m_lateSends = 0;
    qint64 m_windowStartNs = 0;
    qint64 m_windowEndNs = 0;
    Result m_result;
    QTimer m_kick;
};

// POST /v2/publish/<destination> with the dev token, extra header lines ("Name: v\r\n") and a
// stamped body of bodyBytes.
QByteArray publishBytes(quint16 port, const QByteArray &destination, const QByteArray &extraHeaders,
                        qint64 seq, int bodyBytes = 1024);
// GET path with the dev token.
QByteArray getBytes(quint16 port, const QByteArray &path);
extern const QByteArray kDevToken;

// One request on a fresh connection (bounded): returns the HTTP status, 0 on failure.
int httpOnce(quint16 port, const QByteArray &request, int timeoutMs, QByteArray *body = nullptr);

} // namespace Bench
