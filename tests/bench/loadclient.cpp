#include "loadclient.h"

#include "benchutil.h"

#include <QHostAddress>
#include <QTcpSocket>

namespace Bench {

namespace {

constexpr size_t kMaxLatencySamples = 2'000'000;

// Takes one complete response off the front of buffer (responses always carry Content-Length).
bool takeResponse(QByteArray &buffer, int *status, QByteArray *body)
{
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return false;
    // "HTTP/1.1 200 OK": the status is the second token.
    const qsizetype sp = buffer.indexOf(' ');
    *status = sp > 0 && sp < headerEnd ? buffer.mid(sp + 1, 3).toInt() : 0;
    qint64 length = 0;
    const QByteArray head = buffer.left(headerEnd).toLower();
    const QByteArray key = "\r\ncontent-length:";
    const qsizetype cl = head.indexOf(key);
    if (cl >= 0) {
        const qsizetype from = cl + key.size();
        const qsizetype eol = head.indexOf("\r\n", from);
        length = head.mid(from, (eol < 0 ? head.size() : eol) - from).trimmed().toLongLong();
    }
    const qsizetype need = headerEnd + 4 + length;
    if (buffer.size() < need)
        return false;
    *body = buffer.mid(headerEnd + 4, length);
    buffer.remove(0, need);
    return true;
}

} // namespace

struct LoadClient::Conn
{
    QTcpSocket socket;
    QByteArray buffer;
    bool busy = false;
    bool broken = false;
    qint64 sentNs = 0;
    qint64 seq = 0;
};

LoadClient::LoadClient(quint16 port, int connections, QObject *parent)
    : QObject(parent)
    , m_port(port)
{
    for (int i = 0; i < connections; ++i) {
        auto c = std::make_unique<Conn>();
        Conn *raw = c.get();
        connect(&raw->socket, &QTcpSocket::readyRead, this, [this, raw] { onReadyRead(raw); });
        connect(&raw->socket, &QTcpSocket::disconnected, this, [this, raw] {
            raw->broken = true;
            if (raw->busy) {
                raw->busy = false;
                --m_inFlight;
                record(raw, 0, "connection closed");
            }
        });
        m_conns.push_back(std::move(c));
    }
    m_kick.setInterval(1);
    m_kick.setTimerType(Qt::PreciseTimer);
    connect(&m_kick, &QTimer::timeout, this, &LoadClient::kick);
}

LoadClient::~LoadClient()
{
    m_kick.stop();
    for (auto &c : m_conns) {
        c->socket.disconnect(this);
        c->socket.abort();
    }
}

bool LoadClient::connectAll(int timeoutMs)
{
    for (auto &c : m_conns) {
        c->socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        c->socket.connectToHost(QHostAddress::LocalHost, m_port);
    }
    return spinUntil(
        [this] {
            for (auto &c : m_conns) {
                if (c->socket.state() != QAbstractSocket::ConnectedState)
                    return false;
            }
            return true;
        },
        timeoutMs, 2);
}

void LoadClient::onReadyRead(Conn *c)
{
    c->buffer += c->socket.readAll();
    int status = 0;
    QByteArray body;
    while (takeResponse(c->buffer, &status, &body))
        onAnswer(c, status, body);
}

void LoadClient::record(Conn *c, int status, const QByteArray &body)
{
    ++m_result.total;
    const qint64 now = nowNs();
    if (observer)
        observer(c->seq, status, c->sentNs, now);
    if (now < m_windowStartNs || (m_windowEndNs > 0 && now > m_windowEndNs))
        return;
    if (status >= 200 && status < 300) {
        ++m_result.ok;
        if (m_result.latencyMs.size() < kMaxLatencySamples)
            m_result.latencyMs.push_back(double(now - c->sentNs) / 1e6);
    } else {
        ++m_result.failed;
        if (m_result.firstFailStatus == 0 && m_result.firstFailBody.isEmpty()) {
            m_result.firstFailStatus = status;
            m_result.firstFailBody = body.left(300);
        }
    }
}

void LoadClient::onAnswer(Conn *c, int status, const QByteArray &body)
{
    if (!c->busy)
        return;
    c->busy = false;
    --m_inFlight;
    record(c, status, body);
    if (m_sending && !m_openLoop)
        startOne(c);
    else if (m_sending && m_openLoop && m_openDue > 0 && startOne(c))
        --m_openDue;
}

bool LoadClient::startOne(Conn *c)
{
    if (c->busy || c->broken || c->socket.state() != QAbstractSocket::ConnectedState)
        return false;
    if (m_maxRequests > 0 && m_seq >= m_maxRequests)
        return false;
    if (m_gate && !m_gate())
        return false;
    c->busy = true;
    ++m_inFlight;
    c->sentNs = nowNs();
    c->seq = m_seq;
    c->socket.write(m_make(m_seq++));
    return true;
}

void LoadClient::kick()
{
    if (!m_sending)
        return;
    for (auto &c : m_conns) {
        if (m_openLoop && m_openDue <= 0)
            return;
        if (startOne(c.get()) && m_openLoop)
            --m_openDue;
    }
}

LoadClient::Result LoadClient::runClosed(const MakeRequest &make, int warmupMs, int durationMs,
                                         qint64 maxRequests, const Gate &gate)
{
    m_make = make;
    m_gate = gate;
    m_result = Result{};
    m_openLoop = false;
    m_maxRequests = maxRequests > 0 ? m_seq + maxRequests : 0;
    const qint64 start = nowNs();
    m_windowStartNs = start + qint64(warmupMs) * 1'000'000;
    m_windowEndNs = m_windowStartNs + qint64(durationMs) * 1'000'000;
    m_sending = true;
    m_kick.start();
    kick();
    bool startFired = false;
    spinUntil(
        [&] {
            const qint64 now = nowNs();
            if (!startFired && now >= m_windowStartNs) {
                startFired = true;
                if (onWindowStart)
                    onWindowStart();
            }
            // A count-bounded run ends when its last request was answered.
            const bool allDone = m_maxRequests > 0 && m_seq >= m_maxRequests && m_inFlight <= 0;
            return now >= m_windowEndNs || allDone;
        },
        warmupMs + durationMs + 1000, 2);
    if (onWindowEnd)
        onWindowEnd();
    m_sending = false;
    m_kick.stop();
    const qint64 end = std::min(nowNs(), m_windowEndNs);
    m_result.seconds = double(end - m_windowStartNs) / 1e9;
    // Drain what is in flight so the next run starts clean (bounded).
    spinUntil([this] { return m_inFlight <= 0; }, 10000, 2);
    m_gate = {};
    return m_result;
}

LoadClient::Result LoadClient::runOpen(const MakeRequest &make, double rate, int durationMs)
{
    m_make = make;
    m_gate = {};
    m_result = Result{};
    m_openLoop = true;
    m_maxRequests = 0;
    m_lateSends = 0;
    const qint64 start = nowNs();
    m_windowStartNs = start;
    m_windowEndNs = start + qint64(durationMs) * 1'000'000;
    m_sending = true;
    qint64 owedTotal = 0;
    QTimer tick;
    tick.setInterval(1);
    tick.setTimerType(Qt::PreciseTimer);
    connect(&tick, &QTimer::timeout, this, [&] {
        const qint64 should = qint64(rate * double(nowNs() - start) / 1e9);
        if (should > owedTotal) {
            m_openDue += should - owedTotal;
            owedTotal = should;
        }
        kick();
        m_lateSends = std::max(m_lateSends, m_openDue); // waited for a free connection
    });
    tick.start();
    if (onWindowStart)
        onWindowStart();
    spinUntil([&] { return nowNs() >= m_windowEndNs; }, durationMs + 1000, 2);
    tick.stop();
    if (onWindowEnd)
        onWindowEnd();
    m_sending = false;
    m_openDue = 0;
    m_result.seconds = double(std::min(nowNs(), m_windowEndNs) - start) / 1e9;
    m_windowEndNs = 0; // answers still coming count too: they were sent inside the window
    spinUntil([this] { return m_inFlight <= 0; }, 10000, 2);
    m_openLoop = false;
    return m_result;
}

const QByteArray kDevToken =
    QByteArrayLiteral("eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=");

QByteArray publishBytes(quint16 port, const QByteArray &destination, const QByteArray &extraHeaders,
                        qint64 seq, int bodyBytes)
{
    const QByteArray body = stampedBody(seq, bodyBytes);
    QByteArray r;
    r.reserve(body.size() + 512);
    r += "POST /v2/publish/" + destination +
         " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\nAuthorization: Bearer " +
         kDevToken + "\r\nContent-Type: text/plain\r\n" + extraHeaders +
         "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    r += body;
    return r;
}

QByteArray getBytes(quint16 port, const QByteArray &path)
{
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
           "\r\nAuthorization: Bearer " + kDevToken + "\r\n\r\n";
}

int httpOnce(quint16 port, const QByteArray &request, int timeoutMs, QByteArray *body)
{
    QTcpSocket socket;
    socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket.connectToHost(QHostAddress::LocalHost, port);
    QByteArray buffer;
    int status = 0;
    QByteArray answer;
    bool done = false;
    bool written = false;
    spinUntil(
        [&] {
            if (!written && socket.state() == QAbstractSocket::ConnectedState) {
                socket.write(request);
                written = true;
            }
            if (written && socket.bytesAvailable() > 0) {
                buffer += socket.readAll();
                done = takeResponse(buffer, &status, &answer);
            }
            return done || socket.state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs, 1);
    socket.abort();
    if (body)
        *body = answer;
    return done ? status : 0;
}

} // namespace Bench
