#include "httpsink.h"

#include <QEventLoop>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace TestSupport {

QByteArray ReceivedRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpSink::HttpSink(QObject *parent)
    : QObject(parent)
    , m_server(new QHttpServer(this))
{
    m_clock.start();
    m_server->setMissingHandler(
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            ReceivedRequest r;
            static const QByteArray names[] = {"GET",     "PUT",   "DELETE",  "POST", "HEAD",
                                               "OPTIONS", "PATCH", "CONNECT", "TRACE"};
            switch (request.method()) {
            case QHttpServerRequest::Method::Get:
                r.method = names[0];
                break;
            case QHttpServerRequest::Method::Put:
                r.method = names[1];
                break;
            case QHttpServerRequest::Method::Delete:
                r.method = names[2];
                break;
            case QHttpServerRequest::Method::Post:
                r.method = names[3];
                break;
            case QHttpServerRequest::Method::Head:
                r.method = names[4];
                break;
            case QHttpServerRequest::Method::Options:
                r.method = names[5];
                break;
            case QHttpServerRequest::Method::Patch:
                r.method = names[6];
                break;
            default:
                r.method = "OTHER";
            }
            r.path = request.url().path(QUrl::FullyEncoded);
            r.query = request.url().query(QUrl::FullyEncoded);
            r.headers = request.headers();
            r.body = request.body();
            r.receivedAtMs = m_clock.elapsed();

            SinkResponse response = m_responses.value(r.path);
            if (auto it = m_firstResponses.find(r.path);
                it != m_firstResponses.end() && it->first > 0) {
                response = it->second;
                --it->first;
            }
            m_requests.append(r);

            QPointer<QTcpSocket> socket = responder.socket();
            auto parked = std::make_shared<QHttpServerResponder>(std::move(responder));
            auto answer = [parked, socket, response] {
                if (!socket || socket->state() != QAbstractSocket::ConnectedState)
                    return;
                parked->writeStatusLine(QHttpServerResponder::StatusCode(response.status));
                for (const auto &[name, value] : response.headers)
                    parked->writeHeader(name, value);
                parked->writeHeader("Content-Length", QByteArray::number(response.body.size()));
                parked->writeBody(response.body);
            };
            if (response.delayMs > 0)
                QTimer::singleShot(response.delayMs, this, answer);
            else
                answer();
            emit received(r);
        });
}

HttpSink::~HttpSink() = default;

bool HttpSink::start()
{
    auto *tcp = new QTcpServer(m_server);
    if (!tcp->listen(QHostAddress::LocalHost, 0))
        return false;
    m_server->bind(tcp);
    m_port = tcp->serverPort();
    return true;
}

QString HttpSink::url(const QString &pathAndQuery) const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(pathAndQuery);
}

void HttpSink::respond(const QString &path, const SinkResponse &response)
{
    m_responses.insert(path, response);
}

void HttpSink::respondTimes(const QString &path, int times, const SinkResponse &first)
{
    m_firstResponses.insert(path, {times, first});
}

QList<ReceivedRequest> HttpSink::requestsTo(const QString &path) const
{
    QList<ReceivedRequest> out;
    for (const ReceivedRequest &r : m_requests) {
        if (path.isEmpty() || r.path == path)
            out.append(r);
    }
    return out;
}

bool HttpSink::waitFor(int count, const QString &path, int timeoutMs)
{
    if (countTo(path) >= count)
        return true;
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(this, &HttpSink::received, &loop, [&] {
        if (countTo(path) >= count)
            loop.quit();
    });
    timeout.start(timeoutMs);
    loop.exec();
    return countTo(path) >= count;
}

} // namespace TestSupport
