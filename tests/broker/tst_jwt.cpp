// The Upstash-Signature JWT against the contract's test vector (qstash-api.md §14.3), and the
// verifier the inspector uses.

#include "signing/jwt.h"

#include "core/config.h"
#include "core/secure.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QTest>

using namespace Broker;

class tst_Jwt : public QObject
{
    Q_OBJECT
private slots:
    void signsTheContractVector();
    void bodyHashOfEmptyBody();
    void hashesAgreeWithQtsOwn();
    void verifierAcceptsOwnTokens();
    void verifierNamesTheProblem_data();
    void verifierNamesTheProblem();
    void tokenComparison_data();
    void tokenComparison();
};

void tst_Jwt::signsTheContractVector()
{
    Jwt::Claims claims;
    claims.subject = QStringLiteral("https://example.com/api");
    claims.issuedAt = 1700000000;
    claims.expiresAt = 1700000300;
    claims.notBefore = 0;
    claims.jwtId = QStringLiteral("jwt_vector1");
    claims.body = QByteArrayLiteral(R"({"hello":"world"})");
    QCOMPARE(Jwt::bodyHash(claims.body),
             QByteArrayLiteral("k6I5cakU5erL8KjSUVTNownDwccvu5kU1Hxg88toFYg="));
    const QByteArray token = Jwt::sign(QStringLiteral("sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r"), claims);
    QCOMPARE(
        token,
        QByteArrayLiteral(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
            "eyJpc3MiOiJVcHN0YXNoIiwic3ViIjoiaHR0cHM6Ly9leGFtcGxlLmNvbS9hcGkiLCJleHAiOjE3MDAwMD"
            "AzMDAsIm5iZiI6MCwiaWF0IjoxNzAwMDAwMDAwLCJqdGkiOiJqd3RfdmVjdG9yMSIsImJvZHkiOiJrNkk1"
            "Y2FrVTVlckw4S2pTVVZUTm93bkR3Y2N2dTVrVTFIeGc4OHRvRllnPSJ9."
            "50rs9B4B0uM4BcnE7IgO11q9878fYsltzMeqeCp7nJQ"));
}

void tst_Jwt::bodyHashOfEmptyBody()
{
    QCOMPARE(Jwt::bodyHash(QByteArray()),
             QByteArrayLiteral("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU="));
}

