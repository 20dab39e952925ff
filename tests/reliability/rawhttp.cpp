#include "rawhttp.h"

#include <QEventLoop>
#include <QHostAddress>
#include <QTcpSocket>
#include <QTimer>

namespace Reliability {

QByteArray RawResponse::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

namespace {

// Parses what arrived so far; returns true once one full response is there.
bool parseResponse(RawResponse &r)
{
    const qsizetype end = r.raw.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QList<QByteArray> lines = r.raw.left(end).split('\n');
    const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
    r.status = statusLine.value(1).toInt();
    r.headers.clear();
    qsizetype length = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed();
        const QByteArray value = line.mid(colon + 1).trimmed();
        r.headers.append({name, value});
        if (name.compare("content-length", Qt::CaseInsensitive) == 0)
            length = value.toLongLong();
    }
    const qsizetype bodyStart = end + 4;
    if (r.raw.size() - bodyStart < length)
        return false;
    r.body = r.raw.mid(bodyStart, length);
    r.extra = r.raw.mid(bodyStart + length);
    return true;
}

} // namespace

RawResponse exchange(quint16 port, const QByteArray &request, int timeoutMs, bool waitForClose)
{
    RawResponse r;
    QTcpSocket socket;
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, [&] {
        r.timedOut = true;
        loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::connected, &loop, [&] {
        r.connected = true;
        socket.write(request);
    });
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
        r.raw += socket.readAll();
        r.complete = parseResponse(r); // re-parsed as bytes arrive; `extra` keeps growing
        if (r.complete && !waitForClose)
            loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, [&] {
        r.closedByPeer = true;
        loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop,
                     [&](QAbstractSocket::SocketError error) {
                         if (error == QAbstractSocket::RemoteHostClosedError)
                             r.closedByPeer = true;
                         if (!r.connected || error != QAbstractSocket::RemoteHostClosedError)
                             loop.quit();
                     });
    deadline.start(timeoutMs);
    socket.connectToHost(QHostAddress::LocalHost, port);
    loop.exec();
    if (socket.bytesAvailable() > 0) {
        r.raw += socket.readAll();
        r.complete = parseResponse(r);
    }
    socket.abort();
    return r;
}

QByteArray buildRequest(const QByteArray &method, const QByteArray &target,
                        const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body,
                        const QByteArray &host)
{
    QByteArray out = method + ' ' + target + " HTTP/1.1\r\n";
    if (!host.isEmpty())
        out += "Host: " + host + "\r\n";
    bool hasLength = false;
    for (const auto &[name, value] : headers) {
        out += name + ": " + value + "\r\n";
        if (name.compare("content-length", Qt::CaseInsensitive) == 0 ||
            name.compare("transfer-encoding", Qt::CaseInsensitive) == 0)
            hasLength = true;
    }
    if (!hasLength && (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH"))
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "\r\n";
    out += body;
    return out;
}

} // namespace Reliability
