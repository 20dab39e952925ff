// The Settings page against a real broker: live settings (time scale, retention, durability)
// reach the running broker and localstash.ini at once; restart settings (port…) are saved, marked
// "Takes effect after restart" and leave the running broker alone; rotating the keys (after the
// confirmation) changes them in the broker; invalid input disables Apply with a message; Revert
// goes back to the file; the token can be generated, revealed and reset; command-line overrides
// are named; Ctrl+7 and Ctrl+, open the page and a live time scale reaches the status bar; the
// German translation covers the page (and its screenshot is saved).

#include "core/settings.h"
#include "mainwindow.h"
#include "pages/settingspage.h"
#include "uitestsupport.h"
#include "widgets/bulkoperation.h"
#include "widgets/messagebar.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QToolButton>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace Dashboard;

class tst_SettingsPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void showsTheSavedSettings();
    void liveSettingsReachTheBroker();
    void portTakesEffectAfterRestart();
    void rotateKeys();
    void invalidInputDisablesApply();
    void revertRestores();
    void tokenActions();
    void commandLineOverridesAreNamed();
    void badFileIsReported();
    void withoutBroker();
    void inTheMainWindow();
    void germanTranslation();

private:
    template<typename T>
    T *child(SettingsPage &page, const QString &name)
    {
        auto *w = page.findChild<T *>(name);
        if (!w)
            qFatal("no child %s", qPrintable(name));
        return w;
    }
    bool applyAndWait(SettingsPage &page)
    {
        std::optional<bool> ok;
        page.apply([&ok](bool result) { ok = result; });
        return QTest::qWaitFor([&ok] { return ok.has_value(); }, 10000) && *ok;
    }
    QString iniValue(const QString &key) const
    {
        const QSettings ini(Broker::Settings::filePath(m_fx->broker->dataDir()),
                            QSettings::IniFormat);
        return ini.value(key).toString();
    }

    std::unique_ptr<UiTest::Fixture> m_fx;
};

void tst_SettingsPage::initTestCase()
{
    // The main window keeps its geometry in QSettings: not in the user's own.
    QStandardPaths::setTestModeEnabled(true);
}

void tst_SettingsPage::init()
{
    Confirm::setNextAnswer(std::nullopt);
    m_fx = std::make_unique<UiTest::Fixture>();
    QVERIFY(m_fx->start());
}

void tst_SettingsPage::cleanup()
{
    Confirm::setNextAnswer(std::nullopt);
    m_fx.reset();
}

void tst_SettingsPage::showsTheSavedSettings()
{
    // Written before the page opens: the page shows the file, not the running broker.
    Broker::Settings saved;
    Broker::BrokerConfig c = saved.config();
    c.port = 9123;
    c.maxDelayMs = 3LL * 24 * 3600 * 1000;
    c.retentionDays = 14;
    saved.setConfig(c);
    saved.setLanguage(u"de"_s);
    QVERIFY(saved.save(Broker::Settings::filePath(m_fx->broker->dataDir())).ok());

    SettingsPage page(m_fx->client.get());
    QCOMPARE(page.settingsPath(), Broker::Settings::filePath(m_fx->broker->dataDir()));
    QVERIFY(child<QLabel>(page, u"settingsPathLabel"_s)->text().contains(u"localstash.ini"_s));
    QCOMPARE(child<QSpinBox>(page, u"portSpinBox"_s)->value(), 9123);
    QCOMPARE(child<QLineEdit>(page, u"maxDelayEdit"_s)->text(), u"3d"_s);
    QCOMPARE(child<QLineEdit>(page, u"defaultTimeoutEdit"_s)->text(), u"15m"_s);
    QCOMPARE(child<QSpinBox>(page, u"retentionDaysSpinBox"_s)->value(), 14);
    QCOMPARE(child<QSpinBox>(page, u"maxBodySpinBox"_s)->value(), 1024);
    QCOMPARE(child<QComboBox>(page, u"languageComboBox"_s)->currentData().toString(), u"de"_s);
    QCOMPARE(child<QLineEdit>(page, u"currentSigningKeyEdit"_s)->text(),
             m_fx->client->signingKeys().current);
    QVERIFY(!page.isModified());
    QVERIFY(!child<QPushButton>(page, u"applyButton"_s)->isEnabled());
    QVERIFY(!child<QPushButton>(page, u"revertButton"_s)->isEnabled());
}

