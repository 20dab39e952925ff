// A screenshot of every page (and the composer and schedule dialogs) with realistic data from a
// real broker and receiver, saved to $LOCALSTASH_TEST_OUTPUT for a visual check: deliveries,
// failures in the dead-letter queue, a URL group, queues, schedules, a live chart.

#include "dialogs/publishdialog.h"
#include "dialogs/scheduledialog.h"
#include "mainwindow.h"
#include "models/dlqmodel.h"
#include "models/messagemodel.h"
#include "pages/dlqpage.h"
#include "pages/messagespage.h"
#include "pages/queuespage.h"
#include "pages/schedulespage.h"
#include "pages/settingspage.h"
#include "pages/urlgroupspage.h"
#include "uitestsupport.h"
#include "widgets/messageinspector.h"
#include "widgets/throughputchart.h"

#include <QDateTime>

#include <cmath>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTextBrowser>

using namespace Qt::StringLiterals;
using namespace Dashboard;

class tst_Screenshots : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void everyPage();

private:
    void fillBroker();
    void shoot(MainWindow &window, MainWindow::Page page, const QString &name);

    std::unique_ptr<UiTest::Fixture> m_fx;
    QStringList m_saved;
};

void tst_Screenshots::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"LocalStash"_s);
    QCoreApplication::setApplicationName(u"tst_screenshots"_s);
    QSettings().clear();
    m_fx = std::make_unique<UiTest::Fixture>();
    QVERIFY(m_fx->start());
    fillBroker();
}

void tst_Screenshots::cleanupTestCase()
{
    m_fx.reset();
    qInfo("%lld screenshots", qlonglong(m_saved.size()));
}

void tst_Screenshots::fillBroker()
{
    auto &fx = *m_fx;
    TestSupport::SinkResponse down;
    down.status = 503;
    down.body = R"({"error":"payments service unavailable"})";
    down.headers = {{"Content-Type", "application/json"}, {"Retry-After", "30"}};
    fx.sink->respond(u"/api/payments"_s, down);
    TestSupport::SinkResponse fatal;
    fatal.status = 489;
    fatal.body = "invalid invoice number";
    fatal.headers = {{"Upstash-NonRetryable-Error", "true"}};
    fx.sink->respond(u"/api/invoices"_s, fatal);

    const auto call = [&](const QByteArray &method, const QString &path, const QByteArray &body,
                          const Broker::HeaderList &headers) {
        const auto r = UiTest::callSync(*fx.client, method, path, body, headers);
        if (!r.ok())
            qWarning("%s %s: %s", method.constData(), qPrintable(path), r.body.constData());
    };
    const Broker::HeaderList json = {{"Content-Type", "application/json"}};
    call("POST", u"/v2/topics/orders/endpoints"_s,
         R"({"endpoints":[{"url":")" + fx.sink->url(u"/api/warehouse"_s).toUtf8() +
             R"(","name":"warehouse"},{"url":")" + fx.sink->url(u"/api/billing"_s).toUtf8() +
             R"(","name":"billing"}]})",
         json);
    call("POST", u"/v2/topics/audit/endpoints"_s,
         R"({"endpoints":[{"url":")" + fx.sink->url(u"/api/audit"_s).toUtf8() + R"("}]})", json);
    call("POST", u"/v2/queues"_s, R"({"queueName":"emails","parallelism":2,"paused":false})", json);
    call("POST", u"/v2/queues"_s, R"({"queueName":"exports","parallelism":1,"paused":true})", json);
    call("POST", u"/v2/schedules/"_s + fx.sink->url(u"/api/reports"_s), R"({"report":"daily"})",
         {{"Upstash-Cron", "*/5 * * * 1-5"},
          {"Upstash-Schedule-Id", "weekday-digest"},
          {"Content-Type", "application/json"}});
    call("POST", u"/v2/schedules/"_s + fx.sink->url(u"/api/cleanup"_s), {},
         {{"Upstash-Cron", "CRON_TZ=Europe/Berlin 0 3 * * *"},
          {"Upstash-Schedule-Id", "nightly-cleanup"}});
    call("POST", u"/v2/schedules/orders"_s, R"({"ping":true})",
         {{"Upstash-Cron", "0 9 1 * *"}, {"Upstash-Schedule-Id", "monthly-ping"}});
    call("POST", u"/v2/schedules/monthly-ping/pause"_s, {}, {});

    const QStringList customers = {u"ada"_s, u"grace"_s, u"linus"_s, u"margaret"_s, u"ken"_s};
    for (int i = 0; i < 24; ++i) {
        const QString customer = customers.at(i % customers.size());
        fx.broker->clock().advance(7'000 + 1'300 * (i % 5));
        const QByteArray body = QByteArray(R"({"orderId":")") + QByteArray::number(4100 + i) +
                                R"(","customer":")" + customer.toUtf8() + R"(","total":)" +
                                QByteArray::number(19.9 + i * 3.5) + "}";
        if (i % 6 == 0) {
            call("POST", u"/v2/publish/orders"_s, body,
                 {{"Content-Type", "application/json"}, {"Upstash-Label", "orders"}});
        } else if (i % 6 == 1) {
            call("POST", u"/v2/enqueue/emails/"_s + fx.sink->url(u"/api/emails/welcome"_s),
                 R"({"to":")" + customer.toUtf8() + R"(@example.com","template":"welcome"})",
                 {{"Content-Type", "application/json"}, {"Upstash-Label", "email"}});
        } else if (i % 6 == 2) {
            fx.publish(u"/api/payments"_s,
                       {{"Upstash-Retries", "0"}, {"Upstash-Label", "billing,eu"}}, body);
        } else if (i % 6 == 3) {
            fx.publish(u"/api/invoices"_s, {{"Upstash-Forward-X-Tenant", customer.toUtf8()}}, body);
        } else if (i % 6 == 4) {
            fx.publish(
                u"/api/shipping/notify"_s,
                {{"Upstash-Method", "PUT"}, {"Upstash-Forward-Authorization", "Bearer demo"}},
                body);
        } else {
            fx.publish(u"/api/reminders"_s, {{"Upstash-Delay", "2h"}, {"Upstash-Label", "later"}},
                       body);
        }
    }
    call("POST", u"/v2/enqueue/exports/"_s + fx.sink->url(u"/api/exports"_s), R"({"kind":"csv"})",
         json);
    // Let deliveries and failures settle.
    QVERIFY(QTest::qWaitFor(
        [&] {
            return fx.count(u"SELECT COUNT(*) FROM messages WHERE state IN ('ACTIVE')"_s) == 0 &&
                   fx.count(u"SELECT COUNT(*) FROM dlq"_s) >= 8;
        },
        20000));
}

