#pragma once
// A real local HTTP receiver for tests: records every request it gets (method, target, headers,
// raw body) and answers as told per path — a status, headers, a body, and optionally late.

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

class QHttpServer;

namespace TestSupport {

using Headers = QList<QPair<QByteArray, QByteArray>>;

struct ReceivedRequest
{
    QByteArray method;
    QString path;  // fully encoded
    QString query; // fully encoded, without '?'
    Headers headers;
    QByteArray body;
    qint64 receivedAtMs = 0; // monotonic, since the sink started

    QByteArray header(QByteArrayView name) const;
    QString target() const { return query.isEmpty() ? path : path + u'?' + query; }
};

struct SinkResponse
{
    int status = 200;
    Headers headers;
    QByteArray body = "ok";
    int delayMs = 0; // answer this much later (timeouts, slow receivers)
};

class HttpSink final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpSink)
public:
    explicit HttpSink(QObject *parent = nullptr);
    ~HttpSink() override;

    bool start(); // 127.0.0.1, ephemeral port
    quint16 port() const { return m_port; }
    QString url(const QString &pathAndQuery) const;

    void respond(const QString &path, const SinkResponse &response);
    // Answers the first `times` requests to path with `first`, then with the normal response.
    void respondTimes(const QString &path, int times, const SinkResponse &first);

    const QList<ReceivedRequest> &requests() const { return m_requests; }
    QList<ReceivedRequest> requestsTo(const QString &path) const;
    int countTo(const QString &path) const { return int(requestsTo(path).size()); }
    // Runs the event loop until `count` requests reached path (or any path when empty), or the
    // timeout passes. Wakes on each arrival, never polls on a fixed sleep.
    bool waitFor(int count, const QString &path = {}, int timeoutMs = 10000);
    qint64 elapsedMs() const { return m_clock.elapsed(); }
    void clear() { m_requests.clear(); }

signals:
    void received(const TestSupport::ReceivedRequest &request);

private:
    QHttpServer *m_server;
    quint16 m_port = 0;
    QList<ReceivedRequest> m_requests;
    QHash<QString, SinkResponse> m_responses;
    QHash<QString, QPair<int, SinkResponse>> m_firstResponses;
    QElapsedTimer m_clock;
};

} // namespace TestSupport
