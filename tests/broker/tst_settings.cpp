// localstash.ini: a missing file gives the defaults, every setting survives a save and a load,
// bad values fall back to their defaults with a warning (never a crash), the file keeps keys it
// does not know, is private to its owner, and a save that cannot write says so.

#include "core/settings.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Broker;

class tst_Settings : public QObject
{
    Q_OBJECT
private slots:
    void missingFileGivesDefaults();
    void roundTrip();
    void garbageFallsBackToDefaults_data();
    void garbageFallsBackToDefaults();
    void defaultRetriesAboveMaxIsClamped();
    void unknownKeysSurvive();
    void saveReportsErrors();
    void applyToKeepsOtherFields();
    void differencesAndLiveKeys();
    void bindAddressAndToken();

private:
    static void writeIni(const QString &path, const QList<QPair<QString, QString>> &lines)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QByteArray text;
        QString group;
        for (const auto &[key, value] : lines) {
            const QString g = key.section(u'/', 0, 0);
            if (g != group) {
                text += "[" + g.toUtf8() + "]\n";
                group = g;
            }
            text += key.section(u'/', 1).toUtf8() + "=" + value.toUtf8() + "\n";
        }
        file.write(text);
    }
};

void tst_Settings::missingFileGivesDefaults()
{
    const QTemporaryDir dir;
    QStringList warnings;
    const Settings s = Settings::loadFromDataDir(dir.path(), &warnings);
    QVERIFY(warnings.isEmpty());
    QVERIFY(s == Settings());
    const BrokerConfig defaults;
    QCOMPARE(s.config().port, quint16(8080));
    QCOMPARE(s.config().bindAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(s.config().token, DevCredentials::token());
    QCOMPARE(s.config().retentionDays, 7);
    QCOMPARE(s.config().retentionMaxMessages, qint64(1'000'000));
    QCOMPARE(s.config().synchronousFull, false);
    QCOMPARE(s.config().timeScale, 1.0);
    QCOMPARE(s.config().maxBodyBytes, defaults.maxBodyBytes);
    QCOMPARE(s.language(), QString());
    QCOMPARE(Settings::filePath(dir.path()), dir.filePath(u"localstash.ini"_s));
    QVERIFY(!QFile::exists(Settings::filePath(dir.path()))); // loading never writes
}

void tst_Settings::roundTrip()
{
    const QTemporaryDir dir;
    const QString path = Settings::filePath(dir.path() + u"/nested/data"_s);
    BrokerConfig c;
    c.bindAddress = QHostAddress(u"::1"_s);
    c.port = 9191;
    c.token = Settings::generateToken();
    c.maxBodyBytes = 5 * 1024 * 1024;
    c.maxRetries = 30;
    c.defaultRetries = 5;
    c.maxDelayMs = 7LL * 24 * 3600 * 1000;
    c.defaultTimeoutMs = 30'000;
    c.dedupWindowMs = 60'000;
    c.maxInFlightPerOrigin = 3;
    c.synchronousFull = true;
    c.timeScale = 0.01;
    c.retentionDays = 0;
    c.retentionMaxMessages = 123'456'789;
    Settings out;
    out.setConfig(c);
    out.setLanguage(u"de"_s);
    const Status saved = out.save(path);
    QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().message));
    QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
             QFileDevice::Permissions());

    QStringList warnings;
    const Settings in = Settings::load(path, &warnings);
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
    QVERIFY(in.differences(out).isEmpty());
    QCOMPARE(in.config().bindAddress, c.bindAddress);
    QCOMPARE(in.config().port, c.port);
    QCOMPARE(in.config().token, c.token);
    QCOMPARE(in.config().maxBodyBytes, c.maxBodyBytes);
    QCOMPARE(in.config().maxRetries, c.maxRetries);
    QCOMPARE(in.config().defaultRetries, c.defaultRetries);
    QCOMPARE(in.config().maxDelayMs, c.maxDelayMs);
    QCOMPARE(in.config().defaultTimeoutMs, c.defaultTimeoutMs);
    QCOMPARE(in.config().dedupWindowMs, c.dedupWindowMs);
    QCOMPARE(in.config().maxInFlightPerOrigin, c.maxInFlightPerOrigin);
    QCOMPARE(in.config().synchronousFull, true);
    QCOMPARE(in.config().timeScale, 0.01);
    QCOMPARE(in.config().retentionDays, 0);
    QCOMPARE(in.config().retentionMaxMessages, qint64(123'456'789));
    QCOMPARE(in.language(), u"de"_s);

    // Human-readable keys and values, as documented.
    const QSettings raw(path, QSettings::IniFormat);
    QCOMPARE(raw.value(u"server/port"_s).toString(), u"9191"_s);
    QCOMPARE(raw.value(u"storage/durability"_s).toString(), u"full"_s);
    QCOMPARE(raw.value(u"delivery/timeScale"_s).toString(), u"0.01"_s);
    QCOMPARE(raw.value(u"retention/days"_s).toString(), u"0"_s);
    QCOMPARE(raw.value(u"ui/language"_s).toString(), u"de"_s);
}

