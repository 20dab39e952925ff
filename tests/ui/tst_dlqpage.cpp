// The Dead-letter queue page against a real broker and receiver: failed messages appear (model
// under QAbstractItemModelTester), Replay sends them to the receiver again, Delete removes
// them, "all matching" follows the filter, a bulk operation shows progress and stops when
// cancelled, edit-and-resend replaces an entry, and the API's error is shown when a call fails.

#include "dialogs/publishdialog.h"
#include "mainwindow.h"
#include "models/dlqmodel.h"
#include "pages/dlqpage.h"
#include "pages/messagespage.h"
#include "uitestsupport.h"
#include "widgets/bulkoperation.h"
#include "widgets/filterbar.h"
#include "widgets/messagebar.h"
#include "widgets/messageinspector.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace Dashboard;

class tst_DlqPage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void failedMessagesAppear();
    void replaySelected();
    void deleteSelected();
    void allMatchingFollowsTheFilter();
    void bulkShowsProgressAndCancels();
    void editAndResendRemovesTheEntry();
    void apiErrorsAreShown();
    void recentFailureOpensItsMessage();

private:
    // Publishes `n` messages to `path` that fail at once (no retries) and waits for their
    // dead-letter entries.
    QStringList fail(const QString &path, int n);
    qint64 dlqCount() { return m_fx->count(u"SELECT COUNT(*) FROM dlq"_s); }

    std::unique_ptr<UiTest::Fixture> m_fx;
};

void tst_DlqPage::init()
{
    m_fx = std::make_unique<UiTest::Fixture>();
    QVERIFY(m_fx->start());
    TestSupport::SinkResponse error;
    error.status = 500;
    error.body = R"({"error":"database down"})";
    for (const QString &path : {u"/fail/a"_s, u"/fail/b"_s, u"/bulk"_s})
        m_fx->sink->respond(path, error);
}

void tst_DlqPage::cleanup()
{
    Confirm::setNextAnswer(std::nullopt);
    m_fx.reset();
}

QStringList tst_DlqPage::fail(const QString &path, int n)
{
    QStringList ids;
    const qint64 before = dlqCount();
    for (int i = 0; i < n; ++i)
        ids.append(m_fx->publish(path, {{"Upstash-Retries", "0"}}, QByteArray::number(i)));
    if (!QTest::qWaitFor([&] { return dlqCount() == before + n; }, 20000))
        qWarning("only %lld of %d dead letters", dlqCount() - before, n);
    return ids;
}