void tst_Jwt::hashesAgreeWithQtsOwn()
{
    // The build may hash with OpenSSL; Qt's implementation is the independent reference. Sizes
    // around the 64-byte block and the 55/56-byte padding edge, and a large body.
    QRandomGenerator rng(20261125);
    for (int size : {1, 55, 56, 63, 64, 65, 119, 1024, 4097, 1 << 20}) {
        QByteArray body(size, Qt::Uninitialized);
        for (char &c : body)
            c = char(rng.bounded(256));
        QCOMPARE(Jwt::bodyHash(body), QCryptographicHash::hash(body, QCryptographicHash::Sha256)
                                          .toBase64(QByteArray::Base64UrlEncoding));
    }
    // The signature is HMAC-SHA256 over "header.payload" with the key's UTF-8 bytes.
    Jwt::Claims claims;
    claims.subject = QStringLiteral("http://127.0.0.1:1/x");
    claims.issuedAt = 1;
    claims.expiresAt = 301;
    claims.jwtId = QStringLiteral("jwt_x");
    claims.body = QByteArray(3000, 'b');
    // Keys change and repeat: each token is signed with its own key, not the previous one's.
    const QString longKey(200, u'\u00e9');
    for (const QString &key : {QStringLiteral("k"), longKey, QStringLiteral("k"),
                               QStringLiteral("k"), longKey, QStringLiteral("k2")}) {
        const QByteArray token = Jwt::sign(key, claims);
        const qsizetype dot = token.lastIndexOf('.');
        const QByteArray mac = QMessageAuthenticationCode::hash(token.left(dot), key.toUtf8(),
                                                                QCryptographicHash::Sha256);
        QCOMPARE(token.mid(dot + 1),
                 mac.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    }
}

void tst_Jwt::verifierAcceptsOwnTokens()
{
    Jwt::Claims claims;
    claims.subject = QStringLiteral("http://127.0.0.1:3000/api/hook?x=1");
    claims.issuedAt = 1700000000;
    claims.expiresAt = claims.issuedAt + 300;
    claims.jwtId = QStringLiteral("jwt_a");
    claims.body = "payload";
    const QString key = QStringLiteral("sig_current");
    const QByteArray token = Jwt::sign(key, claims);
    const auto v = Jwt::verify(token, key, "payload", claims.subject, claims.issuedAt + 10);
    QVERIFY2(v.ok(), qPrintable(v.problem));
    QVERIFY(v.signatureValid && v.bodyMatches && v.subjectMatches && v.notExpired);
}

void tst_Jwt::verifierNamesTheProblem_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("url");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<QString>("problem");
    QTest::newRow("wrong key") << QStringLiteral("sig_other") << QByteArray("payload") << QString()
                               << qint64(1700000010) << QStringLiteral("signature");
    QTest::newRow("tampered body") << QStringLiteral("sig_current") << QByteArray("payload!")
                                   << QString() << qint64(1700000010) << QStringLiteral("body");
    QTest::newRow("other url") << QStringLiteral("sig_current") << QByteArray("payload")
                               << QStringLiteral("http://127.0.0.1:3000/other")
                               << qint64(1700000010) << QStringLiteral("sub");
    QTest::newRow("expired") << QStringLiteral("sig_current") << QByteArray("payload") << QString()
                             << qint64(1700000301) << QStringLiteral("expired");
}

void tst_Jwt::verifierNamesTheProblem()
{
    QFETCH(QString, key);
    QFETCH(QByteArray, body);
    QFETCH(QString, url);
    QFETCH(qint64, now);
    QFETCH(QString, problem);
    Jwt::Claims claims;
    claims.subject = QStringLiteral("http://127.0.0.1:3000/api");
    claims.issuedAt = 1700000000;
    claims.expiresAt = claims.issuedAt + 300;
    claims.jwtId = QStringLiteral("jwt_b");
    claims.body = "payload";
    const QByteArray token = Jwt::sign(QStringLiteral("sig_current"), claims);
    const auto v = Jwt::verify(token, key, body, url, now);
    QVERIFY(!v.ok());
    QVERIFY2(v.problem.contains(problem), qPrintable(v.problem));
}

void tst_Jwt::tokenComparison_data()
{
    QTest::addColumn<QByteArray>("given");
    QTest::addColumn<bool>("equal");
    const QByteArray token = Broker::DevCredentials::token().toLatin1();
    QByteArray firstDiffers = token;
    firstDiffers[0] = 'X';
    QByteArray lastDiffers = token;
    lastDiffers[lastDiffers.size() - 1] = '!';
    QTest::newRow("same") << token << true;
    QTest::newRow("first byte differs") << firstDiffers << false;
    QTest::newRow("last byte differs") << lastDiffers << false;
    QTest::newRow("prefix") << token.left(token.size() - 1) << false;
    QTest::newRow("longer") << (token + "x") << false;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("case") << token.toLower() << false;
    QTest::newRow("nul padded") << (token + QByteArray(1, '\0')) << false;
}

void tst_Jwt::tokenComparison()
{
    QFETCH(QByteArray, given);
    QFETCH(bool, equal);
    const QByteArray token = Broker::DevCredentials::token().toLatin1();
    QCOMPARE(Broker::constantTimeEquals(given, token), equal);
    QCOMPARE(Broker::constantTimeEquals(token, given), equal);        // symmetric
    QVERIFY(!Broker::constantTimeEquals(QByteArray(), QByteArray())); // no token never matches
}

QTEST_APPLESS_MAIN(tst_Jwt)
#include "tst_jwt.moc"
