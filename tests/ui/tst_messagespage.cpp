// The Messages page and the composer against a real broker and a real receiver: the log model
// (under QAbstractItemModelTester) fills live, keeps the selection when rows arrive, filters in
// SQL; the inspector verifies the signature; cancel, replay, edit-and-resend and the composer
// reach the broker through its API and the receiver gets what they sent.

#include "dialogs/publishdialog.h"
#include "mainwindow.h"
#include "messagedetails.h"
#include "models/messagemodel.h"
#include "pages/messagespage.h"
#include "uitestsupport.h"
#include "widgets/filterbar.h"
#include "widgets/inspectorhtml.h"
#include "widgets/messagebar.h"
#include "widgets/messageinspector.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTextBrowser>

using namespace Qt::StringLiterals;
using namespace Dashboard;

class tst_MessagesPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void modelFillsLive();
    void newRowsKeepTheSelection();
    void filtersApplyInSql_data();
    void filtersApplyInSql();
    void inspectorVerifiesTheSignature();
    void inspectorNamesABadSignature();
    void cancelFromThePage();
    void replayFromThePage();
    void editAndResend();
    void composerPublishes();
    void composerShowsTheBrokersError();
    void composerEnqueuesAndShowsCurl();

private:
    PublishDialog *waitForComposer();

    std::unique_ptr<UiTest::Fixture> m_fx;
};

void tst_MessagesPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"LocalStash"_s);
    QCoreApplication::setApplicationName(u"tst_messagespage"_s);
}

void tst_MessagesPage::init()
{
    m_fx = std::make_unique<UiTest::Fixture>();
    QVERIFY(m_fx->start());
}

void tst_MessagesPage::cleanup()
{
    m_fx.reset();
}

PublishDialog *tst_MessagesPage::waitForComposer()
{
    PublishDialog *dialog = nullptr;
    (void)QTest::qWaitFor(
        [&dialog] {
            dialog = qobject_cast<PublishDialog *>(QApplication::activeModalWidget());
            if (!dialog) {
                const auto all = QApplication::topLevelWidgets();
                for (QWidget *w : all) {
                    if (auto *d = qobject_cast<PublishDialog *>(w); d && d->isVisible())
                        dialog = d;
                }
            }
            return dialog != nullptr;
        },
        5000);
    return dialog;
}

