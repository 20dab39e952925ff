// The hand-written hot-path JSON (event and attempt details) against QJsonDocument's compact
// output, on random strings, keys and header lists: the stored text must not change.

#include "core/jsontext.h"
#include "http/publishpipeline.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace Broker;

namespace {

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Random UTF-16 text: ASCII (incl. controls, quote, backslash), Latin-1, BMP, surrogate pairs
// and lone surrogates.
QString randomText(QRandomGenerator &rng, int maxLen)
{
    QString s;
    const int len = int(rng.bounded(maxLen + 1));
    for (int i = 0; i < len; ++i) {
        switch (rng.bounded(6)) {
        case 0:
            s += QChar(char16_t(rng.bounded(0x20)));
            break;
        case 1:
            s += QChar(char16_t(0x20 + rng.bounded(0x60)));
            break;
        case 2:
            s += QChar(char16_t(0x80 + rng.bounded(0x780)));
            break;
        case 3:
            s += QChar(char16_t(0x800 + rng.bounded(0xd000)));
            break;
        case 4:
            s += QChar(char16_t(0xd800 + rng.bounded(0x800))); // maybe a lone surrogate
            break;
        default:
            s += QString::fromUcs4(
                std::array<char32_t, 1>{char32_t(0x10000 + rng.bounded(0xfffff))}.data(), 1);
        }
    }
    return s;
}

QByteArray randomBytes(QRandomGenerator &rng, int maxLen, bool highBytes)
{
    QByteArray b;
    const int len = int(rng.bounded(maxLen + 1));
    for (int i = 0; i < len; ++i) {
        if (rng.bounded(4) == 0)
            b += "-\"\\\t\x01"[rng.bounded(5)];
        else
            b += char(highBytes ? rng.bounded(256) : 0x20 + rng.bounded(0x5f));
    }
    return b;
}

} // namespace

class tst_JsonText : public QObject
{
    Q_OBJECT
private slots:
    void stringsMatchQJsonDocument();
    void objectsMatchQJsonDocument();
    void headerArraysMatchQJsonDocument();
    void canonicalHeaderNames();
    void publishResponsesMatchQJsonDocument();
};

void tst_JsonText::stringsMatchQJsonDocument()
{
    QRandomGenerator rng(7);
    for (int i = 0; i < 3000; ++i) {
        const QString s = randomText(rng, 12);
        QByteArray mine = "{\"k\":";
        JsonText::appendString(mine, s);
        mine += '}';
        QCOMPARE(mine, compact(QJsonObject{{QStringLiteral("k"), s}}));

        const QByteArray latin1 = randomBytes(rng, 12, true);
        QByteArray l = "{\"k\":";
        JsonText::appendLatin1(l, latin1);
        l += '}';
        QCOMPARE(l, compact(QJsonObject{{QStringLiteral("k"), QString::fromLatin1(latin1)}}));

        const QByteArray utf8 = i % 2 ? randomBytes(rng, 12, true) : s.toUtf8();
        QByteArray u = "{\"k\":";
        JsonText::appendUtf8(u, utf8);
        u += '}';
        QCOMPARE(u, compact(QJsonObject{{QStringLiteral("k"), QString::fromUtf8(utf8)}}));
    }
    // Bytes that need no escaping (appended as they are), and the same with each kind of byte
    // that does.
    QByteArray printable;
    for (int b = 0x20; b < 0x80; ++b)
        printable += char(b);
    QByteArray plain = printable;
    plain.replace('"', QByteArray()).replace('\\', QByteArray());
    const QList<QByteArray> cases = {plain,          printable,      plain + '"',
                                     plain + '\\',   plain + '\x1f', plain + "\xc3\xa9",
                                     plain + '\x80', QByteArray()};
    for (const QByteArray &bytes : cases) {
        QByteArray l = "{\"k\":";
        JsonText::appendLatin1(l, bytes);
        l += '}';
        QCOMPARE(l, compact(QJsonObject{{QStringLiteral("k"), QString::fromLatin1(bytes)}}));
        QByteArray u = "{\"k\":";
        JsonText::appendUtf8(u, bytes);
        u += '}';
        QCOMPARE(u, compact(QJsonObject{{QStringLiteral("k"), QString::fromUtf8(bytes)}}));
    }
}