void tst_SettingsPage::liveSettingsReachTheBroker()
{
    SettingsPage page(m_fx->client.get());
    page.show();
    QSignalSpy applied(&page, &SettingsPage::runtimeSettingsApplied);
    const quint16 port = m_fx->broker->service().port();

    child<QDoubleSpinBox>(page, u"timeScaleSpinBox"_s)->setValue(0.01);
    QVERIFY(child<QLabel>(page, u"timeScaleHint"_s)->text().contains(u"120ms"_s));
    child<QSpinBox>(page, u"retentionDaysSpinBox"_s)->setValue(3);
    child<QSpinBox>(page, u"retentionMaxMessagesSpinBox"_s)->setValue(500);
    child<QRadioButton>(page, u"durabilityFullRadio"_s)->setChecked(true);
    QVERIFY(page.isModified());
    auto *apply = child<QPushButton>(page, u"applyButton"_s);
    QVERIFY(apply->isEnabled());
    QTest::mouseClick(apply, Qt::LeftButton);
    QTRY_COMPARE(applied.count(), 1);

    const Broker::BrokerConfig &running = m_fx->broker->service().config();
    QCOMPARE(running.timeScale, 0.01);
    QCOMPARE(running.retentionDays, 3);
    QCOMPARE(running.retentionMaxMessages, qint64(500));
    QCOMPARE(running.synchronousFull, true);
    QCOMPARE(m_fx->client->config().timeScale, 0.01);
    QCOMPARE(m_fx->broker->service().port(), port);

    QCOMPARE(iniValue(u"delivery/timeScale"_s), u"0.01"_s);
    QCOMPARE(iniValue(u"retention/days"_s), u"3"_s);
    QCOMPARE(iniValue(u"retention/maxMessages"_s), u"500"_s);
    QCOMPARE(iniValue(u"storage/durability"_s), u"full"_s);
    QCOMPARE(page.messageBar()->kind(), MessageBar::Success);
    // Nothing waits for a restart.
    QVERIFY(!child<QWidget>(page, u"restartNotice"_s)->isVisibleTo(&page));
    QVERIFY(!page.isModified());
    QVERIFY(!apply->isEnabled());
}

void tst_SettingsPage::portTakesEffectAfterRestart()
{
    SettingsPage page(m_fx->client.get());
    page.show();
    QSignalSpy applied(&page, &SettingsPage::runtimeSettingsApplied);
    QSignalSpy restart(&page, &SettingsPage::restartRequested);
    const quint16 port = m_fx->broker->service().port();
    auto *marker = child<QLabel>(page, u"portRestartLabel"_s);
    QVERIFY(!marker->isVisibleTo(&page));

    child<QSpinBox>(page, u"portSpinBox"_s)->setValue(9876);
    QVERIFY(marker->isVisibleTo(&page));
    QCOMPARE(marker->text(), u"Takes effect after restart"_s);
    QVERIFY(!child<QWidget>(page, u"restartNotice"_s)->isVisibleTo(&page)); // not saved yet

    QVERIFY(applyAndWait(page));
    QCOMPARE(applied.count(), 0); // nothing live changed
    QCOMPARE(iniValue(u"server/port"_s), u"9876"_s);
    QCOMPARE(m_fx->broker->service().port(), port);
    QCOMPARE(m_fx->broker->service().config().port, quint16(0)); // the test broker's
    QVERIFY(marker->isVisibleTo(&page)); // saved, still waiting for the restart
    auto *notice = child<QWidget>(page, u"restartNotice"_s);
    QVERIFY(notice->isVisibleTo(&page));
    auto *restartNow = child<QPushButton>(page, u"restartNowButton"_s);
    QVERIFY(!restartNow->isVisibleTo(&page));
    QVERIFY(child<QLabel>(page, u"restartNoticeLabel"_s)
                ->text()
                .contains(u"Restart LocalStash to apply"_s));

    page.setRestartSupported(true);
    QVERIFY(restartNow->isVisibleTo(&page));
    QTest::mouseClick(restartNow, Qt::LeftButton);
    QCOMPARE(restart.count(), 1);

    // Every restart setting is marked; live ones are not.
    QVERIFY(page.findChild<QLabel *>(u"bindAddressRestartLabel"_s));
    QVERIFY(page.findChild<QLabel *>(u"tokenRestartLabel"_s));
    QVERIFY(page.findChild<QLabel *>(u"maxBodyBytesRestartLabel"_s));
    QVERIFY(page.findChild<QLabel *>(u"languageRestartLabel"_s));
    QVERIFY(!page.findChild<QLabel *>(u"timeScaleRestartLabel"_s));
    QVERIFY(!page.findChild<QLabel *>(u"daysRestartLabel"_s));
}

