// The main window: six pages behind the navigation list and Ctrl+1…6; the overview shows the
// status, credentials, env block and counts it is fed; the copy buttons fill the clipboard;
// the menu actions, the remembered geometry and page work; without a broker every page shows
// its empty state. Also saves a screenshot (mainwindow-overview.png) for a visual check.

#include "mainwindow.h"
#include "pages/dlqpage.h"
#include "pages/messagespage.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTest>
#include <QTimer>
#include <QTranslator>

#include <functional>

using namespace Qt::StringLiterals;
using namespace Dashboard;

namespace {

BrokerStatus sampleStatus()
{
    BrokerStatus status;
    status.baseUrl = u"http://127.0.0.1:8080"_s;
    status.token = u"eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0="_s;
    status.currentSigningKey = u"sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r"_s;
    status.nextSigningKey = u"sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs"_s;
    status.dataDir = u"/home/alex/.local/share/LocalStash"_s;
    status.timeScale = 1.0;
    return status;
}

QVariantMap sampleCounts()
{
    return {
        {u"PENDING"_s, qint64(42)},       {u"ACTIVE"_s, qint64(3)}, {u"RETRY"_s, qint64(7)},
        {u"DELIVERED"_s, qint64(12'873)}, {u"FAILED"_s, qint64(2)}, {u"CANCELED"_s, qint64(5)},
    };
}

} // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void envBlockText();
    void navigation();
    void pageShortcuts();
    void withoutTrayCloseCloses();
    void emptyPagesWithoutBroker();
    void germanTranslation();
    void startingState();
    void statusShown();
    void copyButtons_data();
    void copyButtons();
    void counts();
    void countTilesReflow();
    void signingKeys();
    void signingKeysBeforeStatus();
    void timeScale_data();
    void timeScale();
    void quitAction();
    void quitShortcut();
    void aboutShowsVersion();
    void geometryRemembered();
    void screenshot();
};

void tst_MainWindow::initTestCase()
{
    // Keeps QSettings away from the user's real configuration.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"LocalStash"_s);
    QCoreApplication::setApplicationName(u"tst_mainwindow"_s);
}

void tst_MainWindow::init()
{
    QSettings().clear();
}

void tst_MainWindow::envBlockText()
{
    const BrokerStatus status = sampleStatus();
    QCOMPARE(envBlock(status),
             u"QSTASH_URL=http://127.0.0.1:8080\n"
             "QSTASH_TOKEN="
             "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=\n"
             "QSTASH_CURRENT_SIGNING_KEY=sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r\n"
             "QSTASH_NEXT_SIGNING_KEY=sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs\n"_s);
}

void tst_MainWindow::navigation()
{
    MainWindow window;
    auto *list = window.findChild<QListWidget *>(u"navigationList"_s);
    auto *pages = window.findChild<QStackedWidget *>(u"pageStack"_s);
    QVERIFY(list);
    QVERIFY(pages);
    QCOMPARE(list->count(), pages->count());
    QCOMPARE(list->count(), int(MainWindow::PageCount));
    const QStringList titles = {u"Overview"_s,   u"Messages"_s,  u"Dead Letters"_s,
                                u"URL Groups"_s, u"Schedules"_s, u"Queues"_s};
    for (int i = 0; i < titles.size(); ++i) {
        QCOMPARE(list->item(i)->text(), titles.at(i));
        QVERIFY2(!list->item(i)->icon().isNull(), qPrintable(titles.at(i)));
    }
    QCOMPARE(list->currentRow(), 0);
    QCOMPARE(pages->currentIndex(), 0);
    list->setCurrentRow(2);
    QCOMPARE(pages->currentWidget(), window.dlqPage());
}

void tst_MainWindow::pageShortcuts()
{
    MainWindow window;
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto *pages = window.findChild<QStackedWidget *>(u"pageStack"_s);
    for (int i = MainWindow::PageCount - 1; i >= 0; --i) {
        QTest::keyClick(&window, Qt::Key(Qt::Key_1 + i), Qt::ControlModifier);
        QCOMPARE(pages->currentIndex(), i);
        QCOMPARE(window.currentPage(), MainWindow::Page(i));
    }
    // Ctrl+F goes to the message log's search field.
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), MainWindow::MessagesIndex);
    QTRY_COMPARE(QApplication::focusWidget(),
                 window.messagesPage()->findChild<QLineEdit *>(u"textFilterLineEdit"_s));
    // The page shown last comes back.
    window.showPage(MainWindow::QueuesIndex);
    window.close();
    MainWindow again;
    QCOMPARE(again.currentPage(), MainWindow::QueuesIndex);
}