void tst_JsonText::objectsMatchQJsonDocument()
{
    QRandomGenerator rng(11);
    const QStringList fixedKeys = {
        QStringLiteral("retried"),        QStringLiteral("duration"),
        QStringLiteral("requestHeader"),  QStringLiteral("responseStatus"),
        QStringLiteral("responseHeader"), QStringLiteral("responseBody"),
        QStringLiteral("error"),          QStringLiteral("nextDeliveryTime"),
        QStringLiteral("dlqId")};
    for (int i = 0; i < 2000; ++i) {
        JsonText::Object mine;
        QJsonObject theirs;
        const int members = int(rng.bounded(10));
        for (int m = 0; m < members; ++m) {
            const QString key = rng.bounded(3) == 0 ? randomText(rng, 5)
                                                    : fixedKeys.at(rng.bounded(fixedKeys.size()));
            switch (rng.bounded(3)) {
            case 0: {
                const qint64 v =
                    qint64(rng.generate64() >> rng.bounded(64)) * (rng.bounded(2) ? 1 : -1);
                mine.set(key, v);
                theirs.insert(key, v);
                break;
            }
            case 1: {
                const int v = int(rng.generate());
                mine.set(key, v);
                theirs.insert(key, v);
                break;
            }
            default: {
                const QString v = randomText(rng, 8);
                mine.set(key, v);
                theirs.insert(key, v);
            }
            }
        }
        QCOMPARE(mine.isEmpty(), theirs.isEmpty());
        QCOMPARE(mine.toJson(), compact(theirs));
    }
}

void tst_JsonText::headerArraysMatchQJsonDocument()
{
    QRandomGenerator rng(13);
    const QList<QByteArray> names = {"content-type",
                                     "Content-Type",
                                     "UPSTASH-SIGNATURE",
                                     "x-a",
                                     "X-A-b",
                                     "user-agent",
                                     "\xe4-x",
                                     "a",
                                     "A-"};
    for (int i = 0; i < 2000; ++i) {
        HeaderList headers;
        const int n = int(rng.bounded(8));
        for (int h = 0; h < n; ++h) {
            const QByteArray name = rng.bounded(3) == 0 ? randomBytes(rng, 6, rng.bounded(2))
                                                        : names.at(rng.bounded(names.size()));
            headers.append({name, randomBytes(rng, 10, rng.bounded(2))});
        }
        QJsonObject theirs;
        for (const auto &[name, value] : headers) {
            const QString key = canonicalHeaderName(name);
            QJsonArray values = theirs.value(key).toArray();
            values.append(QString::fromUtf8(value));
            theirs.insert(key, values);
        }
        QCOMPARE(JsonText::headerArrays(headers), compact(theirs));
    }
}

void tst_JsonText::canonicalHeaderNames()
{
    // The reference: lower-case everything, then upper-case the first letter of each part.
    const auto reference = [](const QByteArray &name) {
        QString out = QString::fromLatin1(name).toLower();
        bool upper = true;
        for (QChar &c : out) {
            if (upper)
                c = c.toUpper();
            upper = (c == u'-');
        }
        return out;
    };
    QRandomGenerator rng(17);
    for (int i = 0; i < 3000; ++i) {
        QByteArray name;
        const int len = int(rng.bounded(10));
        for (int c = 0; c < len; ++c)
            name += rng.bounded(4) == 0 ? '-' : char(rng.bounded(i % 3 == 0 ? 256 : 128));
        QCOMPARE(canonicalHeaderName(name), reference(name));
    }
    QCOMPARE(canonicalHeaderName("upstash-MESSAGE-id"), QStringLiteral("Upstash-Message-Id"));
}

void tst_JsonText::publishResponsesMatchQJsonDocument()
{
    // The publish answer is written by hand: the same bytes the QJsonObject form produced.
    QRandomGenerator rng(23);
    for (int i = 0; i < 500; ++i) {
        Broker::PublishPlan plan;
        plan.group = i % 2 == 1;
        QList<Broker::DeliveryService::Accepted> accepted;
        QJsonArray elements;
        const int n = plan.group ? int(rng.bounded(4)) : (i % 10 == 0 ? 0 : 1);
        for (int k = 0; k < n; ++k) {
            Broker::Message m;
            m.url = "http://127.0.0.1:9/" + randomBytes(rng, 12, i % 3 == 0);
            plan.messages.append(m);
            Broker::DeliveryService::Accepted a;
            a.messageId = QStringLiteral("msg_") + QString::number(rng.generate());
            a.deduplicated = rng.bounded(2) == 1;
            accepted.append(a);
            QJsonObject o{{QStringLiteral("messageId"), a.messageId},
                          {QStringLiteral("url"), QString::fromUtf8(m.url)}};
            if (a.deduplicated)
                o.insert(QStringLiteral("deduplicated"), true);
            elements.append(o);
        }
        const QByteArray expected =
            plan.group ? QJsonDocument(elements).toJson(QJsonDocument::Compact)
                       : QJsonDocument(n == 0 ? QJsonObject() : elements.at(0).toObject())
                             .toJson(QJsonDocument::Compact);
        QCOMPARE(Broker::publishResponse(plan, accepted), expected);
    }
}

QTEST_GUILESS_MAIN(tst_JsonText)
#include "tst_jsontext.moc"
