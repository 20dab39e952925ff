#pragma once
// The only user of QHttpServer. Every request arrives through one handler (6.4's router matches on
// the decoded path and cannot see a destination's own query), goes through our router with
// case-insensitive fixed segments, the API guard (limits, Host check, token) and then a route.
// Answers may come later: the responder is parked with a guard on its socket, because 6.4's
// responder holds a raw QTcpSocket that dies when the client leaves.

#include "apirequest.h"
#include "core/config.h"

#include <QObject>

#include <vector>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace Broker {

class HttpIngress final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpIngress)
public:
    explicit HttpIngress(const BrokerConfig &config, QObject *parent = nullptr);
    ~HttpIngress() override;

    // pattern: "/v2/messages/:id", "/v2/publish/*" (the rest, raw). Fixed words match
    // case-insensitively; routes are tried in registration order.
    void route(const QByteArray &method, const QString &pattern, Handler handler,
               bool requiresAuth = true);

    // Returns the bound port, or an error saying why not (e.g. address in use).
    Result<quint16> listen(const QHostAddress &address, quint16 port);
    void close();
    quint16 port() const { return m_port; }

    void setToken(const QString &token) { m_token = token.toUtf8(); }

    // Runs an API request in-process, as the dashboard's actions do: the same routes and
    // validation as over HTTP, without the network, the token or the Host check.
    void call(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
              const HeaderList &headers,
              std::function<void(int status, const QByteArray &body)> done);
    quint64 requestsServed() const { return m_requests; }

private:
    struct Route
    {
        QByteArray method;
        QStringList segments; // "v2", ":id", "*"
        Handler handler;
        bool requiresAuth;
    };

    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void dispatch(ApiRequest &request, const ReplyPtr &reply, bool trusted);
    bool matches(const Route &route, const QStringList &segments, ApiRequest &out) const;
    bool authorized(const ApiRequest &request) const;
    bool hostAllowed(const ApiRequest &request) const;

    BrokerConfig m_config;
    QHttpServer *m_server;
    std::vector<Route> m_routes;
    QByteArray m_token;
    quint16 m_port = 0;
    quint64 m_requests = 0;
};

} // namespace Broker