void tst_SettingsPage::rotateKeys()
{
    SettingsPage page(m_fx->client.get());
    const Broker::SigningKeys before = m_fx->broker->service().signingKeys();
    std::optional<bool> result;

    Confirm::setNextAnswer(false); // "Cancel" changes nothing
    page.rotateKeys([&result](bool ok) { result = ok; });
    QCOMPARE(result, std::optional<bool>(false));
    QCOMPARE(m_fx->broker->service().signingKeys().current, before.current);

    result.reset();
    Confirm::setNextAnswer(true);
    page.rotateKeys([&result](bool ok) { result = ok; });
    QTRY_VERIFY(result.has_value());
    QVERIFY(*result);
    const Broker::SigningKeys after = m_fx->broker->service().signingKeys();
    QCOMPARE(after.current, before.next);
    QVERIFY(after.next != before.next);
    QTRY_COMPARE(child<QLineEdit>(page, u"currentSigningKeyEdit"_s)->text(), after.current);
    QCOMPARE(child<QLineEdit>(page, u"nextSigningKeyEdit"_s)->text(), after.next);
    QCOMPARE(page.messageBar()->kind(), MessageBar::Success);

    // "Reset to Dev-Server Credentials" brings the dev server's keys back after a confirmation
    // (SDK dev mode needs them); they are stored before use, as rotated keys are.
    Confirm::setNextAnswer(true);
    child<QPushButton>(page, u"devCredentialsButton"_s)->click();
    QTRY_COMPARE(m_fx->broker->service().signingKeys().current,
                 Broker::DevCredentials::currentSigningKey());
    QCOMPARE(m_fx->broker->service().signingKeys().next, Broker::DevCredentials::nextSigningKey());
    QTRY_COMPARE(child<QLineEdit>(page, u"currentSigningKeyEdit"_s)->text(),
                 Broker::DevCredentials::currentSigningKey());
    QTRY_COMPARE(page.messageBar()->kind(), MessageBar::Success);
}

void tst_SettingsPage::invalidInputDisablesApply()
{
    SettingsPage page(m_fx->client.get());
    page.show();
    auto *apply = child<QPushButton>(page, u"applyButton"_s);
    auto *problem = child<QLabel>(page, u"settingsProblemLabel"_s);
    auto *bind = child<QLineEdit>(page, u"bindAddressEdit"_s);
    auto *warning = child<QWidget>(page, u"bindAddressWarning"_s);

    bind->clear();
    QTest::keyClicks(bind, u"my-laptop"_s);
    QVERIFY(!apply->isEnabled());
    QVERIFY(child<QPushButton>(page, u"revertButton"_s)->isEnabled());
    QVERIFY(problem->isVisibleTo(&page));
    QVERIFY2(problem->text().contains(u"IP address"_s), qPrintable(problem->text()));
    QVERIFY(!warning->isVisibleTo(&page));
    QVERIFY(!applyAndWait(page)); // even when asked directly
    QCOMPARE(page.messageBar()->kind(), MessageBar::Error);
    QVERIFY(!QFile::exists(page.settingsPath()));

    // Every address but loopback is reachable from elsewhere: said next to the field.
    bind->setText(u"0.0.0.0"_s);
    QVERIFY(apply->isEnabled());
    QVERIFY(!problem->isVisibleTo(&page));
    QVERIFY(warning->isVisibleTo(&page));
    bind->setText(u"::1"_s);
    QVERIFY(!warning->isVisibleTo(&page));

    // Durations, retries and the token are checked too.
    auto *delay = child<QLineEdit>(page, u"maxDelayEdit"_s);
    delay->setText(u"soon"_s);
    QVERIFY(!apply->isEnabled());
    QVERIFY2(problem->text().contains(u"Max delay"_s), qPrintable(problem->text()));
    delay->setText(u"2d"_s);
    QVERIFY(apply->isEnabled());
    child<QSpinBox>(page, u"maxRetriesSpinBox"_s)->setValue(2);
    child<QSpinBox>(page, u"defaultRetriesSpinBox"_s)->setValue(5);
    QVERIFY(!apply->isEnabled());
    QVERIFY(problem->text().contains(u"Default retries"_s));
    child<QSpinBox>(page, u"defaultRetriesSpinBox"_s)->setValue(1);
    child<QLineEdit>(page, u"tokenEdit"_s)->setText(u"has space"_s);
    QVERIFY(!apply->isEnabled());
    QVERIFY(problem->text().contains(u"token"_s));
    child<QLineEdit>(page, u"tokenEdit"_s)->setText(u"abc"_s);
    QVERIFY(applyAndWait(page));
    const Broker::Settings stored = Broker::Settings::load(page.settingsPath());
    QCOMPARE(stored.config().maxDelayMs, 2LL * 24 * 3600 * 1000);
    QCOMPARE(stored.config().defaultRetries, 1);
    QCOMPARE(stored.config().bindAddress, QHostAddress(QHostAddress::LocalHostIPv6));
}

