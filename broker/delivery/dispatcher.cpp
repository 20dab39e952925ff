#include "dispatcher.h"

#include "core/logging.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

namespace Broker {

namespace {

// Deliveries always go straight to the destination, never through a proxy: a system or
// application proxy would break localhost targets, and QStash does not proxy either.
//
// Qt 6.4's HTTP channel opens an unbuffered socket when every proxy it was given is NoProxy, and
// then reads the status line and each header one byte per read() system call (about 150 calls
// per answer, counted with strace). Given DefaultProxy as the "transparent" proxy, it opens a
// buffered socket instead, which reads the answer in one call. The socket resolves DefaultProxy
// through the application's proxy settings, so DefaultProxy is only handed out while those say
// "no proxy" for the destination (LocalStash never sets any); otherwise NoProxy keeps the
// delivery direct, on the slower socket.
class DirectProxyFactory final : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        return Dispatcher::deliveryProxies(query);
    }
};

} // namespace

Dispatcher::Dispatcher(int maxInFlightPerOrigin, qint64 maxRecordedBody, StartHook onStart,
                       FinishHook onFinish, QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
    , m_maxPerOrigin(std::max(1, maxInFlightPerOrigin))
    , m_maxRecordedBody(maxRecordedBody)
    , m_onStart(std::move(onStart))
    , m_onFinish(std::move(onFinish))
    , m_deadlineTimer(new QTimer(this))
{
    configureManager(*m_nam);
    connect(m_nam, &QNetworkAccessManager::finished, this, &Dispatcher::handleFinished);
    m_clock.start();
    m_deadlineTimer->setSingleShot(true);
    m_deadlineTimer->setTimerType(Qt::PreciseTimer);
    connect(m_deadlineTimer, &QTimer::timeout, this, &Dispatcher::expireDeadlines);
}

void Dispatcher::configureManager(QNetworkAccessManager &nam)
{
    nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    // Direct, and on QNAM's buffered socket where that is safe (see DirectProxyFactory).
    nam.setProxyFactory(new DirectProxyFactory); // owned by the manager
}

QList<QNetworkProxy> Dispatcher::deliveryProxies(const QNetworkProxyQuery &query)
{
    // (Qt itself answers "no proxy" for loopback destinations whatever the settings.)
    const QList<QNetworkProxy> application = QNetworkProxyFactory::proxyForQuery(query);
    const bool direct =
        application.isEmpty() ||
        (application.size() == 1 && application.first().type() == QNetworkProxy::NoProxy);
    return {QNetworkProxy(direct ? QNetworkProxy::DefaultProxy : QNetworkProxy::NoProxy)};
}

void Dispatcher::configureRequest(QNetworkRequest &req)
{
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::ManualRedirectPolicy);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    // QStash keeps no cookies: a Set-Cookie in one answer must not come back on the next attempt.
    req.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
}

Dispatcher::~Dispatcher()
{
    // Replies are children of the manager; make sure none reports into a half-destroyed object.
    disconnect(m_nam, nullptr, this, nullptr);
}

const std::pair<QUrl, QString> &Dispatcher::parsed(const QByteArray &url)
{
    auto it = m_parsed.find(url);
    if (it == m_parsed.end()) {
        if (m_parsed.size() >= 1024)
            m_parsed.clear(); // bounded: many distinct URLs just parse each time, as before
        QUrl u = QUrl::fromEncoded(url);
        QString origin = originOf(u);
        it = m_parsed.insert(url, {std::move(u), std::move(origin)});
    }
    return it.value();
}

QString Dispatcher::originOf(const QUrl &u)
{
    return u.scheme() + QStringLiteral("://") + u.host() + u':' +
           QString::number(u.port(u.scheme() == QStringLiteral("https") ? 443 : 80));
}

void Dispatcher::send(DeliveryRequest request)
{
    const QString origin = parsed(request.url).second;
    int &active = m_activePerOrigin[origin];
    if (active < m_maxPerOrigin) {
        start(std::move(request), origin);
        return;
    }
    m_waiting[origin].push_back(std::move(request));
    ++m_queuedCount;
}

bool Dispatcher::cancelQueued(const QString &messageId)
{
    for (auto it = m_waiting.begin(); it != m_waiting.end(); ++it) {
        auto &queue = it.value();
        for (auto q = queue.begin(); q != queue.end(); ++q) {
            if (q->messageId == messageId) {
                queue.erase(q);
                --m_queuedCount;
                return true;
            }
        }
    }
    return false;
}

