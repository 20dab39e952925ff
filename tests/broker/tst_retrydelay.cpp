// Retry timing: the Upstash-Retry-Delay evaluator, the default backoff and retry hints in
// response headers.

#include "delivery/backoff.h"
#include "delivery/retryafter.h"
#include "delivery/retrydelay.h"

#include <QDateTime>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Broker;

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

class tst_RetryDelay : public QObject
{
    Q_OBJECT

private slots:
    void evaluate_data();
    void evaluate();
    void parseErrors_data();
    void parseErrors();
    void nestingLimit();
    void keepsText();
    void backoff_data();
    void backoff();
    void retryAfter_data();
    void retryAfter();
    void httpDate_data();
    void httpDate();
};

void tst_RetryDelay::evaluate_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<int>("retried");
    QTest::addColumn<qint64>("expectedMs");

    const auto row = [](const char *tag, const QString &expr, int retried, qint64 ms) {
        QTest::addRow("%s [retried=%d]", tag, retried) << expr << retried << ms;
    };

    row("constant", u"1000"_s, 0, 1000);
    row("constant", u"1000"_s, 7, 1000);
    row("decimal", u"1.5 * 1000"_s, 0, 1500);
    row("linear", u"1000 * retried"_s, 0, 0);
    row("linear", u"1000 * retried"_s, 1, 1000);
    row("linear", u"1000 * retried"_s, 5, 5000);
    row("parens", u"1000 * (1 + retried)"_s, 0, 1000);
    row("parens", u"1000 * (1 + retried)"_s, 2, 3000);
    row("exponential", u"pow(2, retried) * 1000"_s, 0, 1000);
    row("exponential", u"pow(2, retried) * 1000"_s, 3, 8000);
    row("exponential", u"pow(2, retried) * 1000"_s, 10, 1'024'000);
    row("capped", u"min(1000 * pow(2, retried), 60000)"_s, 0, 1000);
    row("capped", u"min(1000 * pow(2, retried), 60000)"_s, 5, 32000);
    row("capped", u"min(1000 * pow(2, retried), 60000)"_s, 6, 60000);
    row("capped", u"min(1000 * pow(2, retried), 60000)"_s, 30, 60000);
    row("max", u"max(100, 50)"_s, 0, 100);
    row("min variadic", u"min(300, 200, 100, 400)"_s, 0, 100);
    row("max variadic", u"max(1, retried, 3)"_s, 9, 9);
    row("sqrt", u"sqrt(16)"_s, 0, 4);
    row("abs", u"abs(-5)"_s, 0, 5);
    row("exp", u"exp(0)"_s, 0, 1);
    row("floor", u"floor(1.7)"_s, 0, 1);
    row("ceil", u"ceil(1.2)"_s, 0, 2);
    row("round half", u"round(2.5)"_s, 0, 3);
    row("round down", u"round(2.4)"_s, 0, 2);
    row("unary minus", u"-(-1000)"_s, 0, 1000);
    row("unary minus chain", u"---1000 + 3000"_s, 0, 2000);
    row("unary minus operand", u"2000 - -1000"_s, 0, 3000);
    row("unary minus var", u"-retried * -1000"_s, 4, 4000);
    row("precedence mul", u"1 + 2 * 3"_s, 0, 7);
    row("precedence div", u"100 - 20 / 4"_s, 0, 95);
    row("left assoc sub", u"100 - 20 - 30"_s, 0, 50);
    row("left assoc div", u"1000 / 10 / 2"_s, 0, 50);
    row("nested parens", u"((1 + 2) * (3 + (4 * (5 - 1))))"_s, 0, 57);
    row("nested functions", u"max(abs(-3), min(sqrt(100), floor(retried * 2.5)))"_s, 3, 7);
    row("whitespace", u" \t1000\n*\r( retried+1 ) "_s, 1, 2000);
    row("no whitespace", u"1000*(retried+1)"_s, 1, 2000);
    row("fraction rounds", u"1 / 3 * 1000"_s, 0, 333);
    row("fraction rounds up", u"2 / 3 * 1000"_s, 0, 667);

    // Clamping: nothing escapes [0, 1 day], NaN becomes 0.
    row("div by zero", u"1/0"_s, 0, 86'400'000);
    row("negative div by zero", u"-1/0"_s, 0, 0);
    row("negative", u"-1000"_s, 0, 0);
    row("huge pow", u"pow(10, 400)"_s, 0, 86'400'000);
    row("just over a day", u"86400001"_s, 0, 86'400'000);
    row("exactly a day", u"86400000"_s, 0, 86'400'000);
    row("nan", u"0/0"_s, 0, 0);
    row("nan sqrt", u"sqrt(-1)"_s, 0, 0);
    row("nan in min", u"min(0/0, 5)"_s, 0, 0);
    row("nan in max", u"max(5, 0/0)"_s, 0, 0);
    row("inf minus inf", u"exp(1000) - exp(1000)"_s, 0, 0);
    row("exp overflow", u"exp(retried)"_s, 100000, 86'400'000);
    row("negative retried", u"1000 * retried"_s, -3, 0);
    row("int max retried", u"pow(2, retried)"_s, 2'147'483'647, 86'400'000);
}

