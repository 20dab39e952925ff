#include "apiclient.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTimer>

namespace TestSupport {

QJsonArray ApiResponse::jsonArray() const
{
    return QJsonDocument::fromJson(body).array();
}

QByteArray ApiResponse::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

ApiClient::ApiClient(QString baseUrl, QString token)
    : m_base(std::move(baseUrl))
    , m_token(std::move(token))
{
    m_nam.setProxy(QNetworkProxy::NoProxy);
}

ApiResponse ApiClient::send(const QByteArray &method, const QString &path, const QByteArray &body,
                            const Headers &headers, int timeoutMs)
{
    QNetworkRequest request(QUrl::fromEncoded((m_base + path).toUtf8()));
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timeout.start(timeoutMs);
    if (!reply->isFinished())
        loop.exec();
    ApiResponse r;
    if (!reply->isFinished()) {
        r.error = QStringLiteral("timeout");
        reply->abort();
    }
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    for (const auto &pair : reply->rawHeaderPairs())
        r.headers.append(pair);
    r.body = reply->readAll();
    if (r.status == 0)
        r.error = reply->errorString();
    reply->deleteLater();
    return r;
}

} // namespace TestSupport
