#include "dispatcher.h"

#include "core/logging.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

namespace Broker {

Dispatcher::Dispatcher(int maxInFlightPerOrigin, qint64 maxRecordedBody, StartHook onStart,
                       QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
    , m_maxPerOrigin(std::max(1, maxInFlightPerOrigin))
    , m_maxRecordedBody(maxRecordedBody)
    , m_onStart(std::move(onStart))
{
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    // Delivery goes to the user's own endpoints; a system proxy would break localhost targets.
    m_nam->setProxy(QNetworkProxy::NoProxy);
    connect(m_nam, &QNetworkAccessManager::finished, this, &Dispatcher::handleFinished);
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
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::ManualRedirectPolicy);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
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
    m_byMessage.insert(flight.request.messageId, reply);
    const qint64 timeout = flight.request.timeoutMs;
    m_replies.insert(reply, std::move(flight));
    ++m_activePerOrigin[origin];

    if (timeout > 0) {
        auto *timer = new QTimer(reply);
        timer->setSingleShot(true);
        timer->setTimerType(Qt::PreciseTimer);
        connect(timer, &QTimer::timeout, this, [this, reply] {
            auto it = m_replies.find(reply);
            if (it == m_replies.end())
                return;
            it->timedOut = true;
            reply->abort();
        });
        timer->start(int(std::min<qint64>(timeout, std::numeric_limits<int>::max())));
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
    emit finished(result);
}

void Dispatcher::abortAll()
{
    const auto replies = m_replies.keys();
    for (QNetworkReply *reply : replies)
        reply->abort();
}

} // namespace Broker
