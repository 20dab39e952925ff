#pragma once
// A request as the API routes see it (copied out of QHttpServerRequest, which 6.4 reuses per
// connection), and the Reply that answers it later. Routes never see QHttpServer types: a port to
// a newer Qt touches HttpIngress alone.

#include "core/message.h"
#include "core/result.h"

#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>

#include <functional>
#include <memory>

namespace Broker {

using QueryList = QList<QPair<QString, QString>>;

struct ApiRequest
{
    QByteArray method; // upper case
    QString path;      // fully encoded
    QString rawQuery;  // fully encoded, without '?'
    QueryList query;   // decoded pairs, in order
    HeaderList headers;
    QByteArray body;
    QString remoteIp;
    QStringList params; // captured `:name` segments, decoded
    QString rest;       // the raw remainder matched by a trailing `*`

    // Case-insensitive; repeated headers joined with ", " like QHttpServerRequest::value().
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    QString queryValue(const QString &key) const;
    QStringList queryValues(const QString &key) const;
};

class Reply
{
    Q_DISABLE_COPY_MOVE(Reply)
public:
    using Writer = std::function<void(int status, const QByteArray &contentType,
                                      const QByteArray &body, bool closeAfter)>;
    explicit Reply(Writer writer)
        : m_writer(std::move(writer))
    {}
    ~Reply();

    void json(int status, const QJsonValue &value);
    void jsonBytes(int status, const QByteArray &json);
    void error(const ApiError &error);
    void empty(int status = 200);
    void raw(int status, const QByteArray &contentType, const QByteArray &body,
             bool closeAfter = false);
    bool sent() const { return m_sent; }

private:
    Writer m_writer;
    bool m_sent = false;
};

using ReplyPtr = std::shared_ptr<Reply>;
using Handler = std::function<void(ApiRequest &request, const ReplyPtr &reply)>;

int httpStatusFor(ErrorCode code);
QByteArray errorJson(const QString &message);

// Ids a bulk call names explicitly: query `key` (repeated or comma-separated) and/or a JSON body
// {"<key>": ["id", ...]}. Empty when the request names none. Naming the key with no ids, or with
// anything but strings, is an error: a malformed selection must never widen to "everything".
Result<QStringList> explicitIds(const ApiRequest &request, const QString &key, bool *named);

} // namespace Broker