void tst_SettingsPage::revertRestores()
{
    SettingsPage page(m_fx->client.get());
    page.show();
    auto *port = child<QSpinBox>(page, u"portSpinBox"_s);
    auto *scale = child<QDoubleSpinBox>(page, u"timeScaleSpinBox"_s);
    auto *bind = child<QLineEdit>(page, u"bindAddressEdit"_s);
    auto *language = child<QComboBox>(page, u"languageComboBox"_s);
    port->setValue(1234);
    scale->setValue(0.5);
    bind->setText(u"nonsense"_s);
    language->setCurrentIndex(language->findData(u"de"_s));
    QVERIFY(page.isModified());

    QTest::mouseClick(child<QPushButton>(page, u"revertButton"_s), Qt::LeftButton);
    QCOMPARE(port->value(), 8080);
    QCOMPARE(scale->value(), 1.0);
    QCOMPARE(bind->text(), u"127.0.0.1"_s);
    QCOMPARE(language->currentData().toString(), QString());
    QVERIFY(!page.isModified());
    QVERIFY(!child<QPushButton>(page, u"applyButton"_s)->isEnabled());
    QVERIFY(!child<QPushButton>(page, u"revertButton"_s)->isEnabled());
    QVERIFY(!child<QLabel>(page, u"portRestartLabel"_s)->isVisibleTo(&page));
    QVERIFY(!child<QLabel>(page, u"settingsProblemLabel"_s)->isVisibleTo(&page));
}

void tst_SettingsPage::tokenActions()
{
    SettingsPage page(m_fx->client.get());
    page.show();
    auto *token = child<QLineEdit>(page, u"tokenEdit"_s);
    QCOMPARE(token->text(), Broker::DevCredentials::token());
    QCOMPARE(token->echoMode(), QLineEdit::Password);
    auto *show = child<QToolButton>(page, u"showTokenButton"_s);
    show->click();
    QCOMPARE(token->echoMode(), QLineEdit::Normal);
    show->click();
    QCOMPARE(token->echoMode(), QLineEdit::Password);

    child<QPushButton>(page, u"generateTokenButton"_s)->click();
    const QString generated = token->text();
    QVERIFY(generated != Broker::DevCredentials::token());
    QCOMPARE(QByteArray::fromBase64(generated.toLatin1()).size(), 32);
    QVERIFY(child<QLabel>(page, u"tokenRestartLabel"_s)->isVisibleTo(&page));

    child<QToolButton>(page, u"copyTokenButton"_s)->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), generated);

    QVERIFY(applyAndWait(page));
    QCOMPARE(iniValue(u"credentials/token"_s), generated);
    QCOMPARE(m_fx->broker->service().token(), Broker::DevCredentials::token()); // until restart

    child<QPushButton>(page, u"devCredentialsButton"_s)->click();
    QCOMPARE(token->text(), Broker::DevCredentials::token());
    QVERIFY(applyAndWait(page));
    QCOMPARE(iniValue(u"credentials/token"_s), Broker::DevCredentials::token());
    QVERIFY(!child<QWidget>(page, u"restartNotice"_s)->isVisibleTo(&page));
}