void tst_RetryDelay::evaluate()
{
    QFETCH(QString, expression);
    QFETCH(int, retried);
    QFETCH(qint64, expectedMs);

    const auto parsed = RetryDelayExpression::parse(expression);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed->evaluateMs(retried), expectedMs);
}

void tst_RetryDelay::parseErrors_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<int>("position"); // -1: not checked
    QTest::addColumn<QString>("reason");

    QTest::newRow("empty") << QString() << 0 << u"empty"_s;
    QTest::newRow("blank") << u"   "_s << 3 << u"empty"_s;
    QTest::newRow("dangling operator") << u"retried +"_s << 9 << u"end of input"_s;
    QTest::newRow("unknown function") << u"foo(1)"_s << 0 << u"unknown name 'foo'"_s;
    QTest::newRow("wrong case") << u"Pow(2, 1)"_s << 0 << u"unknown name 'Pow'"_s;
    QTest::newRow("wrong case var") << u"Retried"_s << 0 << u"unknown name"_s;
    QTest::newRow("pow one arg") << u"pow(1)"_s << 0 << u"'pow' takes 2"_s;
    QTest::newRow("pow three args") << u"pow(1, 2, 3)"_s << 0 << u"'pow' takes 2"_s;
    QTest::newRow("sqrt two args") << u"1 + sqrt(1, 2)"_s << 4 << u"'sqrt' takes 1"_s;
    QTest::newRow("min one arg") << u"min(1)"_s << 0 << u"at least 2"_s;
    QTest::newRow("empty call") << u"abs()"_s << 4 << u"found character ')'"_s;
    QTest::newRow("function without call") << u"sqrt + 1"_s << 5 << u"expected '('"_s;
    QTest::newRow("double operator") << u"1 +* 2"_s << 3 << u"character '*'"_s;
    QTest::newRow("unclosed paren") << u"(1"_s << 2 << u"expected ')'"_s;
    QTest::newRow("extra close paren") << u"1)"_s << 1 << u"unbalanced ')'"_s;
    QTest::newRow("unknown variable") << u"retriedx"_s << 0 << u"unknown name 'retriedx'"_s;
    QTest::newRow("call on variable") << u"retried(1)"_s << 7 << u"character '('"_s;
    QTest::newRow("trailing garbage") << u"1000 abc"_s << 5 << u"character 'a'"_s;
    QTest::newRow("two numbers") << u"1 2"_s << 2 << u"character '2'"_s;
    QTest::newRow("trailing comma") << u"max(1, 2,)"_s << 9 << u"character ')'"_s;
    QTest::newRow("number dot") << u"1."_s << 2 << u"malformed number"_s;
    QTest::newRow("leading dot") << u".5"_s << 0 << u"character '.'"_s;
    QTest::newRow("exponent") << u"1e3"_s << 1 << u"character 'e'"_s;
    QTest::newRow("unary plus") << u"+1"_s << 0 << u"character '+'"_s;
    QTest::newRow("power operator") << u"2 ^ 3"_s << 2 << u"character '^'"_s;
    QTest::newRow("modulo") << u"5 % 2"_s << 2 << u"character '%'"_s;
    QTest::newRow("js injection") << u"process.exit()"_s << 0 << u"unknown name"_s;
    QTest::newRow("non-ascii digit") << u"\u0661"_s << 0 << u"U+0661"_s;
    QTest::newRow("control char") << u"1 +\u0001"_s << 3 << u"U+0001"_s;
    QTest::newRow("nul") << QString(QChar(0)) << 0 << u"U+0000"_s;
    QTest::newRow("too long") << u"1+"_s.repeated(200) + u'1' << 256 << u"longer than 256"_s;
    QTest::newRow("1000 deep parens") << QString(1000, u'(') << 256 << u"longer than 256"_s;
    QTest::newRow("1000 deep balanced")
        << QString(1000, u'(') + u'1' + QString(1000, u')') << 256 << u"longer than 256"_s;
    QTest::newRow("33 deep parens")
        << QString(33, u'(') + u'1' + QString(33, u')') << 32 << u"nesting deeper than 32"_s;
    QTest::newRow("33 deep functions")
        << u"abs("_s.repeated(33) + u'1' + QString(33, u')') << 128 << u"nesting deeper than 32"_s;
    QTest::newRow("many minus") << QString(255, u'-') << 255 << u"end of input"_s;
}

