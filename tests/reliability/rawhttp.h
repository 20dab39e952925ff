#pragma once
// A raw HTTP/1.1 exchange over QTcpSocket for requests QNAM refuses to send (invalid UTF-8 in the
// target, broken percent-encoding, hundreds of headers, no Host, garbage request lines). Runs the
// event loop while it waits, so an in-process broker keeps working.

#include <QByteArray>
#include <QList>
#include <QPair>

namespace Reliability {

struct RawResponse
{
    bool connected = false;
    bool complete = false;     // a full response (status line, headers, Content-Length body)
    bool closedByPeer = false; // the server closed the connection
    bool timedOut = false;
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray raw;   // everything received
    QByteArray extra; // bytes after the first complete response (should stay empty)

    QByteArray header(QByteArrayView name) const;
};

// Sends `request` verbatim to 127.0.0.1:port and reads one response. When `waitForClose` is set,
// keeps reading after the response until the server closes or the timeout passes.
RawResponse exchange(quint16 port, const QByteArray &request, int timeoutMs = 10000,
                     bool waitForClose = false);

// Builds a request: the request line, then `Host` (unless `host` is empty), the given headers,
// `Content-Length` when there is a body (or `forceLength`), and the body.
QByteArray buildRequest(const QByteArray &method, const QByteArray &target,
                        const QList<QPair<QByteArray, QByteArray>> &headers,
                        const QByteArray &body = {}, const QByteArray &host = "127.0.0.1");

} // namespace Reliability
