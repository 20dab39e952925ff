#pragma once
// The rows of the bad-input matrix (tst_badinput): each malformed request with the status and the
// error substring it must get.

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace Reliability {

using RawHeaders = QList<QPair<QByteArray, QByteArray>>;

enum class Expect {
    Json,      // a complete 4xx response with {"error": "...<substring>..."}
    JsonClose, // the same, and the server closes the connection afterwards
    NoHttp,    // not HTTP at all: no 2xx/5xx answer; the connection is closed or ignored
};

struct Row
{
    Row(QByteArray name_, QByteArray method_, QByteArray target_, RawHeaders headers_,
        QByteArray body_, bool auth_, int status_, QString error_, Expect expect_ = Expect::Json,
        QByteArray raw_ = {})
        : name(std::move(name_))
        , method(std::move(method_))
        , target(std::move(target_))
        , headers(std::move(headers_))
        , body(std::move(body_))
        , auth(auth_)
        , status(status_)
        , error(std::move(error_))
        , expect(expect_)
        , raw(std::move(raw_))
    {}

    QByteArray name;
    QByteArray method;
    QByteArray target;
    RawHeaders headers;
    QByteArray body;
    bool auth = true; // add a valid bearer token
    int status = 400;
    QString error;
    Expect expect = Expect::Json;
    QByteArray raw; // sent verbatim instead of a built request when set
};

struct RowContext
{
    QByteArray sinkUrl; // an http://127.0.0.1:<port>/bad destination that must never be called
    QByteArray token;
};

// Needs, on the broker: URL group g1, queue q1, schedule s1 and a known flow-control key fk.
QList<Row> badInputRows(const RowContext &ctx);

} // namespace Reliability