void tst_MessagesPage::modelFillsLive()
{
    MessagesPage page(m_fx->client.get());
    page.show();
    QAbstractItemModelTester tester(page.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(page.model()->rowCount(), 0);

    const QString first = m_fx->publish(u"/a"_s);
    const QString second = m_fx->publish(u"/b"_s, {{"Upstash-Label", "billing"}});
    QVERIFY(!first.isEmpty() && !second.isEmpty());
    QTRY_COMPARE(page.model()->rowCount(), 2);
    QCOMPARE(page.model()->messageId(0), second); // newest first
    QCOMPARE(page.model()->messageId(1), first);
    QVERIFY(m_fx->sink->waitFor(2));
    QTRY_COMPARE(page.model()->index(0, MessageModel::StateColumn).data().toString(),
                 u"Delivered"_s);
    QCOMPARE(page.model()->index(0, MessageModel::MethodColumn).data().toString(), u"POST"_s);
    QCOMPARE(page.model()->index(0, MessageModel::UrlColumn).data().toString(),
             m_fx->sink->url(u"/b"_s));
    QCOMPARE(page.model()->index(0, MessageModel::LabelsColumn).data().toString(), u"billing"_s);
    QTRY_COMPARE(page.model()->index(0, MessageModel::AttemptsColumn).data().toInt(), 1);
    QCOMPARE(page.model()->index(0, MessageModel::StatusColumn).data().toString(), u"200 OK"_s);
}

void tst_MessagesPage::newRowsKeepTheSelection()
{
    MessagesPage page(m_fx->client.get());
    page.show();
    QAbstractItemModelTester tester(page.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString first = m_fx->publish(u"/a"_s);
    QTRY_COMPARE(page.model()->rowCount(), 1);
    QVERIFY(page.selectMessage(first));
    QCOMPARE(page.currentMessageId(), first);
    QCOMPARE(page.inspector()->messageId(), first);

    QSignalSpy inserted(page.model(), &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(page.model(), &QAbstractItemModel::modelReset);
    for (int i = 0; i < 3; ++i)
        m_fx->publish(u"/more"_s);
    QTRY_COMPARE(page.model()->rowCount(), 4);
    QVERIFY(!inserted.isEmpty());
    QCOMPARE(reset.count(), 0);
    QCOMPARE(page.currentMessageId(), first); // the selection moved down with its row
    QCOMPARE(page.view()->currentIndex().row(), 3);
}

void tst_MessagesPage::filtersApplyInSql_data()
{
    QTest::addColumn<MessageFilter>("filter");
    QTest::addColumn<int>("expected");
    MessageFilter state;
    state.state = u"PENDING"_s;
    QTest::newRow("state") << state << 1;
    MessageFilter unfinished;
    unfinished.state = u"UNFINISHED"_s;
    QTest::newRow("unfinished") << unfinished << 1;
    MessageFilter url;
    url.url = u"/ORDERS"_s; // case-insensitive
    QTest::newRow("url") << url << 2;
    MessageFilter label;
    label.label = u"vip"_s;
    QTest::newRow("label") << label << 1;
    MessageFilter text;
    text.text = u"needle"_s;
    QTest::newRow("text in body") << text << 1;
    MessageFilter from;
    from.fromMs = TestSupport::TestBroker::StartMs + 1;
    QTest::newRow("time range") << from << 0;
    MessageFilter until;
    until.toMs = TestSupport::TestBroker::StartMs;
    QTest::newRow("time range, inclusive") << until << 4;
    MessageFilter none;
    none.url = u"nothing-like-this"_s;
    QTest::newRow("no match") << none << 0;
}

void tst_MessagesPage::filtersApplyInSql()
{
    QFETCH(MessageFilter, filter);
    QFETCH(int, expected);
    m_fx->publish(u"/orders/1"_s, {{"Upstash-Label", "vip,eu"}});
    m_fx->publish(u"/orders/2"_s);
    m_fx->publish(u"/users"_s, {}, R"({"find":"the needle"})");
    m_fx->publish(u"/later"_s, {{"Upstash-Delay", "1h"}});
    MessagesPage page(m_fx->client.get());
    page.show();
    QAbstractItemModelTester tester(page.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(page.model()->rowCount(), 4);
    QVERIFY(m_fx->sink->waitFor(3));
    page.filterBar()->setFilter(filter);
    QCOMPARE(page.model()->filter(), page.filterBar()->filter());
    QTRY_COMPARE(page.model()->rowCount(), expected);
    page.filterBar()->clear();
    QTRY_COMPARE(page.model()->rowCount(), 4);
}

void tst_MessagesPage::inspectorVerifiesTheSignature()
{
    // A header value with bytes beyond ASCII (UTF-8 "café") is shown as it was sent.
    const QString id =
        m_fx->publish(u"/signed"_s, {{"Upstash-Forward-X-Trace", "t-1 caf\xc3\xa9"}});
    QVERIFY(m_fx->sink->waitFor(1));
    MessagesPage page(m_fx->client.get());
    page.show();
    QTRY_COMPARE(page.model()->rowCount(), 1);
    QTRY_VERIFY(page.selectMessage(id) && page.inspector()->details().has_value() &&
                page.inspector()->details()->attempts.size() == 1);

    const MessageDetails &d = *page.inspector()->details();
    const SignatureCheck check =
        checkSignature(d.attempts.first(), d.message.body, m_fx->client->signingKeys());
    QVERIFY(check.present);
    QCOMPARE(check.matchingKey, u"current"_s);
    QVERIFY2(check.verdict.ok(), qPrintable(check.verdict.problem));

    page.inspector()->setCurrentTab(MessageInspector::AttemptsTab);
    auto *browser = page.inspector()->findChild<QTextBrowser *>(u"attemptBrowser"_s);
    QVERIFY(browser);
    const QString text = browser->toPlainText();
    QVERIFY2(text.contains(u"Signed with the current signing key"_s), qPrintable(text));
    QVERIFY(text.contains(u"Body hash matches the delivered body"_s));
    QVERIFY(text.contains(u"a receiver with these signing keys accepts this request"_s));
    QVERIFY(text.contains(u"X-Trace"_s)); // forwarded header, in the request headers
    QVERIFY2(text.contains(u"t-1 caf\u00e9"_s), qPrintable(text));
    QVERIFY(d.message.headers.contains({"X-Trace", "t-1 caf\xc3\xa9"}));
    QVERIFY(d.attempts.first().requestHeaders.contains({"X-Trace", "t-1 caf\xc3\xa9"}));
    QVERIFY(text.contains(u"\"hello\": \"world\""_s)); // the JSON body, pretty-printed
    QVERIFY(text.contains(u"200 OK"_s));
}

void tst_MessagesPage::inspectorNamesABadSignature()
{
    const QString id = m_fx->publish(u"/signed"_s);
    QVERIFY(m_fx->sink->waitFor(1));
    std::optional<MessageDetails> details;
    QTRY_VERIFY((details = loadMessageDetails(m_fx->client->database(), id)) &&
                details->attempts.size() == 1);
    const Broker::AttemptRecord &attempt = details->attempts.first();

    // Another body than the one signed: the hash check fails and says so.
    SignatureCheck check = checkSignature(attempt, "tampered", m_fx->client->signingKeys());
    QVERIFY(!check.verdict.ok());
    QVERIFY(!check.verdict.bodyMatches);
    // Keys that never signed it.
    check = checkSignature(attempt, details->message.body, {u"sig_a"_s, u"sig_b"_s});
    QVERIFY(check.matchingKey.isEmpty());
    const QString html = InspectorHtml::signature(check, QPalette());
    QVERIFY2(html.contains(u"matches neither the current nor the next signing key"_s),
             qPrintable(html));
    QVERIFY(html.contains(u"a receiver rejects this request"_s));
}

void tst_MessagesPage::cancelFromThePage()
{
    const QString id = m_fx->publish(u"/later"_s, {{"Upstash-Delay", "1h"}});
    MessagesPage page(m_fx->client.get());
    page.show();
    QTRY_COMPARE(page.model()->rowCount(), 1);
    QVERIFY(page.selectMessage(id));
    QTRY_VERIFY(page.cancelAction()->isEnabled());
    page.cancelAction()->trigger();
    QTRY_COMPARE(m_fx->state(id), u"CANCELED"_s);
    QTRY_COMPARE(page.model()->index(0, MessageModel::StateColumn).data().toString(),
                 u"Canceled"_s);
    QTRY_VERIFY(page.messageBar()->isVisibleTo(&page));
    QVERIFY2(page.messageBar()->text().contains(u"Canceled 1 message"_s),
             qPrintable(page.messageBar()->text()));
    QVERIFY(!page.cancelAction()->isEnabled()); // final now
    QCOMPARE(m_fx->sink->countTo(u"/later"_s), 0);
}

void tst_MessagesPage::replayFromThePage()
{
    const QString id =
        m_fx->publish(u"/replay"_s, {{"Upstash-Forward-X-Trace", "t-9"}, {"Upstash-Method", "PUT"}},
                      R"({"n":1})");
    QVERIFY(m_fx->sink->waitFor(1, u"/replay"_s));
    MessagesPage page(m_fx->client.get());
    page.show();
    QTRY_COMPARE(page.model()->rowCount(), 1);
    QVERIFY(page.selectMessage(id));
    page.replayAction()->trigger();
    QVERIFY(m_fx->sink->waitFor(2, u"/replay"_s));
    const TestSupport::ReceivedRequest again = m_fx->sink->requestsTo(u"/replay"_s).last();
    QCOMPARE(again.method, QByteArray("PUT"));
    QCOMPARE(again.body, QByteArray(R"({"n":1})"));
    QCOMPARE(again.header("X-Trace"), QByteArray("t-9"));
    QCOMPARE(again.header("Content-Type"), QByteArray("application/json"));
    QVERIFY(again.header("Upstash-Message-Id") != id.toUtf8()); // a new message
    QTRY_COMPARE(page.model()->rowCount(), 2);
    QTRY_VERIFY(page.messageBar()->text().startsWith(u"Replayed as msg_"_s));
}

void tst_MessagesPage::editAndResend()
{
    const QString id = m_fx->publish(u"/edit"_s, {{"Upstash-Forward-X-Trace", "t-2"}});
    QVERIFY(m_fx->sink->waitFor(1, u"/edit"_s));
    MessagesPage page(m_fx->client.get());
    page.show();
    QTRY_COMPARE(page.model()->rowCount(), 1);
    QVERIFY(page.selectMessage(id));
    page.editAction()->trigger();
    PublishDialog *dialog = waitForComposer();
    QVERIFY(dialog);
    QCOMPARE(dialog->windowTitle(), u"Edit and Resend"_s);
    const PublishDraft draft = dialog->draft();
    QCOMPARE(draft.destination, m_fx->sink->url(u"/edit"_s));
    QVERIFY(draft.headers.contains({u"X-Trace"_s, u"t-2"_s}));
    QCOMPARE(draft.body, QByteArray(R"({"hello":"world"})"));

    auto *body = dialog->findChild<QPlainTextEdit *>(u"bodyEdit"_s);
    QVERIFY(body);
    body->setPlainText(u"{\"hello\":\"edited\"}"_s);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"sendButton"_s), Qt::LeftButton);
    QVERIFY(m_fx->sink->waitFor(2, u"/edit"_s));
    const auto received = m_fx->sink->requestsTo(u"/edit"_s).last();
    QCOMPARE(received.body, QByteArray(R"({"hello":"edited"})"));
    QCOMPARE(received.header("X-Trace"), QByteArray("t-2"));
}

void tst_MessagesPage::composerPublishes()
{
    MainWindow window(m_fx->client.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier);
    PublishDialog *dialog = waitForComposer();
    QVERIFY(dialog);

    auto *destination = dialog->findChild<QLineEdit *>(u"destinationLineEdit"_s);
    QTest::keyClicks(destination, m_fx->sink->url(u"/composed"_s));
    dialog->findChild<QComboBox *>(u"methodComboBox"_s)->setCurrentText(u"PATCH"_s);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"addHeaderButton"_s), Qt::LeftButton);
    auto *headers = dialog->findChild<QTableWidget *>(u"headersTable"_s);
    headers->item(0, 0)->setText(u"X-Api-Key"_s);
    headers->item(0, 1)->setText(u"k-123"_s);
    dialog->findChild<QPlainTextEdit *>(u"bodyEdit"_s)->setPlainText(u"{\"composed\":true}"_s);
    dialog->findChild<QLineEdit *>(u"labelsLineEdit"_s)->setText(u"ui, test"_s);

    const QString curl = dialog->findChild<QPlainTextEdit *>(u"curlEdit"_s)->toPlainText();
    QVERIFY2(curl.contains(m_fx->client->baseUrl() + u"/v2/publish/"_s +
                           m_fx->sink->url(u"/composed"_s)),
             qPrintable(curl));
    QVERIFY(curl.contains(u"-H 'Upstash-Forward-X-Api-Key: k-123'"_s));
    QVERIFY(curl.contains(u"-H 'Upstash-Method: PATCH'"_s));
    QVERIFY(curl.contains(u"--data-raw '{\"composed\":true}'"_s));

    QSignalSpy published(dialog, &PublishDialog::published);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"sendButton"_s), Qt::LeftButton);
    QVERIFY(m_fx->sink->waitFor(1, u"/composed"_s));
    const auto received = m_fx->sink->requestsTo(u"/composed"_s).first();
    QCOMPARE(received.method, QByteArray("PATCH"));
    QCOMPARE(received.header("X-Api-Key"), QByteArray("k-123"));
    QCOMPARE(received.body, QByteArray(R"({"composed":true})"));
    QTRY_COMPARE(published.count(), 1);
    QTRY_VERIFY(!dialog || !dialog->isVisible());
    // Pages not on screen catch up when shown.
    window.showPage(MainWindow::MessagesIndex);
    QTRY_COMPARE(window.messagesPage()->model()->rowCount(), 1);
    QCOMPARE(window.messagesPage()->model()->index(0, MessageModel::LabelsColumn).data().toString(),
             u"ui, test"_s);
}

