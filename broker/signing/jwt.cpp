#include "jwt.h"

#include "core/jsontext.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

namespace Broker::Jwt {

namespace {

QByteArray b64url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray hmac(const QString &key, const QByteArray &data)
{
    return QMessageAuthenticationCode::hash(data, key.toUtf8(), QCryptographicHash::Sha256);
}

QByteArray stripPadding(QByteArray value)
{
    while (value.endsWith('='))
        value.chop(1);
    return value;
}

} // namespace

QByteArray bodyHash(const QByteArray &body)
{
    return QCryptographicHash::hash(body, QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding);
}

QByteArray sign(const QString &key, const Claims &claims)
{
    static const QByteArray header = b64url(QByteArrayLiteral(R"({"alg":"HS256","typ":"JWT"})"));
    // Built by hand to keep the documented key order (iss, sub, exp, nbf, iat, jti, body).
    QByteArray payload;
    payload.reserve(256 + claims.subject.size());
    payload += R"({"iss":"Upstash","sub":)";
    JsonText::appendString(payload, claims.subject); // escaped as QJsonDocument escapes it
    payload += R"(,"exp":)" + QByteArray::number(claims.expiresAt);
    payload += R"(,"nbf":)" + QByteArray::number(claims.notBefore);
    payload += R"(,"iat":)" + QByteArray::number(claims.issuedAt);
    payload += R"(,"jti":")" + claims.jwtId.toLatin1() + '"';
    payload += R"(,"body":")" + bodyHash(claims.body) + R"("})";
    const QByteArray signingInput = header + '.' + b64url(payload);
    return signingInput + '.' + b64url(hmac(key, signingInput));
}

Verdict verify(const QByteArray &token, const QString &key, const QByteArray &body,
               const QString &url, qint64 nowSecs, qint64 toleranceSecs)
{
    Verdict v;
    const QList<QByteArray> parts = token.trimmed().split('.');
    if (parts.size() != 3) {
        v.problem = QStringLiteral("not a JWT (expected three dot-separated parts)");
        return v;
    }
    const auto decode = [](const QByteArray &part) {
        return QByteArray::fromBase64(part, QByteArray::Base64UrlEncoding);
    };
    v.header = QJsonDocument::fromJson(decode(parts[0])).object();
    v.claims = QJsonDocument::fromJson(decode(parts[1])).object();
    const QByteArray expected = b64url(hmac(key, parts[0] + '.' + parts[1]));
    v.signatureValid = (expected == parts[2]);
    v.issuerValid = v.claims.value(QStringLiteral("iss")).toString() == QStringLiteral("Upstash");
    const QByteArray claimedBody = v.claims.value(QStringLiteral("body")).toString().toLatin1();
    v.bodyMatches = stripPadding(claimedBody) == stripPadding(bodyHash(body));
    const QString sub = v.claims.value(QStringLiteral("sub")).toString();
    v.subjectMatches = url.isEmpty() || sub == url;
    const qint64 exp = qint64(v.claims.value(QStringLiteral("exp")).toDouble());
    const qint64 nbf = qint64(v.claims.value(QStringLiteral("nbf")).toDouble());
    v.notExpired = nowSecs <= exp + toleranceSecs && nowSecs + toleranceSecs >= nbf;

    if (v.header.value(QStringLiteral("alg")).toString() != QStringLiteral("HS256"))
        v.problem = QStringLiteral("algorithm is not HS256");
    else if (!v.signatureValid)
        v.problem = QStringLiteral("signature does not match this signing key");
    else if (!v.issuerValid)
        v.problem = QStringLiteral("issuer is not \"Upstash\"");
    else if (!v.notExpired)
        v.problem = QStringLiteral("token expired or not yet valid (exp %1, nbf %2, now %3)")
                        .arg(exp)
                        .arg(nbf)
                        .arg(nowSecs);
    else if (!v.bodyMatches)
        v.problem = QStringLiteral("body hash differs: the body was changed or re-serialised");
    else if (!v.subjectMatches)
        v.problem = QStringLiteral("sub is %1, not %2").arg(sub, url);
    return v;
}

} // namespace Broker::Jwt
