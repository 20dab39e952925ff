#pragma once
// The only owner of QNetworkAccessManager. Sends delivery attempts with an explicit redirect policy
// (redirects are answers, not followed), a per-attempt deadline, and at most N requests in flight
// per origin — the rest wait here, in order, rather than inside QNAM.

#include "core/message.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <deque>
#include <functional>
#include <map>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;
class QNetworkProxy;
class QNetworkProxyQuery;

namespace Broker {

struct DeliveryRequest
{
    QString messageId;
    int retried = 0;
    QByteArray url;
    QByteArray method;
    HeaderList headers; // everything but the signature, which is made when the request leaves
    QByteArray body;
    qint64 timeoutMs = 0;
    QString signingKey; // signs the request when it leaves; cleared then
};

struct DeliveryResult
{
    DeliveryRequest request; // as sent, signature included
    qint64 startedAt = 0;    // unix ms (IClock)
    qint64 durationMs = 0;
    int status = 0; // HTTP status, 0 when there was no response
    HeaderList responseHeaders;
    QByteArray responseBody; // capped
    QString error;           // "" on an HTTP answer
    bool timedOut = false;
    // Filled on the delivery thread as the attempt ends (Dispatcher's FinishHook), so the broker
    // thread only stores them: a successful attempt's log detail (JSON text; a failed one's is
    // extended with retry and DLQ fields on the broker thread) and the header lists as the store
    // keeps them.
    QByteArray detailJson;
    QByteArray requestHeadersJson;
    QByteArray responseHeadersJson;
    bool success() const { return status >= 200 && status < 300; }
};

class Dispatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Dispatcher)
public:
    // Called just before a request leaves: adds the signature and records the start.
    using StartHook = std::function<void(DeliveryRequest &request, qint64 &startedAt)>;
    // Called when an attempt ended, before it is reported: prepares what the log stores.
    using FinishHook = std::function<void(DeliveryResult &result)>;

    Dispatcher(int maxInFlightPerOrigin, qint64 maxRecordedBody, StartHook onStart,
               FinishHook onFinish = {}, QObject *parent = nullptr);
    ~Dispatcher() override;

    // How every delivery manager and request is set up; the benchmark's bare QNAM sender uses the
    // same, so that it measures what QNAM can do here rather than its defaults.
    static void configureManager(QNetworkAccessManager &nam);
    static void configureRequest(QNetworkRequest &request);
    // The proxy QNAM is given for a delivery: always a direct connection (see dispatcher.cpp).
    static QList<QNetworkProxy> deliveryProxies(const QNetworkProxyQuery &query);

    void send(DeliveryRequest request);
    // Drops a request still waiting for a slot. Returns false when unknown or already sent.
    bool cancelQueued(const QString &messageId);
    bool isInFlight(const QString &messageId) const;
    int inFlight() const { return int(m_replies.size()); }
    int queued() const { return m_queuedCount; }
    // Aborts everything in flight (shutdown); their results are reported as errors.
    void abortAll();

signals:
    void finished(const Broker::DeliveryResult &result);

private:
    struct InFlight
    {
        DeliveryRequest request;
        QString origin;
        qint64 startedAt = 0;
        QElapsedTimer elapsed;
        bool timedOut = false;
        std::multimap<qint64, QNetworkReply *>::iterator deadline; // end(): none
    };

    void start(DeliveryRequest request, const QString &origin);
    void handleFinished(QNetworkReply *reply);
    // Aborts every attempt past its deadline and arms the timer for the next one.
    void expireDeadlines();
    static QString originOf(const QUrl &url);
    // The parsed URL and its origin, cached: most deliveries go to a few destinations.
    const std::pair<QUrl, QString> &parsed(const QByteArray &url);

    QNetworkAccessManager *m_nam;
    int m_maxPerOrigin;
    qint64 m_maxRecordedBody;
    StartHook m_onStart;
    FinishHook m_onFinish;
    QHash<QByteArray, std::pair<QUrl, QString>> m_parsed;
    QHash<QString, std::deque<DeliveryRequest>> m_waiting;
    QHash<QString, int> m_activePerOrigin;
    QHash<QNetworkReply *, InFlight> m_replies;
    QHash<QString, QNetworkReply *> m_byMessage;
    int m_queuedCount = 0;
    // Attempt deadlines (ms on m_clock) and one timer for the earliest, rather than a QTimer per
    // request. The timer may stay armed for a deadline whose attempt already finished; it then
    // finds nothing expired and re-arms.
    std::multimap<qint64, QNetworkReply *> m_deadlines;
    QTimer *m_deadlineTimer; // a child: moves to the delivery thread with the dispatcher
    qint64 m_armedFor = 0;
    QElapsedTimer m_clock;
};

} // namespace Broker
