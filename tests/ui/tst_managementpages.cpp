// The URL groups, Schedules and Queues pages against a real broker and receiver: each action
// goes through the API and shows up in the page's model (under QAbstractItemModelTester);
// publishing to a group reaches every endpoint; a paused schedule does not tick, a resumed one
// does, "trigger now" delivers; a paused queue holds its messages (lag) until resumed; the
// API's errors are shown inline; empty tables show their empty state.

#include "dialogs/publishdialog.h"
#include "dialogs/scheduledialog.h"
#include "models/queuemodel.h"
#include "models/schedulemodel.h"
#include "models/urlgroupmodel.h"
#include "pages/queuespage.h"
#include "pages/schedulespage.h"
#include "pages/urlgroupspage.h"
#include "uitestsupport.h"
#include "widgets/messagebar.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QTextBrowser>

using namespace Qt::StringLiterals;
using namespace Dashboard;

class tst_ManagementPages : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void emptyStates();
    void urlGroupLifecycle();
    void publishToGroupReachesEveryEndpoint();
    void urlGroupErrorsAreShown();
    void scheduleCreatedFromTheDialog();
    void pausedScheduleDoesNotTick();
    void triggerNowAndDelete();
    void queueLifecycle();
    void pausedQueueHoldsItsMessages();

private:
    bool wait(const std::function<void(std::function<void(bool)>)> &action)
    {
        std::optional<bool> ok;
        action([&ok](bool result) { ok = result; });
        return QTest::qWaitFor([&ok] { return ok.has_value(); }, 10000) && *ok;
    }

    std::unique_ptr<UiTest::Fixture> m_fx;
};

void tst_ManagementPages::init()
{
    m_fx = std::make_unique<UiTest::Fixture>();
    QVERIFY(m_fx->start());
}

void tst_ManagementPages::cleanup()
{
    m_fx.reset();
}

void tst_ManagementPages::emptyStates()
{
    UrlGroupsPage groups(m_fx->client.get());
    SchedulesPage schedules(m_fx->client.get());
    QueuesPage queues(m_fx->client.get());
    for (QWidget *page : {static_cast<QWidget *>(&groups), static_cast<QWidget *>(&schedules),
                          static_cast<QWidget *>(&queues)}) {
        auto *stack = page->findChild<QStackedWidget *>();
        QVERIFY(stack);
        auto *label = qobject_cast<QLabel *>(stack->currentWidget());
        QVERIFY2(label, qPrintable(page->objectName()));
        QVERIFY(label->text().contains(u"No "_s));
    }
    // Without a broker at all, pages still build and stay empty.
    UrlGroupsPage offline(nullptr);
    QCOMPARE(offline.groupModel()->rowCount(), 0);
}