void tst_Settings::garbageFallsBackToDefaults_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::newRow("port text") << u"server/port"_s << u"eighty"_s;
    QTest::newRow("port too big") << u"server/port"_s << u"70000"_s;
    QTest::newRow("port negative") << u"server/port"_s << u"-1"_s;
    QTest::newRow("bind hostname") << u"server/bindAddress"_s << u"example.com"_s;
    QTest::newRow("bind empty") << u"server/bindAddress"_s << QString();
    QTest::newRow("token with space") << u"credentials/token"_s << u"two words"_s;
    QTest::newRow("token empty") << u"credentials/token"_s << QString();
    QTest::newRow("body zero") << u"limits/maxBodyBytes"_s << u"0"_s;
    QTest::newRow("body huge") << u"limits/maxBodyBytes"_s << u"99999999999999999999"_s;
    QTest::newRow("retries float") << u"limits/maxRetries"_s << u"2.5"_s;
    QTest::newRow("timeout zero") << u"limits/defaultTimeoutMs"_s << u"0"_s;
    QTest::newRow("in-flight zero") << u"limits/maxInFlightPerOrigin"_s << u"0"_s;
    QTest::newRow("durability") << u"storage/durability"_s << u"paranoid"_s;
    QTest::newRow("time scale zero") << u"delivery/timeScale"_s << u"0"_s;
    QTest::newRow("time scale nan") << u"delivery/timeScale"_s << u"nan"_s;
    QTest::newRow("time scale inf") << u"delivery/timeScale"_s << u"inf"_s;
    QTest::newRow("retention negative") << u"retention/days"_s << u"-3"_s;
    QTest::newRow("max messages text") << u"retention/maxMessages"_s << u"lots"_s;
    QTest::newRow("language") << u"ui/language"_s << u"klingon"_s;
}

void tst_Settings::garbageFallsBackToDefaults()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    const QTemporaryDir dir;
    const QString path = Settings::filePath(dir.path());
    // One good value next to the bad one: it is still read.
    writeIni(path, {{u"server/port"_s == key ? u"retention/days"_s : u"server/port"_s,
                     u"server/port"_s == key ? u"30"_s : u"9000"_s},
                    {key, value}});
    QStringList warnings;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QRegularExpression::escape(key)));
    const Settings s = Settings::load(path, &warnings);
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.constFirst().contains(key), qPrintable(warnings.constFirst()));
    if (key == u"server/port"_s)
        QCOMPARE(s.config().retentionDays, 30);
    else
        QCOMPARE(s.config().port, quint16(9000));
    // The bad setting has its default; everything else too.
    Settings expected;
    BrokerConfig c = expected.config();
    if (key == u"server/port"_s)
        c.retentionDays = 30;
    else
        c.port = 9000;
    expected.setConfig(c);
    QVERIFY(s.differences(expected).isEmpty());
}

void tst_Settings::defaultRetriesAboveMaxIsClamped()
{
    const QTemporaryDir dir;
    const QString path = Settings::filePath(dir.path());
    writeIni(path, {{u"limits/maxRetries"_s, u"2"_s}, {u"limits/defaultRetries"_s, u"5"_s}});
    QStringList warnings;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"defaultRetries"_s));
    const Settings s = Settings::load(path, &warnings);
    QCOMPARE(warnings.size(), 1);
    QCOMPARE(s.config().maxRetries, 2);
    QCOMPARE(s.config().defaultRetries, 2);
}

void tst_Settings::unknownKeysSurvive()
{
    const QTemporaryDir dir;
    const QString path = Settings::filePath(dir.path());
    writeIni(path, {{u"future/feature"_s, u"on"_s}, {u"server/port"_s, u"8181"_s}});
    Settings s = Settings::load(path);
    QCOMPARE(s.config().port, quint16(8181));
    s.setLanguage(u"en"_s);
    QVERIFY(s.save(path).ok());
    const QSettings raw(path, QSettings::IniFormat);
    QCOMPARE(raw.value(u"future/feature"_s).toString(), u"on"_s);
    QCOMPARE(raw.value(u"ui/language"_s).toString(), u"en"_s);
}