void tst_MessagesPage::composerShowsTheBrokersError()
{
    PublishDialog dialog(m_fx->client.get());
    PublishDraft draft;
    draft.destination = m_fx->sink->url(u"/x"_s);
    draft.delay = u"soon"_s; // the broker rejects it
    dialog.setDraft(draft);
    dialog.show();
    dialog.send();
    auto *bar = dialog.findChild<MessageBar *>();
    QVERIFY(bar);
    QTRY_VERIFY2(bar->kind() == MessageBar::Error && bar->text().contains(u"Upstash-Delay"_s),
                 qPrintable(bar->text()));
    QVERIFY(dialog.isVisible()); // kept open to fix it
    QCOMPARE(m_fx->sink->requests().size(), 0);

    draft.destination = u"ftp://nope"_s;
    draft.delay.clear();
    dialog.setDraft(draft);
    dialog.send();
    QVERIFY(bar->text().contains(u"http://"_s)); // validated before the call
}

void tst_MessagesPage::composerEnqueuesAndShowsCurl()
{
    PublishDraft draft;
    draft.kind = PublishDraft::ToQueue;
    draft.queue = u"emails"_s;
    draft.destination = m_fx->sink->url(u"/queued"_s);
    draft.body = "it's";
    draft.retries = 0;
    QCOMPARE(draft.path(), u"/v2/enqueue/emails/"_s + m_fx->sink->url(u"/queued"_s));
    const QString curl = draft.curlCommand(u"http://127.0.0.1:8080"_s, u"tok"_s);
    QVERIFY2(curl.contains(u"--data-raw 'it'\\''s'"_s), qPrintable(curl)); // shell-quoted
    QVERIFY(curl.contains(u"-H 'Upstash-Retries: 0'"_s));

    PublishDialog dialog(m_fx->client.get());
    dialog.setDraft(draft);
    dialog.send();
    QVERIFY(m_fx->sink->waitFor(1, u"/queued"_s));
    QTRY_COMPARE(m_fx->count(u"SELECT COUNT(*) FROM messages WHERE queue_name = 'emails'"_s), 1);
}

QTEST_MAIN(tst_MessagesPage)
#include "tst_messagespage.moc"