void tst_DlqPage::failedMessagesAppear()
{
    DlqPage page(m_fx->client.get());
    page.show();
    QAbstractItemModelTester tester(page.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(page.model()->rowCount(), 0);
    const QStringList ids = fail(u"/fail/a"_s, 2);
    QCOMPARE(dlqCount(), 2);
    QTRY_COMPARE(page.model()->rowCount(), 2);
    QCOMPARE(page.model()->index(0, DlqModel::MessageColumn).data().toString(), ids.at(1));
    QCOMPARE(page.model()->index(0, DlqModel::StatusColumn).data().toString(),
             u"500 Internal Server Error"_s);
    QCOMPARE(page.model()->index(0, DlqModel::UrlColumn).data().toString(),
             m_fx->sink->url(u"/fail/a"_s));

    // The inspector shows the failing attempt and its response body.
    page.view()->selectRow(0);
    QTRY_VERIFY(page.inspector()->details().has_value());
    QCOMPARE(page.inspector()->messageId(), ids.at(1));
    QVERIFY(page.inspector()->details()->dlq.has_value());
    QCOMPARE(page.inspector()->details()->attempts.last().responseBody,
             QByteArray(R"({"error":"database down"})"));
}

void tst_DlqPage::replaySelected()
{
    fail(u"/fail/a"_s, 2);
    DlqPage page(m_fx->client.get());
    page.show();
    QTRY_COMPARE(page.model()->rowCount(), 2);
    m_fx->sink->respond(u"/fail/a"_s, TestSupport::SinkResponse{}); // fixed: answers 200 now
    const int before = m_fx->sink->countTo(u"/fail/a"_s);
    page.view()->selectRow(1); // the older one: body "0"
    page.replaySelected();
    QVERIFY(m_fx->sink->waitFor(before + 1, u"/fail/a"_s));
    QCOMPARE(m_fx->sink->requestsTo(u"/fail/a"_s).last().body, QByteArray("0"));
    QTRY_COMPARE(dlqCount(), 1);
    QTRY_COMPARE(page.model()->rowCount(), 1);
    QTRY_VERIFY(page.messageBar()->text().contains(u"Replayed 1 entry"_s));
}

void tst_DlqPage::deleteSelected()
{
    fail(u"/fail/a"_s, 3);
    DlqPage page(m_fx->client.get());
    page.show();
    QTRY_COMPARE(page.model()->rowCount(), 3);
    page.view()->selectRow(0);
    page.view()->selectionModel()->select(page.model()->index(2, 0),
                                          QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(page.selectedDlqIds().size(), 2);
    const int requests = int(m_fx->sink->requests().size());
    page.deleteSelected();
    QTRY_COMPARE(dlqCount(), 1);
    QTRY_COMPARE(page.model()->rowCount(), 1);
    QCOMPARE(int(m_fx->sink->requests().size()), requests); // nothing delivered
    QTRY_VERIFY(page.messageBar()->text().contains(u"Deleted 2 entries"_s));
}

void tst_DlqPage::allMatchingFollowsTheFilter()
{
    fail(u"/fail/a"_s, 3);
    fail(u"/fail/b"_s, 2);
    DlqPage page(m_fx->client.get());
    page.show();
    QTRY_COMPARE(page.model()->rowCount(), 5);
    MessageFilter filter;
    filter.url = u"/fail/b"_s;
    page.filterBar()->setFilter(filter);
    QTRY_COMPARE(page.model()->rowCount(), 2);
    QCOMPARE(page.model()->matchingDlqIds().size(), 2);

    m_fx->sink->respond(u"/fail/b"_s, TestSupport::SinkResponse{});
    const int before = m_fx->sink->countTo(u"/fail/b"_s);
    Confirm::setNextAnswer(false); // "no" changes nothing
    page.replayAllMatching();
    QCOMPARE(page.runningOperation(), nullptr);
    Confirm::setNextAnswer(true);
    page.replayAllMatching();
    QVERIFY(m_fx->sink->waitFor(before + 2, u"/fail/b"_s));
    QTRY_COMPARE(dlqCount(), 3); // only /fail/b's entries left the queue
    QTRY_COMPARE(page.model()->rowCount(), 0);

    page.filterBar()->clear();
    QTRY_COMPARE(page.model()->rowCount(), 3);
    Confirm::setNextAnswer(true);
    page.deleteAllMatching();
    QTRY_COMPARE(dlqCount(), 0);
    QTRY_COMPARE(page.model()->rowCount(), 0);
}

void tst_DlqPage::bulkShowsProgressAndCancels()
{
    fail(u"/bulk"_s, 130); // three chunks of 50
    DlqPage page(m_fx->client.get());
    page.show();
    QTRY_COMPARE(page.model()->rowCount(), 130);
    Confirm::setNextAnswer(true);
    page.deleteAllMatching();
    BulkOperation *operation = page.runningOperation();
    QVERIFY(operation);
    QCOMPARE(operation->total(), 130);
    auto *bar = page.findChild<QProgressBar *>(u"bulkProgressBar"_s);
    QVERIFY(bar && bar->isVisible());
    QSignalSpy progressed(operation, &BulkOperation::progressed);
    QSignalSpy finished(operation, &BulkOperation::finished);
    // Cancel as soon as the first chunk is done: the rest is not sent.
    QVERIFY(progressed.wait(10000) || !progressed.isEmpty());
    while (progressed.last().at(0).toInt() == 0)
        QVERIFY(progressed.wait(10000));
    QTest::mouseClick(page.findChild<QPushButton *>(u"bulkCancelButton"_s), Qt::LeftButton);
    QVERIFY(finished.wait(10000));
    // The chunk in flight when Cancel was clicked still completes; nothing after it is sent.
    const int done = finished.first().at(0).toInt();
    QVERIFY2(done == 50 || done == 100, qPrintable(QString::number(done)));
    QCOMPARE(finished.first().at(2).toBool(), true); // canceled
    QTRY_COMPARE(dlqCount(), 130 - done);
    QTRY_VERIFY(!bar->isVisible());
    QTRY_VERIFY(page.messageBar()->text().contains(u"Delete canceled: %1 of 130"_s.arg(done)));
    QTRY_COMPARE(page.model()->rowCount(), 130 - done);
}

void tst_DlqPage::editAndResendRemovesTheEntry()
{
    fail(u"/fail/a"_s, 1);
    DlqPage page(m_fx->client.get());
    page.show();
    QTRY_COMPARE(page.model()->rowCount(), 1);
    page.view()->selectRow(0);
    page.editAndResend();
    PublishDialog *dialog = page.findChild<PublishDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->draft().destination, m_fx->sink->url(u"/fail/a"_s));
    PublishDraft draft = dialog->draft();
    draft.destination = m_fx->sink->url(u"/fixed"_s);
    draft.body = "fixed body";
    dialog->setDraft(draft);
    dialog->send();
    QVERIFY(m_fx->sink->waitFor(1, u"/fixed"_s));
    QCOMPARE(m_fx->sink->requestsTo(u"/fixed"_s).first().body, QByteArray("fixed body"));
    QTRY_COMPARE(dlqCount(), 0);
    QTRY_VERIFY(page.messageBar()->text().contains(u"the dead-letter entry was removed"_s));
}

void tst_DlqPage::apiErrorsAreShown()
{
    fail(u"/fail/a"_s, 1);
    DlqPage page(m_fx->client.get());
    page.show();
    QTRY_COMPARE(page.model()->rowCount(), 1);
    page.view()->selectRow(0);
    m_fx->broker->service().stop(); // every API call now fails: "broker not running"
    page.replaySelected();
    QTRY_COMPARE(page.messageBar()->kind(), MessageBar::Error);
    QVERIFY2(page.messageBar()->text().contains(u"broker not running"_s),
             qPrintable(page.messageBar()->text()));
    QVERIFY(page.messageBar()->text().startsWith(u"Replay stopped after 0 entries"_s));
}

void tst_DlqPage::recentFailureOpensItsMessage()
{
    const QStringList ids = fail(u"/fail/a"_s, 2);
    MainWindow window(m_fx->client.get());
    window.show();
    QTreeWidget *failures = window.overviewPage()->recentFailures();
    QTRY_COMPARE(failures->topLevelItemCount(), 2);
    QTreeWidgetItem *older = failures->topLevelItem(1);
    QCOMPARE(older->text(1), ids.at(0));
    QCOMPARE(older->text(3), u"500 Internal Server Error"_s);
    emit failures->itemActivated(older, 0); // a double-click
    QCOMPARE(window.currentPage(), MainWindow::MessagesIndex);
    QTRY_COMPARE(window.messagesPage()->currentMessageId(), ids.at(0));
    QCOMPARE(window.messagesPage()->inspector()->messageId(), ids.at(0));
}

QTEST_MAIN(tst_DlqPage)
#include "tst_dlqpage.moc"