void tst_Settings::saveReportsErrors()
{
    const QTemporaryDir dir;
    // A regular file where the data directory should be: nothing can be created below it.
    const QString blocker = dir.filePath(u"not-a-dir"_s);
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const Status st = Settings().save(Settings::filePath(blocker + u"/data"_s));
    QVERIFY(!st.ok());
    QVERIFY2(st.error().message.contains(u"not-a-dir"_s), qPrintable(st.error().message));

    // A directory in place of the file itself.
    const QString path = Settings::filePath(dir.path());
    QVERIFY(QDir().mkpath(path));
    const Status st2 = Settings().save(path);
    QVERIFY(!st2.ok());
    QVERIFY2(st2.error().message.contains(u"localstash.ini"_s), qPrintable(st2.error().message));

    // An unreadable file is reported and gives the defaults.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"cannot read"_s));
    QStringList warnings;
    const Settings loaded = Settings::load(path, &warnings);
    QCOMPARE(warnings.size(), 1);
    QVERIFY(loaded == Settings());
}

void tst_Settings::applyToKeepsOtherFields()
{
    BrokerConfig target;
    target.dataDir = u"/tmp/somewhere"_s;
    target.inMemory = true;
    target.maxUrlBytes = 77;
    target.port = 1;
    BrokerConfig c;
    c.port = 4242;
    c.timeScale = 0.5;
    c.maxUrlBytes = 99; // not a setting: never copied
    Settings s;
    s.setConfig(c);
    s.applyTo(target);
    QCOMPARE(target.port, quint16(4242));
    QCOMPARE(target.timeScale, 0.5);
    QCOMPARE(target.dataDir, u"/tmp/somewhere"_s);
    QCOMPARE(target.inMemory, true);
    QCOMPARE(target.maxUrlBytes, qint64(77));
}

void tst_Settings::differencesAndLiveKeys()
{
    Settings a;
    Settings b;
    BrokerConfig c = b.config();
    c.port = 9999;
    c.timeScale = 0.1;
    b.setConfig(c);
    b.setLanguage(u"de"_s);
    QCOMPARE(a.differences(b), (QList<Settings::Key>{Settings::Key::Port, Settings::Key::TimeScale,
                                                     Settings::Key::Language}));
    QVERIFY(!Settings::isLive(Settings::Key::Port));
    QVERIFY(!Settings::isLive(Settings::Key::Token));
    QVERIFY(!Settings::isLive(Settings::Key::Language));
    QVERIFY(Settings::isLive(Settings::Key::TimeScale));
    QVERIFY(Settings::isLive(Settings::Key::Durability));
    QVERIFY(Settings::isLive(Settings::Key::RetentionDays));
    QVERIFY(Settings::isLive(Settings::Key::RetentionMaxMessages));
    // Every key has its own INI name.
    QSet<QString> names;
    for (const Settings::Key key : Settings::allKeys())
        names.insert(Settings::keyName(key));
    QCOMPARE(names.size(), Settings::allKeys().size());
}

void tst_Settings::bindAddressAndToken()
{
    QCOMPARE(Settings::parseBindAddress(u"localhost"_s), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(Settings::parseBindAddress(u" 0.0.0.0 "_s), QHostAddress(QHostAddress::AnyIPv4));
    QCOMPARE(Settings::parseBindAddress(u"::1"_s), QHostAddress(QHostAddress::LocalHostIPv6));
    QVERIFY(!Settings::parseBindAddress(u"300.1.1.1"_s));
    QVERIFY(!Settings::parseBindAddress(u"my-laptop"_s));
    QVERIFY(Settings::isValidToken(DevCredentials::token()));
    QVERIFY(!Settings::isValidToken(u"tab\there"_s));
    QVERIFY(!Settings::isValidToken(u"ümlaut"_s));
    const QString t1 = Settings::generateToken();
    const QString t2 = Settings::generateToken();
    QVERIFY(Settings::isValidToken(t1));
    QCOMPARE(QByteArray::fromBase64(t1.toLatin1()).size(), 32);
    QVERIFY(t1 != t2);
}

QTEST_GUILESS_MAIN(tst_Settings)
#include "tst_settings.moc"