void tst_MainWindow::withoutTrayCloseCloses()
{
    // Offscreen has no system tray: the window closes as usual (and the app would quit).
    MainWindow window;
    QCOMPARE(window.enableTrayIcon(), QSystemTrayIcon::isSystemTrayAvailable());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    if (!window.trayIcon()) {
        QVERIFY(window.close());
        QVERIFY(!window.isVisible());
    }
}

void tst_MainWindow::emptyPagesWithoutBroker()
{
    MainWindow window;
    auto *empty = window.findChild<QLabel *>(u"messagesEmptyLabel"_s);
    QVERIFY(empty);
    QVERIFY2(empty->text().contains(u"not running"_s), qPrintable(empty->text()));
    auto *dlqEmpty = window.findChild<QLabel *>(u"dlqEmptyLabel"_s);
    QVERIFY(dlqEmpty);
    QVERIFY(dlqEmpty->text().contains(u"not running"_s));
}

void tst_MainWindow::germanTranslation()
{
#ifdef LOCALSTASH_DE_QM
    QTranslator translator;
    if (!translator.load(QStringLiteral(LOCALSTASH_DE_QM)))
        QSKIP("the German .qm is built with the localstash target");
    QCoreApplication::installTranslator(&translator);
    {
        MainWindow window;
        auto *list = window.findChild<QListWidget *>(u"navigationList"_s);
        QCOMPARE(list->item(0)->text(), u"Übersicht"_s);
        QCOMPARE(list->item(1)->text(), u"Nachrichten"_s);
        QCOMPARE(list->item(4)->text(), u"Zeitpläne"_s);
        auto *send = window.findChild<QAction *>(u"sendMessageAction"_s);
        QCOMPARE(send->text(), u"Nachricht &senden…"_s);
        auto *empty = window.findChild<QLabel *>(u"messagesEmptyLabel"_s);
        QVERIFY2(empty->text().contains(u"Der Broker läuft nicht."_s), qPrintable(empty->text()));
    }
    QCoreApplication::removeTranslator(&translator);
#else
    QSKIP("LOCALSTASH_DE_QM not defined");
#endif
}

void tst_MainWindow::startingState()
{
    MainWindow window;
    auto *stack = window.findChild<QStackedWidget *>(u"overviewStack"_s);
    QVERIFY(stack);
    QCOMPARE(stack->currentWidget()->objectName(), u"startingPanel"_s);
    auto *listening = window.findChild<QLabel *>(u"listeningLabel"_s);
    QVERIFY(listening);
    QVERIFY2(listening->text().startsWith(u"Starting"_s), qPrintable(listening->text()));
    auto *timeScale = window.findChild<QLabel *>(u"timeScaleLabel"_s);
    QVERIFY(timeScale);
    QVERIFY(!timeScale->isVisibleTo(&window));
}

void tst_MainWindow::statusShown()
{
    MainWindow window;
    const BrokerStatus status = sampleStatus();
    window.setStatus(status);

    auto *stack = window.findChild<QStackedWidget *>(u"overviewStack"_s);
    QVERIFY(stack);
    QCOMPARE(stack->currentWidget()->objectName(), u"overviewContent"_s);

    const auto lineEdit = [&](const QString &name) {
        auto *edit = window.findChild<QLineEdit *>(name);
        return edit ? edit->text() : u"<missing %1>"_s.arg(name);
    };
    QCOMPARE(lineEdit(u"tokenLineEdit"_s), status.token);
    QCOMPARE(lineEdit(u"currentSigningKeyLineEdit"_s), status.currentSigningKey);
    QCOMPARE(lineEdit(u"nextSigningKeyLineEdit"_s), status.nextSigningKey);
    QVERIFY(window.findChild<QLineEdit *>(u"tokenLineEdit"_s)->isReadOnly());

    auto *env = window.findChild<QPlainTextEdit *>(u"envBlockEdit"_s);
    QVERIFY(env);
    QVERIFY(env->isReadOnly());
    QCOMPARE(env->toPlainText() + u'\n', envBlock(status));

    auto *baseUrl = window.findChild<QLabel *>(u"baseUrlLabel"_s);
    QVERIFY(baseUrl);
    QCOMPARE(baseUrl->text(), status.baseUrl);
    auto *dataDir = window.findChild<QLabel *>(u"dataDirLabel"_s);
    QVERIFY(dataDir);
    QCOMPARE(dataDir->text(), QDir::toNativeSeparators(status.dataDir));

    auto *listening = window.findChild<QLabel *>(u"listeningLabel"_s);
    QVERIFY(listening);
    QCOMPARE(listening->text(), u"Listening on http://127.0.0.1:8080"_s);
}

