#pragma once
// The `Upstash-Signature` JWT (qstash-api.md §14): HS256 over base64url header and claims, keyed
// with the signing key's UTF-8 bytes; `body` = base64url(SHA-256(exact body bytes)) with padding.
// Verification is here too: the inspector explains why a receiver would reject a token.

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace Broker::Jwt {

struct Claims
{
    QString subject;     // the URL being called
    qint64 issuedAt = 0; // unix seconds
    qint64 expiresAt = 0;
    qint64 notBefore = 0;
    QString jwtId;
    QByteArray body; // the exact bytes delivered
};

QByteArray bodyHash(const QByteArray &body);
QByteArray sign(const QString &key, const Claims &claims);

struct Verdict
{
    bool signatureValid = false; // HMAC matches the given key
    bool issuerValid = false;
    bool bodyMatches = false;
    bool subjectMatches = false;
    bool notExpired = false;
    QJsonObject header;
    QJsonObject claims;
    QString problem; // first failing check, human readable; empty when all pass
    bool ok() const { return problem.isEmpty(); }
};

// Checks a token the way the official Receiver does: signature, iss == "Upstash", exp/nbf
// against nowSecs (with toleranceSecs), body hash (padding ignored), and `sub` when url is given.
Verdict verify(const QByteArray &token, const QString &key, const QByteArray &body,
               const QString &url, qint64 nowSecs, qint64 toleranceSecs = 0);

} // namespace Broker::Jwt