void tst_ManagementPages::urlGroupLifecycle()
{
    UrlGroupsPage page(m_fx->client.get());
    QAbstractItemModelTester groupTester(page.groupModel(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester endpointTester(page.endpointModel(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(wait([&](auto done) {
        page.addEndpoint(u"orders"_s, m_fx->sink->url(u"/a"_s), u"first"_s, done);
    }));
    QCOMPARE(page.groupModel()->rowCount(), 1);
    QCOMPARE(page.currentGroup(), u"orders"_s);
    QVERIFY(wait([&](auto done) {
        page.addEndpoint(u"orders"_s, m_fx->sink->url(u"/b"_s), QString(), done);
    }));
    QCOMPARE(page.endpointModel()->rowCount(), 2);
    QCOMPARE(page.groupModel()->index(0, UrlGroupModel::EndpointsColumn).data().toInt(), 2);
    QCOMPARE(page.endpointModel()->index(0, EndpointModel::NameColumn).data().toString(),
             u"first"_s);

    QVERIFY(wait([&](auto done) { page.renameGroup(u"orders"_s, u"purchases"_s, done); }));
    QCOMPARE(page.groupModel()->rowCount(), 1);
    QCOMPARE(page.groupModel()->keyAt(0), u"purchases"_s);
    QCOMPARE(page.currentGroup(), u"purchases"_s);
    QCOMPARE(page.endpointModel()->rowCount(), 2); // the endpoints moved along

    QVERIFY(wait(
        [&](auto done) { page.removeEndpoint(u"purchases"_s, m_fx->sink->url(u"/a"_s), done); }));
    QCOMPARE(page.endpointModel()->rowCount(), 1);
    QCOMPARE(page.endpointModel()->urlAt(0), m_fx->sink->url(u"/b"_s));

    QVERIFY(wait([&](auto done) { page.deleteGroup(u"purchases"_s, done); }));
    QCOMPARE(page.groupModel()->rowCount(), 0);
    QCOMPARE(page.messageBar()->text(), u"Deleted URL group purchases."_s);
}

void tst_ManagementPages::publishToGroupReachesEveryEndpoint()
{
    UrlGroupsPage page(m_fx->client.get());
    page.show();
    QVERIFY(wait([&](auto done) {
        page.addEndpoint(u"fan"_s, m_fx->sink->url(u"/one"_s), QString(), done);
    }));
    QVERIFY(wait([&](auto done) {
        page.addEndpoint(u"fan"_s, m_fx->sink->url(u"/two"_s), QString(), done);
    }));
    page.publishTestMessage();
    PublishDialog *dialog = page.findChild<PublishDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->draft().kind, PublishDraft::ToGroup);
    QCOMPARE(dialog->draft().destination, u"fan"_s);
    dialog->send();
    QVERIFY(m_fx->sink->waitFor(1, u"/one"_s));
    QVERIFY(m_fx->sink->waitFor(1, u"/two"_s));
    QCOMPARE(m_fx->sink->requestsTo(u"/one"_s).first().header("Upstash-Topic-Name"),
             QByteArray("fan"));
    QTRY_VERIFY(page.messageBar()->text().startsWith(u"Published: msg_"_s));
}

void tst_ManagementPages::urlGroupErrorsAreShown()
{
    UrlGroupsPage page(m_fx->client.get());
    QVERIFY(
        !wait([&](auto done) { page.addEndpoint(u"bad"_s, u"ftp://nowhere"_s, QString(), done); }));
    QCOMPARE(page.messageBar()->kind(), MessageBar::Error);
    QVERIFY2(page.messageBar()->text().startsWith(u"Could not add the endpoint: "_s),
             qPrintable(page.messageBar()->text()));
    QVERIFY(!wait([&](auto done) {
        page.addEndpoint(u"no spaces allowed"_s, m_fx->sink->url(u"/a"_s), QString(), done);
    }));
    QCOMPARE(page.messageBar()->kind(), MessageBar::Error);
    QCOMPARE(page.groupModel()->rowCount(), 0);
}

void tst_ManagementPages::scheduleCreatedFromTheDialog()
{
    SchedulesPage page(m_fx->client.get());
    QAbstractItemModelTester tester(page.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    page.show();
    page.newSchedule();
    auto *dialog = page.findChild<ScheduleDialog *>();
    QVERIFY(dialog);
    auto *cron = dialog->findChild<QLineEdit *>(u"cronLineEdit"_s);
    auto *info = dialog->findChild<QLabel *>(u"cronInfoLabel"_s);
    auto *save = dialog->findChild<QPushButton *>(u"saveScheduleButton"_s);
    // Live validation: a bad field is named and Save stays disabled.
    cron->setText(u"61 * * * *"_s);
    QVERIFY2(info->text().contains(u"minute"_s), qPrintable(info->text()));
    QVERIFY(!save->isEnabled());
    cron->setText(u"*/5 * * * 1-5"_s);
    QVERIFY2(info->text().contains(u"every 5 minutes, Mon–Fri"_s), qPrintable(info->text()));
    dialog->findChild<QLineEdit *>(u"scheduleDestinationLineEdit"_s)
        ->setText(m_fx->sink->url(u"/tick"_s));
    dialog->findChild<QLineEdit *>(u"scheduleIdLineEdit"_s)->setText(u"weekday-report"_s);
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE(page.model()->rowCount(), 1);
    QCOMPARE(page.model()->keyAt(0), u"weekday-report"_s);
    QCOMPARE(page.model()->index(0, ScheduleModel::DescriptionColumn).data().toString(),
             u"every 5 minutes, Mon–Fri"_s);
    QCOMPARE(page.model()->index(0, ScheduleModel::StateColumn).data().toString(), u"Active"_s);
    page.selectSchedule(u"weekday-report"_s);
    QTRY_VERIFY(page.details()->toPlainText().contains(u"Next runs"_s));
    const QString details = page.details()->toPlainText();
    QVERIFY2(details.contains(u"UTC"_s), qPrintable(details));
    // The API's description arrives too (method, headers).
    QTRY_VERIFY(page.details()->toPlainText().contains(u"Content-Type: application/json"_s));
}

void tst_ManagementPages::pausedScheduleDoesNotTick()
{
    SchedulesPage page(m_fx->client.get());
    const auto created =
        UiTest::callSync(*m_fx->client, "POST", u"/v2/schedules/"_s + m_fx->sink->url(u"/cron"_s),
                         "tick", {{"Upstash-Cron", "* * * * *"}, {"Upstash-Schedule-Id", "every"}});
    QVERIFY2(created.ok(), created.body.constData());
    page.refresh();
    QCOMPARE(page.model()->rowCount(), 1);
    page.selectSchedule(u"every"_s);

    QVERIFY(wait([&](auto done) { page.setPaused(u"every"_s, true, done); }));
    QCOMPARE(page.model()->index(0, ScheduleModel::StateColumn).data().toString(), u"Paused"_s);
    QCOMPARE(page.model()->index(0, ScheduleModel::NextColumn).data().toString(), u"—"_s);
    m_fx->broker->clock().advance(5 * 60'000);
    // Give a (wrong) tick every chance to arrive: publish a marker after it and wait for that.
    m_fx->publish(u"/marker"_s);
    QVERIFY(m_fx->sink->waitFor(1, u"/marker"_s));
    QCOMPARE(m_fx->sink->countTo(u"/cron"_s), 0);

    QVERIFY(wait([&](auto done) { page.setPaused(u"every"_s, false, done); }));
    QCOMPARE(page.model()->index(0, ScheduleModel::StateColumn).data().toString(), u"Active"_s);
    m_fx->broker->clock().advance(61'000);
    QVERIFY(m_fx->sink->waitFor(1, u"/cron"_s));
    QCOMPARE(m_fx->sink->requestsTo(u"/cron"_s).first().header("Upstash-Schedule-Id"),
             QByteArray("every"));
}

void tst_ManagementPages::triggerNowAndDelete()
{
    SchedulesPage page(m_fx->client.get());
    const auto created = UiTest::callSync(
        *m_fx->client, "POST", u"/v2/schedules/"_s + m_fx->sink->url(u"/now"_s), R"({"n":1})",
        {{"Upstash-Cron", "0 0 1 1 *"},
         {"Upstash-Schedule-Id", "yearly"},
         {"Content-Type", "application/json"},
         {"Upstash-Forward-X-Tag", "t"}});
    QVERIFY(created.ok());
    page.refresh();
    QVERIFY(wait([&](auto done) { page.triggerNow(u"yearly"_s, done); }));
    QVERIFY(m_fx->sink->waitFor(1, u"/now"_s));
    const auto received = m_fx->sink->requestsTo(u"/now"_s).first();
    QCOMPARE(received.body, QByteArray(R"({"n":1})"));
    QCOMPARE(received.header("X-Tag"), QByteArray("t"));
    QVERIFY(page.messageBar()->text().startsWith(u"Triggered yearly: sent msg_"_s));

    QVERIFY(wait([&](auto done) { page.deleteSchedule(u"yearly"_s, done); }));
    QCOMPARE(page.model()->rowCount(), 0);
    QVERIFY(!wait([&](auto done) { page.deleteSchedule(u"yearly"_s, done); }));
    QCOMPARE(page.messageBar()->kind(), MessageBar::Error);
}

void tst_ManagementPages::queueLifecycle()
{
    QueuesPage page(m_fx->client.get());
    QAbstractItemModelTester tester(page.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(wait([&](auto done) { page.upsertQueue(u"emails"_s, 2, false, done); }));
    QCOMPARE(page.model()->rowCount(), 1);
    QCOMPARE(page.model()->index(0, QueueModel::ParallelismColumn).data().toInt(), 2);
    QCOMPARE(page.model()->index(0, QueueModel::StateColumn).data().toString(), u"Running"_s);
    QCOMPARE(page.currentQueue(), u"emails"_s);

    QVERIFY(wait([&](auto done) { page.upsertQueue(u"emails"_s, 5, false, done); }));
    QCOMPARE(page.model()->index(0, QueueModel::ParallelismColumn).data().toInt(), 5);
    QVERIFY(wait([&](auto done) { page.setPaused(u"emails"_s, true, done); }));
    QCOMPARE(page.model()->index(0, QueueModel::StateColumn).data().toString(), u"Paused"_s);
    QVERIFY(wait([&](auto done) { page.setPaused(u"emails"_s, false, done); }));
    QCOMPARE(page.model()->index(0, QueueModel::StateColumn).data().toString(), u"Running"_s);
    QVERIFY(wait([&](auto done) { page.deleteQueue(u"emails"_s, done); }));
    QCOMPARE(page.model()->rowCount(), 0);
    QVERIFY(!wait([&](auto done) { page.upsertQueue(u"bad name"_s, 1, false, done); }));
    QVERIFY(page.messageBar()->text().startsWith(u"Could not save the queue: "_s));
}

void tst_ManagementPages::pausedQueueHoldsItsMessages()
{
    QueuesPage page(m_fx->client.get());
    page.show();
    QVERIFY(wait([&](auto done) { page.upsertQueue(u"held"_s, 1, true, done); }));
    for (int i = 0; i < 3; ++i) {
        const auto r = UiTest::callSync(*m_fx->client, "POST",
                                        u"/v2/enqueue/held/"_s + m_fx->sink->url(u"/q"_s), "x");
        QVERIFY2(r.ok(), r.body.constData());
    }
    QTRY_COMPARE(page.model()->index(0, QueueModel::LagColumn).data().toLongLong(), 3);
    QCOMPARE(m_fx->sink->countTo(u"/q"_s), 0);
    QVERIFY(wait([&](auto done) { page.setPaused(u"held"_s, false, done); }));
    QVERIFY(m_fx->sink->waitFor(3, u"/q"_s));
    QTRY_COMPARE(page.model()->index(0, QueueModel::LagColumn).data().toLongLong(), 0);
}

QTEST_MAIN(tst_ManagementPages)
#include "tst_managementpages.moc"