bool Dispatcher::isInFlight(const QString &messageId) const
{
    return m_byMessage.contains(messageId);
}

void Dispatcher::start(DeliveryRequest request, const QString &origin)
{
    qint64 startedAt = 0;
    if (m_onStart)
        m_onStart(request, startedAt);

    QNetworkRequest req(parsed(request.url).first);
    configureRequest(req);
    for (const auto &[name, value] : request.headers)
        req.setRawHeader(name, value);

    QNetworkReply *reply = nullptr;
    const bool withBody = !request.body.isEmpty() || request.method != "GET";
    if (withBody)
        reply = m_nam->sendCustomRequest(req, request.method, request.body);
    else
        reply = m_nam->sendCustomRequest(req, request.method);

    InFlight flight;
    flight.request = std::move(request);
    flight.origin = origin;
    flight.startedAt = startedAt;
    flight.elapsed.start();
    flight.deadline = m_deadlines.end();
    const qint64 timeout = flight.request.timeoutMs;
    if (timeout > 0) {
        const qint64 due = m_clock.elapsed() + timeout;
        flight.deadline = m_deadlines.emplace(due, reply);
        if (!m_deadlineTimer->isActive() || due < m_armedFor) {
            m_armedFor = due;
            m_deadlineTimer->start(int(std::min<qint64>(timeout, std::numeric_limits<int>::max())));
        }
    }
    m_byMessage.insert(flight.request.messageId, reply);
    m_replies.insert(reply, std::move(flight));
    ++m_activePerOrigin[origin];
}

void Dispatcher::expireDeadlines()
{
    const qint64 now = m_clock.elapsed();
    // Aborting finishes the reply synchronously, which erases its deadline: take the expired
    // ones out first.
    std::vector<QNetworkReply *> expired;
    for (auto it = m_deadlines.begin(); it != m_deadlines.end() && it->first <= now;) {
        auto flight = m_replies.find(it->second);
        if (flight != m_replies.end()) {
            flight->timedOut = true;
            flight->deadline = m_deadlines.end();
            expired.push_back(it->second);
        }
        it = m_deadlines.erase(it);
    }
    for (QNetworkReply *reply : expired) {
        if (m_replies.contains(reply))
            reply->abort();
    }
    if (!m_deadlines.empty()) {
        m_armedFor = m_deadlines.begin()->first;
        m_deadlineTimer->start(
            int(std::min<qint64>(m_armedFor - now, std::numeric_limits<int>::max())));
    }
}

void Dispatcher::handleFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    auto it = m_replies.find(reply);
    if (it == m_replies.end())
        return;
    InFlight flight = std::move(it.value());
    m_replies.erase(it);
    if (flight.deadline != m_deadlines.end())
        m_deadlines.erase(flight.deadline);
    m_byMessage.remove(flight.request.messageId);

    DeliveryResult result;
    result.durationMs = flight.elapsed.elapsed();
    result.startedAt = flight.startedAt;
    result.timedOut = flight.timedOut;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    result.status = status.isValid() ? status.toInt() : 0;
    if (flight.timedOut) {
        result.status = 0;
        result.error = QStringLiteral("timeout: no complete response within %1 ms")
                           .arg(flight.request.timeoutMs);
    } else if (result.status == 0) {
        result.error = reply->errorString();
    }
    if (result.status > 0) {
        for (const auto &pair : reply->rawHeaderPairs())
            result.responseHeaders.append(pair);
        result.responseBody = reply->read(m_maxRecordedBody);
    }
    result.request = std::move(flight.request);

    const QString origin = flight.origin;
    int &active = m_activePerOrigin[origin];
    --active;
    auto waiting = m_waiting.find(origin);
    if (waiting != m_waiting.end() && !waiting->empty() && active < m_maxPerOrigin) {
        DeliveryRequest next = std::move(waiting->front());
        waiting->pop_front();
        --m_queuedCount;
        if (waiting->empty())
            m_waiting.erase(waiting);
        start(std::move(next), origin);
    } else if (active <= 0) {
        m_activePerOrigin.remove(origin);
    }
    if (m_onFinish)
        m_onFinish(result);
    emit finished(result);
}

void Dispatcher::abortAll()
{
    const auto replies = m_replies.keys();
    for (QNetworkReply *reply : replies)
        reply->abort();
}

} // namespace Broker