void tst_Screenshots::shoot(MainWindow &window, MainWindow::Page page, const QString &name)
{
    window.showPage(page);
    QApplication::processEvents();
    const QString path = UiTest::saveScreenshot(&window, name);
    QVERIFY2(!path.isEmpty(), qPrintable(name));
    m_saved.append(path);
}

void tst_Screenshots::everyPage()
{
    MainWindow window(m_fx->client.get());
    BrokerStatus status;
    status.baseUrl = m_fx->client->baseUrl();
    status.token = m_fx->client->token();
    status.currentSigningKey = m_fx->client->signingKeys().current;
    status.nextSigningKey = m_fx->client->signingKeys().next;
    status.dataDir = u"/home/alex/.local/share/LocalStash"_s;
    window.setStatus(status);
    window.resize(1280, 820);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // Five minutes of samples for the chart: a steady flow with a burst and a failure spike.
    ThroughputChart *chart = window.overviewPage()->chart();
    chart->clear();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 delivered = 12'000;
    qint64 failed = 40;
    for (int s = 300; s >= 0; --s) {
        // A steady flow, a burst two minutes ago that the backlog absorbs, a failure spike.
        const double wave = std::sin(s / 9.0) * 6 + std::sin(s / 23.0) * 4;
        const bool burst = s > 120 && s < 150;
        delivered += qint64(28 + wave + (burst ? 70 : 0));
        failed += (s > 200 && s < 212) ? 9 : (s % 31 == 0 ? 2 : 0);
        const qint64 backlog = qint64(12 + wave / 2 + (s > 105 && s < 160 ? (160 - s) * 3 : 0));
        chart->addSample(now - qint64(s) * 1000, {{u"DELIVERED"_s, delivered},
                                                  {u"FAILED"_s, failed},
                                                  {u"PENDING"_s, backlog},
                                                  {u"RETRY"_s, 3}});
    }
    window.setCounts(m_fx->broker->service().counts());
    window.overviewPage()->refreshFailures();
    shoot(window, MainWindow::OverviewIndex, u"page-overview.png"_s);

    MessagesPage *messages = window.messagesPage();
    window.showPage(MainWindow::MessagesIndex);
    QTRY_VERIFY(messages->model()->rowCount() >= 24);
    // A delivered message with a forwarded header: the inspector's attempt and signature.
    for (int row = 0; row < messages->model()->rowCount(); ++row) {
        if (messages->model()
                ->index(row, MessageModel::UrlColumn)
                .data()
                .toString()
                .contains(u"shipping"_s)) {
            QVERIFY(messages->selectMessage(messages->model()->messageId(row)));
            break;
        }
    }
    messages->inspector()->setCurrentTab(MessageInspector::AttemptsTab);
    shoot(window, MainWindow::MessagesIndex, u"page-messages.png"_s);
    messages->inspector()->setCurrentTab(MessageInspector::SummaryTab);
    shoot(window, MainWindow::MessagesIndex, u"page-messages-summary.png"_s);
    messages->inspector()->setCurrentTab(MessageInspector::EventsTab);
    shoot(window, MainWindow::MessagesIndex, u"page-messages-events.png"_s);

    DlqPage *dlq = window.dlqPage();
    window.showPage(MainWindow::DeadLetterIndex);
    QTRY_VERIFY(dlq->model()->rowCount() >= 8);
    dlq->view()->selectRow(0);
    shoot(window, MainWindow::DeadLetterIndex, u"page-deadletters.png"_s);

    window.urlGroupsPage()->refresh();
    window.urlGroupsPage()->selectGroup(u"orders"_s);
    shoot(window, MainWindow::UrlGroupsIndex, u"page-urlgroups.png"_s);

    window.schedulesPage()->refresh();
    window.schedulesPage()->selectSchedule(u"weekday-digest"_s);
    window.showPage(MainWindow::SchedulesIndex);
    QTRY_VERIFY(
        window.schedulesPage()->findChild<QTextBrowser *>()->toPlainText().contains(u"Method"_s));
    shoot(window, MainWindow::SchedulesIndex, u"page-schedules.png"_s);

    window.queuesPage()->refresh();
    window.queuesPage()->selectQueue(u"emails"_s);
    shoot(window, MainWindow::QueuesIndex, u"page-queues.png"_s);

    // Settings as saved, then with a saved port change waiting for a restart.
    window.setRestartSupported(true);
    shoot(window, MainWindow::SettingsIndex, u"page-settings.png"_s);
    SettingsPage *settings = window.settingsPage();
    settings->findChild<QSpinBox *>(u"portSpinBox"_s)->setValue(8088);
    settings->findChild<QDoubleSpinBox *>(u"timeScaleSpinBox"_s)->setValue(0.01);
    std::optional<bool> applied;
    settings->apply([&applied](bool ok) { applied = ok; });
    QTRY_VERIFY(applied.has_value());
    QVERIFY(*applied);
    settings->findChild<QLineEdit *>(u"bindAddressEdit"_s)->setText(u"0.0.0.0"_s);
    shoot(window, MainWindow::SettingsIndex, u"page-settings-restart.png"_s);

    // The composer, filled in, with its curl command.
    PublishDraft draft;
    draft.destination = m_fx->sink->url(u"/api/orders"_s);
    draft.headers = {{u"Content-Type"_s, u"application/json"_s}, {u"X-Tenant"_s, u"acme"_s}};
    draft.body = "{\n  \"orderId\": \"4242\",\n  \"customer\": \"ada\"\n}";
    draft.delay = u"30s"_s;
    draft.retries = 5;
    draft.labels = {u"orders"_s};
    PublishDialog *composer = PublishDialog::openComposer(m_fx->client.get(), &window, draft);
    QVERIFY(QTest::qWaitForWindowExposed(composer));
    const QString composerShot = UiTest::saveScreenshot(composer, u"dialog-composer.png"_s);
    QVERIFY(!composerShot.isEmpty());
    m_saved.append(composerShot);
    composer->close();

    auto *scheduleDialog = new ScheduleDialog(m_fx->client.get(), true, &window);
    scheduleDialog->setAttribute(Qt::WA_DeleteOnClose);
    ScheduleDraft schedule;
    schedule.destination = m_fx->sink->url(u"/api/reports"_s);
    schedule.cron = u"CRON_TZ=America/New_York 30 9 * * 1-5"_s;
    schedule.headers = {{u"Content-Type"_s, u"application/json"_s}};
    schedule.body = R"({"report":"weekly"})";
    scheduleDialog->setDraft(schedule);
    scheduleDialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(scheduleDialog));
    const QString scheduleShot = UiTest::saveScreenshot(scheduleDialog, u"dialog-schedule.png"_s);
    QVERIFY(!scheduleShot.isEmpty());
    m_saved.append(scheduleShot);
    scheduleDialog->close();
}

QTEST_MAIN(tst_Screenshots)
#include "tst_screenshots.moc"
