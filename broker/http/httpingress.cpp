#include "httpingress.h"

#include "core/logging.h"
#include "core/secure.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

namespace Broker {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

QString decodeComponent(QString text)
{
    text.replace(u'+', u' ');
    return QUrl::fromPercentEncoding(text.toUtf8());
}

QueryList parseQuery(const QString &raw)
{
    QueryList out;
    if (raw.isEmpty())
        return out;
    for (const QString &part : raw.split(u'&', Qt::SkipEmptyParts)) {
        const qsizetype eq = part.indexOf(u'=');
        if (eq < 0)
            out.append({decodeComponent(part), QString()});
        else
            out.append({decodeComponent(part.left(eq)), decodeComponent(part.mid(eq + 1))});
    }
    return out;
}

bool isLoopbackHostName(QString host)
{
    host = host.toLower();
    if (host.endsWith(u'.'))
        host.chop(1);
    if (host == QStringLiteral("localhost") || host.endsWith(QStringLiteral(".localhost")))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

HttpIngress::HttpIngress(const BrokerConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_server(new QHttpServer(this))
{
    m_token = config.token.toUtf8();
    m_server->setMissingHandler(
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            handle(request, std::move(responder));
        });
}

HttpIngress::~HttpIngress() = default;

void HttpIngress::route(const QByteArray &method, const QString &pattern, Handler handler,
                        bool requiresAuth)
{
    Route r;
    r.method = method;
    r.segments = pattern.split(u'/', Qt::SkipEmptyParts);
    r.handler = std::move(handler);
    r.requiresAuth = requiresAuth;
    m_routes.push_back(std::move(r));
}

Result<quint16> HttpIngress::listen(const QHostAddress &address, quint16 port)
{
    auto *tcp = new QTcpServer(m_server);
    if (!tcp->listen(address, port)) {
        const QString why = tcp->errorString();
        const bool inUse = tcp->serverError() == QAbstractSocket::AddressInUseError;
        delete tcp;
        return ApiError{ErrorCode::Internal, inUse
                                                 ? QStringLiteral("port %1 on %2 is already in use")
                                                       .arg(port)
                                                       .arg(address.toString())
                                                 : QStringLiteral("cannot listen on %1:%2: %3")
                                                       .arg(address.toString())
                                                       .arg(port)
                                                       .arg(why)};
    }
    m_server->bind(tcp);
    m_port = tcp->serverPort();
    return m_port;
}

void HttpIngress::close()
{
    for (QTcpServer *server : m_server->servers())
        server->close();
}

bool HttpIngress::matches(const Route &route, const QStringList &segments, ApiRequest &out) const
{
    QStringList params;
    for (qsizetype i = 0; i < route.segments.size(); ++i) {
        const QString &want = route.segments[i];
        if (want == QStringLiteral("*")) {
            if (i >= segments.size())
                return false;
            out.params = params;
            out.rest = segments.mid(i).join(u'/');
            return true;
        }
        if (i >= segments.size())
            return false;
        if (want.startsWith(u':')) {
            const QString value = QUrl::fromPercentEncoding(segments[i].toUtf8());
            if (value.isEmpty())
                return false;
            params.append(value);
        } else if (want.compare(segments[i], Qt::CaseInsensitive) != 0) {
            return false;
        }
    }
    if (segments.size() != route.segments.size())
        return false;
    out.params = params;
    out.rest.clear();
    return true;
}

bool HttpIngress::authorized(const ApiRequest &request) const
{
    const QByteArray auth = request.header("authorization");
    if (auth.size() > 7 && auth.first(7).compare("bearer ", Qt::CaseInsensitive) == 0)
        return constantTimeEquals(auth.mid(7).trimmed(), m_token);
    const QString queryToken = request.queryValue(QStringLiteral("qstash_token"));
    if (!queryToken.isEmpty())
        return constantTimeEquals(queryToken.toUtf8(), m_token);
    return false;
}

bool HttpIngress::hostAllowed(const ApiRequest &request) const
{
    if (!m_config.checkHostHeader || !m_config.bindAddress.isLoopback())
        return true;
    const QByteArray hostHeader = request.header("host");
    if (hostHeader.isEmpty())
        return true; // no Host, no rebinding: browsers always send one
    QString host = QString::fromLatin1(hostHeader).trimmed();
    if (host.startsWith(u'[')) {
        host = host.mid(1, host.indexOf(u']') - 1);
    } else {
        const qsizetype colon = host.lastIndexOf(u':');
        if (colon >= 0)
            host.truncate(colon);
    }
    return isLoopbackHostName(host);
}

void HttpIngress::handle(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    ++m_requests;
    QPointer<QTcpSocket> socket = responder.socket();
    // A connection we are closing (the 431 below) can still hold buffered bytes, which 6.4 goes
    // on to parse as more requests: a header flood would smuggle its body in as a request. Never
    // act on those; nobody could receive the answer anyway.
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    auto parked = std::make_shared<QHttpServerResponder>(std::move(responder));
    auto reply = std::make_shared<Reply>([parked, socket](int status, const QByteArray &contentType,
                                                          const QByteArray &body, bool closeAfter) {
        if (!socket || socket->state() != QAbstractSocket::ConnectedState)
            return; // the client left; writing now would touch a deleted socket
        parked->writeStatusLine(QHttpServerResponder::StatusCode(status));
        if (!contentType.isEmpty())
            parked->writeHeader(QByteArrayLiteral("Content-Type"), contentType);
        parked->writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(body.size()));
        if (closeAfter)
            parked->writeHeader(QByteArrayLiteral("Connection"), QByteArrayLiteral("close"));
        parked->writeBody(body);
        if (closeAfter)
            socket->disconnectFromHost();
    });

    // 6.4 drops every header past 100 fields (or after a huge line) and then parses the body as
    // a new request; a real HTTP/1.1 request always has Host, so no headers means exactly that.
    if (request.headers().isEmpty()) {
        reply->raw(431, QByteArrayLiteral("application/json"),
                   errorJson(QStringLiteral("request header fields too large or too many "
                                            "(at most 100 header fields)")),
                   true);
        return;
    }

    ApiRequest r;
    r.method = methodName(request.method());
    const QUrl url = request.url();
    r.path = url.path(QUrl::FullyEncoded);
    r.rawQuery = url.query(QUrl::FullyEncoded);
    if (r.path.size() + r.rawQuery.size() > m_config.maxUrlBytes) {
        reply->error(ApiError{ErrorCode::BadRequest,
                              QStringLiteral("request URL too long (%1 bytes, at most %2)")
                                  .arg(r.path.size() + r.rawQuery.size())
                                  .arg(m_config.maxUrlBytes)});
        return;
    }
    r.query = parseQuery(r.rawQuery);
    r.headers = request.headers();
    r.body = request.body();
    QHostAddress remote = request.remoteAddress();
    bool isV4 = false;
    const quint32 v4 = remote.toIPv4Address(&isV4);
    r.remoteIp = isV4 ? QHostAddress(v4).toString() : remote.toString();

    if (!hostAllowed(r)) {
        reply->error(ApiError{ErrorCode::BadRequest,
                              QStringLiteral("Host header %1 is not a loopback name; LocalStash "
                                             "refuses it (DNS rebinding guard). Bind to another "
                                             "address explicitly to allow it.")
                                  .arg(QString::fromLatin1(r.header("host")))});
        return;
    }

    dispatch(r, reply, false);
}

void HttpIngress::dispatch(ApiRequest &r, const ReplyPtr &reply, bool trusted)
{
    QStringList segments = r.path.split(u'/', Qt::KeepEmptyParts);
    if (!segments.isEmpty() && segments.constFirst().isEmpty())
        segments.removeFirst();
    bool pathMatched = false;
    for (const Route &route : m_routes) {
        ApiRequest probe;
        if (!matches(route, segments, probe))
            continue;
        pathMatched = true;
        if (route.method != r.method)
            continue;
        r.params = probe.params;
        r.rest = probe.rest;
        if (!trusted && route.requiresAuth && !authorized(r)) {
            reply->error(ApiError{ErrorCode::Unauthorized,
                                  QStringLiteral("Unauthorized: missing or invalid token "
                                                 "(Authorization: Bearer <QSTASH_TOKEN>)")});
            return;
        }
        if (r.body.size() > m_config.maxBodyBytes) {
            reply->error(ApiError{ErrorCode::PayloadTooLarge,
                                  QStringLiteral("message body too large: %1 bytes, the limit "
                                                 "is %2 bytes")
                                      .arg(r.body.size())
                                      .arg(m_config.maxBodyBytes)});
            return;
        }
        qCDebug(lcHttp) << r.method << r.path;
        route.handler(r, reply);
        return;
    }
    if (pathMatched) {
        reply->error(
            ApiError{ErrorCode::MethodNotAllowed, QStringLiteral("method %1 not allowed on %2")
                                                      .arg(QString::fromLatin1(r.method), r.path)});
        return;
    }
    reply->error(
        notFound(QStringLiteral("not found: %1 %2").arg(QString::fromLatin1(r.method), r.path)));
}

void HttpIngress::call(const QByteArray &method, const QString &pathAndQuery,
                       const QByteArray &body, const HeaderList &headers,
                       std::function<void(int, const QByteArray &)> done)
{
    ApiRequest r;
    r.method = method.toUpper();
    const qsizetype q = pathAndQuery.indexOf(u'?');
    const QUrl url = QUrl::fromEncoded(
        (QStringLiteral("http://localstash") + pathAndQuery.left(q < 0 ? pathAndQuery.size() : q))
            .toUtf8());
    r.path = url.path(QUrl::FullyEncoded);
    r.rawQuery = q < 0 ? QString() : pathAndQuery.mid(q + 1);
    r.query = parseQuery(r.rawQuery);
    r.headers = headers;
    r.body = body;
    r.remoteIp = QStringLiteral("127.0.0.1");
    auto reply = std::make_shared<Reply>(
        [done = std::move(done)](int status, const QByteArray &, const QByteArray &out, bool) {
            if (done)
                done(status, out);
        });
    dispatch(r, reply, true);
}

} // namespace Broker
