#pragma once
// A small synchronous HTTP client for tests: sends one request with QNAM and runs the event loop
// until the answer arrives (the broker and the sink keep working meanwhile).

#include "httpsink.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>

namespace TestSupport {

struct ApiResponse
{
    int status = 0;
    Headers headers;
    QByteArray body;
    QString error;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray jsonArray() const;
    QByteArray header(QByteArrayView name) const;
};

class ApiClient final
{
    Q_DISABLE_COPY_MOVE(ApiClient)
public:
    explicit ApiClient(QString baseUrl, QString token = QString());
    void setToken(const QString &token) { m_token = token; }

    // path is appended to the base URL verbatim (already encoded).
    ApiResponse send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                     const Headers &headers = {}, int timeoutMs = 10000);
    ApiResponse get(const QString &path) { return send("GET", path); }
    ApiResponse publish(const QString &destination, const QByteArray &body = {},
                        const Headers &headers = {})
    {
        return send("POST", QStringLiteral("/v2/publish/") + destination, body, headers);
    }

private:
    QNetworkAccessManager m_nam;
    QString m_base;
    QString m_token;
};

} // namespace TestSupport