void tst_RetryDelay::parseErrors()
{
    QFETCH(QString, expression);
    QFETCH(int, position);
    QFETCH(QString, reason);

    const auto parsed = RetryDelayExpression::parse(expression);
    QVERIFY(!parsed.ok());
    const QString message = parsed.error().message;
    QCOMPARE(parsed.error().code, ErrorCode::BadRequest);
    QVERIFY2(message.startsWith(u"invalid retry delay expression: "_s), qPrintable(message));
    QVERIFY2(message.contains(reason), qPrintable(message));
    if (position >= 0)
        QVERIFY2(message.endsWith(u" at position "_s + QString::number(position)),
                 qPrintable(message));
}

void tst_RetryDelay::nestingLimit()
{
    // Exactly at the limit still parses; one more level is an error (covered in parseErrors).
    const QString deep = QString(32, u'(') + u"retried"_s + QString(32, u')');
    const auto parsed = RetryDelayExpression::parse(deep);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed->evaluateMs(42), 42);

    // 256 characters exactly is allowed.
    const QString longest = u"1+"_s.repeated(127) + u"10"_s;
    QCOMPARE(longest.size(), 256);
    const auto longParsed = RetryDelayExpression::parse(longest);
    QVERIFY(longParsed.ok());
    QCOMPARE(longParsed->evaluateMs(0), 137);

    // Long unary-minus chains are a loop, not recursion, so they count as nothing.
    const auto minus = RetryDelayExpression::parse(QString(200, u'-') + u"5"_s);
    QVERIFY(minus.ok());
    QCOMPARE(minus->evaluateMs(0), 5);
}

void tst_RetryDelay::keepsText()
{
    const QString text = u" pow(2, retried) * 1000 "_s;
    const auto parsed = RetryDelayExpression::parse(text);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->text(), text);
    const RetryDelayExpression copy = *parsed; // value type: copies keep working
    QCOMPARE(copy.evaluateMs(2), 4000);
}