void tst_MainWindow::copyButtons_data()
{
    QTest::addColumn<QString>("button");
    QTest::addColumn<QString>("expected");

    const BrokerStatus status = sampleStatus();
    QTest::newRow("token") << u"copyTokenButton"_s << status.token;
    QTest::newRow("current") << u"copyCurrentSigningKeyButton"_s << status.currentSigningKey;
    QTest::newRow("next") << u"copyNextSigningKeyButton"_s << status.nextSigningKey;
    QTest::newRow("env") << u"copyEnvBlockButton"_s << envBlock(status);
}

void tst_MainWindow::copyButtons()
{
    QFETCH(QString, button);
    QFETCH(QString, expected);

    MainWindow window;
    window.setStatus(sampleStatus());
    QGuiApplication::clipboard()->setText(u"something else"_s);

    auto *copy = window.findChild<QPushButton *>(button);
    QVERIFY(copy);
    QTest::mouseClick(copy, Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), expected);
    QVERIFY(window.statusBar()->currentMessage().contains(u"clipboard"_s));
}

void tst_MainWindow::counts()
{
    MainWindow window;
    window.setStatus(sampleStatus());

    const auto shown = [&](const QString &state) {
        auto *label = window.findChild<QLabel *>(state + u"CountLabel"_s);
        return label ? label->text() : u"<missing>"_s;
    };

    window.setCounts(sampleCounts());
    const QLocale locale;
    QCOMPARE(shown(u"pending"_s), locale.toString(42));
    QCOMPARE(shown(u"active"_s), locale.toString(3));
    QCOMPARE(shown(u"retry"_s), locale.toString(7));
    QCOMPARE(shown(u"delivered"_s), locale.toString(qint64(12'873)));
    QCOMPARE(shown(u"failed"_s), locale.toString(2));
    QCOMPARE(shown(u"canceled"_s), locale.toString(5));

    // Live updates; a state missing from the map has no messages, unknown keys are ignored.
    window.setCounts({{u"DELIVERED"_s, qint64(12'874)}, {u"SOMETHING"_s, qint64(9)}});
    QCOMPARE(shown(u"delivered"_s), locale.toString(qint64(12'874)));
    QCOMPARE(shown(u"pending"_s), locale.toString(0));
    QCOMPARE(shown(u"failed"_s), locale.toString(0));
}

void tst_MainWindow::countTilesReflow()
{
    MainWindow window;
    window.setStatus(sampleStatus());
    window.setCounts(sampleCounts());
    window.resize(1000, 760);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto *first = window.findChild<QWidget *>(u"pendingCountTile"_s);
    auto *last = window.findChild<QWidget *>(u"canceledCountTile"_s);
    QVERIFY(first);
    QVERIFY(last);
    QTRY_COMPARE(last->y(), first->y()); // one row when there is room

    window.resize(560, 760);
    QTRY_VERIFY(last->y() > first->y()); // more rows when narrow...
    for (const QString &state :
         {u"pending"_s, u"active"_s, u"retry"_s, u"delivered"_s, u"failed"_s, u"canceled"_s}) {
        auto *value = window.findChild<QLabel *>(state + u"CountLabel"_s);
        QVERIFY(value);
        // ...and no number squeezed below its size.
        QTRY_VERIFY2(value->height() >= value->minimumSizeHint().height(), qPrintable(state));
        QVERIFY2(value->width() >= value->minimumSizeHint().width(), qPrintable(state));
    }
}

void tst_MainWindow::signingKeys()
{
    MainWindow window;
    BrokerStatus status = sampleStatus();
    window.setStatus(status);

    const QString current = u"sig_rotatedCurrent0000000000000"_s;
    const QString next = u"sig_rotatedNext000000000000000000"_s;
    window.setSigningKeys(current, next);

    QCOMPARE(window.findChild<QLineEdit *>(u"currentSigningKeyLineEdit"_s)->text(), current);
    QCOMPARE(window.findChild<QLineEdit *>(u"nextSigningKeyLineEdit"_s)->text(), next);
    QCOMPARE(window.findChild<QLineEdit *>(u"tokenLineEdit"_s)->text(), status.token);

    status.currentSigningKey = current;
    status.nextSigningKey = next;
    auto *env = window.findChild<QPlainTextEdit *>(u"envBlockEdit"_s);
    QVERIFY(env);
    QCOMPARE(env->toPlainText() + u'\n', envBlock(status));

    QTest::mouseClick(window.findChild<QPushButton *>(u"copyEnvBlockButton"_s), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), envBlock(status));
}

void tst_MainWindow::signingKeysBeforeStatus()
{
    MainWindow window;
    window.setSigningKeys(u"sig_a"_s, u"sig_b"_s);
    auto *stack = window.findChild<QStackedWidget *>(u"overviewStack"_s);
    QCOMPARE(stack->currentWidget()->objectName(), u"startingPanel"_s);

    // The status carries the keys at that moment; it wins.
    window.setStatus(sampleStatus());
    QCOMPARE(window.findChild<QLineEdit *>(u"currentSigningKeyLineEdit"_s)->text(),
             sampleStatus().currentSigningKey);
}

void tst_MainWindow::timeScale_data()
{
    QTest::addColumn<double>("scale");
    QTest::addColumn<bool>("visible");
    QTest::addColumn<QString>("wording");

    QTest::newRow("real time") << 1.0 << false << QString();
    QTest::newRow("accelerated") << 0.01 << true << u"accelerated"_s;
    QTest::newRow("slowed") << 10.0 << true << u"slowed down"_s;
}

void tst_MainWindow::timeScale()
{
    QFETCH(double, scale);
    QFETCH(bool, visible);
    QFETCH(QString, wording);

    MainWindow window;
    BrokerStatus status = sampleStatus();
    status.timeScale = scale;
    window.setStatus(status);

    auto *label = window.findChild<QLabel *>(u"timeScaleLabel"_s);
    QVERIFY(label);
    QCOMPARE(label->isVisibleTo(&window), visible);
    if (visible) {
        const QString factor = QLocale().toString(scale, 'g', QLocale::FloatingPointShortest);
        QVERIFY2(label->text().startsWith(u"Time scale ×"_s + factor + u" — "_s),
                 qPrintable(label->text()));
        QVERIFY2(label->text().endsWith(wording), qPrintable(label->text()));
    }

    // Back to real time: the notice goes away.
    status.timeScale = 1.0;
    window.setStatus(status);
    QVERIFY(!label->isVisibleTo(&window));
}

void tst_MainWindow::quitAction()
{
    MainWindow window;
    QSignalSpy spy(&window, &MainWindow::quitRequested);
    auto *quit = window.findChild<QAction *>(u"quitAction"_s);
    QVERIFY(quit);
    QCOMPARE(quit->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->trigger();
    QCOMPARE(spy.count(), 1);
}

void tst_MainWindow::quitShortcut()
{
    MainWindow window;
    QSignalSpy spy(&window, &MainWindow::quitRequested);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_Q, Qt::ControlModifier);
    QCOMPARE(spy.count(), 1);
}

void tst_MainWindow::aboutShowsVersion()
{
    MainWindow window;
    auto *about = window.findChild<QAction *>(u"aboutAction"_s);
    QVERIFY(about);

    // The box is modal: read and close it from inside its event loop, polling until it is up.
    // The guard cancels the polling should the box never appear.
    QObject guard;
    QString title;
    QString text;
    std::function<void()> closeBox = [&] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            title = box->windowTitle();
            text = box->text();
            box->accept();
        } else {
            QTimer::singleShot(10, &guard, closeBox);
        }
    };
    QTimer::singleShot(0, &guard, closeBox);
    about->trigger();

    QCOMPARE(title, u"About LocalStash"_s);
    QVERIFY2(text.contains(QLatin1StringView(LOCALSTASH_VERSION)), qPrintable(text));
}

void tst_MainWindow::geometryRemembered()
{
    const QSize size(812, 604);
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(size);
        QTRY_COMPARE(window.size(), size);
        window.close(); // saves; the destructor saves again, harmlessly
    }
    QVERIFY(QSettings().contains(u"mainWindow/geometry"_s));

    MainWindow again;
    QCOMPARE(again.size(), size);
}

void tst_MainWindow::screenshot()
{
    MainWindow window;
    BrokerStatus status = sampleStatus();
    status.timeScale = 0.01;
    window.setStatus(status);
    window.setCounts(sampleCounts());
    window.resize(1000, 760);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    const QDir dir(qEnvironmentVariable("LOCALSTASH_TEST_OUTPUT", QDir::tempPath()));
    QVERIFY(dir.exists() || QDir().mkpath(dir.absolutePath()));
    const QString path = dir.filePath(u"mainwindow-overview.png"_s);
    const QImage image = window.grab().toImage();
    QVERIFY(!image.isNull());
    QVERIFY2(image.save(path), qPrintable(path));
    qInfo("Screenshot: %s", qPrintable(QDir::toNativeSeparators(path)));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