void tst_SettingsPage::commandLineOverridesAreNamed()
{
    SettingsPage page(m_fx->client.get());
    page.show();
    page.setCommandLineOverrides({Broker::Settings::keyName(Broker::Settings::Key::Port)});
    auto *note = child<QLabel>(page, u"portOverrideLabel"_s);
    QVERIFY(note->isVisibleTo(&page));
    QVERIFY2(note->text().contains(u"--port 0"_s), qPrintable(note->text()));
    QVERIFY(!child<QLabel>(page, u"bindAddressOverrideLabel"_s)->isVisibleTo(&page));
    // The file's 8080 differs from the running port 0, but the override, not a restart, is why.
    QVERIFY(!child<QLabel>(page, u"portRestartLabel"_s)->isVisibleTo(&page));
    page.setCommandLineOverrides({});
    QVERIFY(!note->isVisibleTo(&page));
}

void tst_SettingsPage::badFileIsReported()
{
    QFile file(Broker::Settings::filePath(m_fx->broker->dataDir()));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[server]\nport=huge\n[retention]\ndays=2\n");
    file.close();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"server/port"_s));
    SettingsPage page(m_fx->client.get());
    QCOMPARE(page.messageBar()->kind(), MessageBar::Error);
    QVERIFY(page.messageBar()->text().contains(u"server/port"_s));
    QCOMPARE(child<QSpinBox>(page, u"portSpinBox"_s)->value(), 8080);
    QCOMPARE(child<QSpinBox>(page, u"retentionDaysSpinBox"_s)->value(), 2);
}

void tst_SettingsPage::withoutBroker()
{
    SettingsPage page(nullptr);
    QVERIFY(page.settingsPath().isEmpty());
    child<QSpinBox>(page, u"portSpinBox"_s)->setValue(1);
    QVERIFY(!child<QPushButton>(page, u"applyButton"_s)->isEnabled());
    QVERIFY(!child<QPushButton>(page, u"rotateKeysButton"_s)->isEnabled());
    QVERIFY(!applyAndWait(page));
}

void tst_SettingsPage::inTheMainWindow()
{
    MainWindow window(m_fx->client.get());
    BrokerStatus status;
    status.baseUrl = m_fx->client->baseUrl();
    status.dataDir = m_fx->broker->dataDir();
    window.setStatus(status);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *go = window.findChild<QAction *>(u"showPage7Action"_s);
    QVERIFY(go);
    QVERIFY(go->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_7)));
    QVERIFY(go->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Comma)));
    go->trigger();
    QCOMPARE(window.currentPage(), MainWindow::SettingsIndex);

    // A time scale applied live shows in the status bar at once.
    auto *label = window.findChild<QLabel *>(u"timeScaleLabel"_s);
    QVERIFY(!label->isVisible());
    SettingsPage *page = window.settingsPage();
    page->findChild<QDoubleSpinBox *>(u"timeScaleSpinBox"_s)->setValue(0.01);
    QVERIFY(applyAndWait(*page));
    QTRY_VERIFY(label->isVisible());
    QVERIFY2(label->text().contains(u"0.01"_s), qPrintable(label->text()));
}

void tst_SettingsPage::germanTranslation()
{
#ifdef LOCALSTASH_DE_QM
    QTranslator translator;
    if (!translator.load(QStringLiteral(LOCALSTASH_DE_QM)))
        QSKIP("the German .qm is built with the localstash target");
    QCoreApplication::installTranslator(&translator);
    {
        SettingsPage page(m_fx->client.get());
        QCOMPARE(child<QPushButton>(page, u"applyButton"_s)->text(), u"&Übernehmen"_s);
        QCOMPARE(child<QLabel>(page, u"portRestartLabel"_s)->text(),
                 u"Wird nach einem Neustart wirksam"_s);
        QCOMPARE(child<QPushButton>(page, u"rotateKeysButton"_s)->text(), u"Schlüssel rotieren…"_s);
        // The longer German texts must fit too: saved next to the other screenshots.
        child<QSpinBox>(page, u"portSpinBox"_s)->setValue(8088);
        page.resize(1130, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(!UiTest::saveScreenshot(&page, u"page-settings-de.png"_s).isEmpty());
    }
    QCoreApplication::removeTranslator(&translator);
#else
    QSKIP("LOCALSTASH_DE_QM not defined");
#endif
}

QTEST_MAIN(tst_SettingsPage)
#include "tst_settingspage.moc"