void tst_RetryDelay::backoff_data()
{
    QTest::addColumn<int>("retryNumber");
    QTest::addColumn<qint64>("expectedMs");

    QTest::newRow("first (12 s)") << 1 << qint64(12'182);
    QTest::newRow("second (2 min 28 s)") << 2 << qint64(148'413);
    QTest::newRow("third (30 min 8 s)") << 3 << qint64(1'808'042);
    QTest::newRow("fourth (6 h 7 m 6 s)") << 4 << qint64(22'026'466);
    QTest::newRow("fifth (1 day cap)") << 5 << qint64(86'400'000);
    QTest::newRow("tenth") << 10 << qint64(86'400'000);
    QTest::newRow("int max") << 2'147'483'647 << qint64(86'400'000);
    QTest::newRow("zero treated as first") << 0 << qint64(12'182);
    QTest::newRow("negative treated as first") << -5 << qint64(12'182);
}

void tst_RetryDelay::backoff()
{
    QFETCH(int, retryNumber);
    QFETCH(qint64, expectedMs);

    const qint64 actual = Backoff::defaultDelayMs(retryNumber);
    QVERIFY2(qAbs(actual - expectedMs) <= 1,
             qPrintable(u"got %1, expected %2"_s.arg(actual).arg(expectedMs)));
}

void tst_RetryDelay::retryAfter_data()
{
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<qint64>("nowMs");
    QTest::addColumn<qint64>("expectedMs"); // -1: nullopt

    // 2015-10-21 07:28:00 UTC, computed independently of the code under test.
    const qint64 dateMs =
        QDateTime(QDate(2015, 10, 21), QTime(7, 28, 0), Qt::UTC).toMSecsSinceEpoch();
    const qint64 now = dateMs - 90'000; // 90 s before that date
    const QByteArray imfDate = "Wed, 21 Oct 2015 07:28:00 GMT";
    const qint64 none = -1;
    const auto h = [](const char *name, const QByteArray &value) {
        return QPair<QByteArray, QByteArray>(QByteArray(name), value);
    };
    // A unix timestamp 30 s after `now`, in whole seconds.
    const QByteArray tsIn30s = QByteArray::number((now + 30'000) / 1000);

    QTest::newRow("no headers") << HeaderList{} << now << none;
    QTest::newRow("unrelated headers")
        << HeaderList{h("Content-Type", "text/plain"), h("X-RateLimit-Limit", "100")} << now
        << none;

    // Retry-After, every format.
    QTest::newRow("retry-after seconds")
        << HeaderList{h("Retry-After", "120")} << now << qint64(120'000);
    QTest::newRow("retry-after decimal")
        << HeaderList{h("Retry-After", "1.5")} << now << qint64(1500);
    QTest::newRow("retry-after padded")
        << HeaderList{h("Retry-After", "  7 ")} << now << qint64(7000);
    QTest::newRow("retry-after zero") << HeaderList{h("Retry-After", "0")} << now << qint64(0);
    QTest::newRow("retry-after date")
        << HeaderList{h("Retry-After", imfDate)} << now << qint64(90'000);
    QTest::newRow("retry-after date now")
        << HeaderList{h("Retry-After", imfDate)} << dateMs << qint64(0);
    QTest::newRow("retry-after date past")
        << HeaderList{h("Retry-After", imfDate)} << dateMs + 1 << none;
    QTest::newRow("retry-after date > 1 day")
        << HeaderList{h("Retry-After", imfDate)} << dateMs - 86'400'001 << none;
    QTest::newRow("retry-after rfc850 date")
        << HeaderList{h("Retry-After", "Wednesday, 21-Oct-15 07:28:00 GMT")} << now
        << qint64(90'000);
    QTest::newRow("retry-after asctime date")
        << HeaderList{h("Retry-After", "Wed Oct 21 07:28:00 2015")} << now << qint64(90'000);
    QTest::newRow("retry-after go duration")
        << HeaderList{h("Retry-After", "6m5s")} << now << qint64(365'000);
    QTest::newRow("retry-after ms") << HeaderList{h("Retry-After", "300ms")} << now << qint64(300);
    QTest::newRow("retry-after hour")
        << HeaderList{h("Retry-After", "1h")} << now << qint64(3'600'000);
    QTest::newRow("retry-after fractional s")
        << HeaderList{h("Retry-After", "1.5s")} << now << qint64(1500);
    QTest::newRow("retry-after us") << HeaderList{h("Retry-After", "2500us")} << now << qint64(3);
    QTest::newRow("retry-after micro sign")
        << HeaderList{h("Retry-After", QByteArray("1500\xc2\xb5s"))} << now << qint64(2);
    QTest::newRow("retry-after ns")
        << HeaderList{h("Retry-After", "2000000ns")} << now << qint64(2);
    QTest::newRow("retry-after exactly a day")
        << HeaderList{h("Retry-After", "86400")} << now << qint64(86'400'000);
    QTest::newRow("retry-after > 1 day") << HeaderList{h("Retry-After", "86401")} << now << none;
    QTest::newRow("retry-after duration > 1 day")
        << HeaderList{h("Retry-After", "24h1s")} << now << none;
    QTest::newRow("retry-after timestamp is not special")
        << HeaderList{h("Retry-After", tsIn30s)} << now << none;
    QTest::newRow("retry-after negative") << HeaderList{h("Retry-After", "-5")} << now << none;
    QTest::newRow("retry-after garbage") << HeaderList{h("Retry-After", "soon")} << now << none;
    QTest::newRow("retry-after empty") << HeaderList{h("Retry-After", "")} << now << none;
    QTest::newRow("retry-after hex") << HeaderList{h("Retry-After", "0x10")} << now << none;
    QTest::newRow("retry-after exponent") << HeaderList{h("Retry-After", "1e3")} << now << none;
    QTest::newRow("retry-after huge number")
        << HeaderList{h("Retry-After", QByteArray(400, '9'))} << now << none;
    QTest::newRow("retry-after bad date")
        << HeaderList{h("Retry-After", "Wed, 32 Oct 2015 07:28:00 GMT")} << now << none;
    QTest::newRow("retry-after bad time")
        << HeaderList{h("Retry-After", "Wed, 21 Oct 2015 24:28:00 GMT")} << now << none;
    QTest::newRow("retry-after date without GMT")
        << HeaderList{h("Retry-After", "Wed, 21 Oct 2015 07:28:00 PST")} << now << none;

    // Case-insensitive names.
    QTest::newRow("lowercase name") << HeaderList{h("retry-after", "3")} << now << qint64(3000);
    QTest::newRow("uppercase name") << HeaderList{h("RETRY-AFTER", "3")} << now << qint64(3000);
    QTest::newRow("mixed case reset")
        << HeaderList{h("x-ratelimit-RESET", "4")} << now << qint64(4000);

    // X-RateLimit-Reset: seconds or a unix timestamp.
    QTest::newRow("reset seconds")
        << HeaderList{h("X-RateLimit-Reset", "60")} << now << qint64(60'000);
    QTest::newRow("reset zero") << HeaderList{h("X-RateLimit-Reset", "0")} << now << qint64(0);
    QTest::newRow("reset unix timestamp")
        << HeaderList{h("X-RateLimit-Reset", tsIn30s)} << now << qint64(30'000);
    QTest::newRow("reset unix timestamp decimal")
        << HeaderList{h("X-RateLimit-Reset", QByteArray::number(now / 1000 + 2) + ".5")}
        << (now / 1000) * 1000 << qint64(2500);
    QTest::newRow("reset timestamp past")
        << HeaderList{h("X-RateLimit-Reset", QByteArray::number(now / 1000 - 10))} << now << none;
    QTest::newRow("reset timestamp > 1 day")
        << HeaderList{h("X-RateLimit-Reset", QByteArray::number(now / 1000 + 86'401))} << now
        << none;
    QTest::newRow("reset between a day and 1e9")
        << HeaderList{h("X-RateLimit-Reset", "500000000")} << now << none;
    QTest::newRow("reset duration")
        << HeaderList{h("X-RateLimit-Reset", "1m")} << now << qint64(60'000);
    QTest::newRow("reset date") << HeaderList{h("X-RateLimit-Reset", imfDate)} << now
                                << qint64(90'000);

    // The -Requests / -Tokens variants (OpenAI style durations).
    QTest::newRow("reset-requests")
        << HeaderList{h("X-RateLimit-Reset-Requests", "6m0s")} << now << qint64(360'000);
    QTest::newRow("reset-tokens") << HeaderList{h("X-RateLimit-Reset-Tokens", "250ms")} << now
                                  << qint64(250);
    QTest::newRow("reset-tokens seconds")
        << HeaderList{h("x-ratelimit-reset-tokens", "2")} << now << qint64(2000);
    QTest::newRow("reset-requests timestamp is not special")
        << HeaderList{h("X-RateLimit-Reset-Requests", tsIn30s)} << now << none;

    // Priority: Retry-After, then X-RateLimit-Reset, -Requests, -Tokens, regardless of order.
    QTest::newRow("priority retry-after first")
        << HeaderList{h("X-RateLimit-Reset-Tokens", "4"), h("X-RateLimit-Reset-Requests", "3"),
                      h("X-RateLimit-Reset", "2"), h("Retry-After", "1")}
        << now << qint64(1000);
    QTest::newRow("priority reset second")
        << HeaderList{h("X-RateLimit-Reset-Tokens", "4"), h("X-RateLimit-Reset-Requests", "3"),
                      h("X-RateLimit-Reset", "2")}
        << now << qint64(2000);
    QTest::newRow("priority requests before tokens")
        << HeaderList{h("X-RateLimit-Reset-Tokens", "4"), h("X-RateLimit-Reset-Requests", "3")}
        << now << qint64(3000);
    QTest::newRow("garbage falls through")
        << HeaderList{h("Retry-After", "later"), h("X-RateLimit-Reset", "2")} << now
        << qint64(2000);
    QTest::newRow("too long falls through")
        << HeaderList{h("Retry-After", "172800"), h("X-RateLimit-Reset-Tokens", "5s")} << now
        << qint64(5000);
    QTest::newRow("duplicate header, first usable wins")
        << HeaderList{h("Retry-After", "nope"), h("Retry-After", "8"), h("Retry-After", "9")} << now
        << qint64(8000);
    QTest::newRow("all garbage") << HeaderList{h("Retry-After", "x"), h("X-RateLimit-Reset", "-1"),
                                               h("X-RateLimit-Reset-Requests", "1y"),
                                               h("X-RateLimit-Reset-Tokens", "")}
                                 << now << none;
    QTest::newRow("extreme now") << HeaderList{h("Retry-After", imfDate),
                                               h("X-RateLimit-Reset", tsIn30s)}
                                 << std::numeric_limits<qint64>::min() << none;
}

void tst_RetryDelay::retryAfter()
{
    QFETCH(HeaderList, headers);
    QFETCH(qint64, nowMs);
    QFETCH(qint64, expectedMs);

    const std::optional<qint64> actual = RetryAfter::delayMs(headers, nowMs);
    if (expectedMs < 0) {
        QVERIFY2(!actual, qPrintable(u"unexpected %1 ms"_s.arg(actual.value_or(0))));
    } else {
        QVERIFY(actual.has_value());
        QCOMPARE(*actual, expectedMs);
    }
}

void tst_RetryDelay::httpDate_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QDateTime>("expected"); // invalid: not a date

    const QDateTime rfcExample(QDate(1994, 11, 6), QTime(8, 49, 37), Qt::UTC);
    QTest::newRow("imf-fixdate") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << rfcExample;
    QTest::newRow("rfc850") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << rfcExample;
    QTest::newRow("asctime") << QByteArray("Sun Nov  6 08:49:37 1994") << rfcExample;
    QTest::newRow("leap day") << QByteArray("Thu, 29 Feb 2024 00:00:00 GMT")
                              << QDateTime(QDate(2024, 2, 29), QTime(0, 0), Qt::UTC);
    QTest::newRow("not a leap day") << QByteArray("Thu, 29 Feb 2023 00:00:00 GMT") << QDateTime();
    QTest::newRow("bad month") << QByteArray("Sun, 06 Foo 1994 08:49:37 GMT") << QDateTime();
    QTest::newRow("lowercase month") << QByteArray("Sun, 06 nov 1994 08:49:37 GMT") << QDateTime();
    QTest::newRow("bad weekday") << QByteArray("Xyz, 06 Nov 1994 08:49:37 GMT") << QDateTime();
    QTest::newRow("signed day") << QByteArray("Sun, +6 Nov 1994 08:49:37 GMT") << QDateTime();
    QTest::newRow("short time") << QByteArray("Sun, 06 Nov 1994 8:49:37 GMT") << QDateTime();
    QTest::newRow("number") << QByteArray("1994") << QDateTime();
    QTest::newRow("empty") << QByteArray() << QDateTime();
}

void tst_RetryDelay::httpDate()
{
    QFETCH(QByteArray, value);
    QFETCH(QDateTime, expected);

    const auto actual = RetryAfter::parseHttpDateMs(value);
    if (!expected.isValid()) {
        QVERIFY(!actual);
    } else {
        QVERIFY(actual.has_value());
        QCOMPARE(*actual, expected.toMSecsSinceEpoch());
    }
}

QTEST_APPLESS_MAIN(tst_RetryDelay)
#include "tst_retrydelay.moc"
