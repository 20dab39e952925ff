#include "apirequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Broker {

QByteArray ApiRequest::header(QByteArrayView name) const
{
    QByteArray out;
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            if (!out.isEmpty())
                out += ", ";
            out += value;
        }
    }
    return out;
}

bool ApiRequest::hasHeader(QByteArrayView name) const
{
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString ApiRequest::queryValue(const QString &key) const
{
    for (const auto &[k, v] : query) {
        if (k == key)
            return v;
    }
    return {};
}

QStringList ApiRequest::queryValues(const QString &key) const
{
    QStringList out;
    for (const auto &[k, v] : query) {
        if (k == key)
            out.append(v);
    }
    return out;
}

Reply::~Reply()
{
    // 6.4's responder never answers on its own: a dropped reply would hang the client forever.
    if (!m_sent)
        error(ApiError{ErrorCode::Internal, QStringLiteral("request was not answered")});
}

void Reply::raw(int status, const QByteArray &contentType, const QByteArray &body, bool closeAfter)
{
    if (m_sent)
        return;
    m_sent = true;
    m_writer(status, contentType, body, closeAfter);
}

void Reply::jsonBytes(int status, const QByteArray &json)
{
    raw(status, QByteArrayLiteral("application/json"), json);
}

void Reply::json(int status, const QJsonValue &value)
{
    QByteArray bytes;
    if (value.isArray())
        bytes = QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    else
        bytes = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    jsonBytes(status, bytes);
}

void Reply::error(const ApiError &error)
{
    jsonBytes(httpStatusFor(error.code), errorJson(error.message));
}

void Reply::empty(int status)
{
    raw(status, QByteArrayLiteral("text/plain"), QByteArray());
}

// The one error → status map.
int httpStatusFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadRequest:
        return 400;
    case ErrorCode::Unauthorized:
        return 401;
    case ErrorCode::NotFound:
        return 404;
    case ErrorCode::MethodNotAllowed:
        return 405;
    case ErrorCode::PayloadTooLarge:
        return 413;
    case ErrorCode::HeadersTooLarge:
        return 431;
    case ErrorCode::QuotaExceeded:
        return 412;
    case ErrorCode::StorageFailed:
        return 500;
    case ErrorCode::Internal:
        return 500;
    }
    return 500;
}

Result<QStringList> explicitIds(const ApiRequest &request, const QString &key, bool *named)
{
    QStringList ids;
    const QStringList fromQuery = request.queryValues(key);
    *named = !fromQuery.isEmpty();
    for (const QString &v : fromQuery) {
        for (const QString &id : v.split(u',', Qt::SkipEmptyParts)) {
            if (!id.trimmed().isEmpty())
                ids.append(id.trimmed());
        }
    }
    const ApiError malformed = badRequest(
        QStringLiteral("%1 must be a non-empty list of ids (send neither ids nor filters to "
                       "select everything)")
            .arg(key));
    if (!request.body.trimmed().isEmpty()) {
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject())
            return badRequest(QStringLiteral("invalid JSON body: %1").arg(err.errorString()));
        if (doc.object().contains(key)) {
            *named = true;
            const QJsonValue list = doc.object().value(key);
            if (!list.isArray())
                return malformed;
            for (const QJsonValue &v : list.toArray()) {
                if (!v.isString() || v.toString().isEmpty())
                    return malformed;
                ids.append(v.toString());
            }
        }
    }
    if (*named && ids.isEmpty())
        return malformed;
    return ids;
}

QByteArray errorJson(const QString &message)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), message}})
        .toJson(QJsonDocument::Compact);
}

} // namespace Broker
