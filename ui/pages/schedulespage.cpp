#include "schedulespage.h"

#include "brokerclient.h"
#include "crondescriber.h"
#include "dialogs/scheduledialog.h"
#include "format.h"
#include "models/schedulemodel.h"
#include "widgets/bulkoperation.h"
#include "widgets/messagebar.h"
#include "widgets/pagewidgets.h"

#include <QAction>
#include <QDateTime>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Dashboard {

namespace {

QString row(const QString &name, const QString &html)
{
    return u"<tr><td style='padding-right:14px; white-space:nowrap'><b>"_s + name.toHtmlEscaped() +
           u"</b></td><td>"_s + html + u"</td></tr>"_s;
}

} // namespace

SchedulesPage::SchedulesPage(BrokerClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    setObjectName(u"schedulesPage"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 6);
    //: Page title
    layout->addWidget(makePageTitle(tr("Schedules"), this));
    layout->addWidget(createToolBar());
    m_messageBar = new MessageBar(this);
    layout->addWidget(m_messageBar);

    m_model = new ScheduleModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(u"scheduleTable"_s);
    m_view->setModel(m_model);
    configureTable(m_view, false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->addActions(
        {m_editAction, m_pauseAction, m_resumeAction, m_triggerAction, m_deleteAction});
    fitColumn(m_view, ScheduleModel::IdColumn, u"nightly-cleanup-1"_s);
    fitColumn(m_view, ScheduleModel::CronColumn, u"*/15 9-17 * * 1-5"_s);
    fitColumn(m_view, ScheduleModel::DescriptionColumn, u"every 5 minutes, Mon–Fri (UTC)"_s);
    fitColumn(m_view, ScheduleModel::DestinationColumn, u"https://example.com/api/report"_s);
    fitColumn(m_view, ScheduleModel::StateColumn, tr("Paused"), true);
    fitColumn(m_view, ScheduleModel::NextColumn, Format::time(1'767'225'600'000));
    connect(m_view, &QTableView::doubleClicked, this, &SchedulesPage::editSelected);

    m_details = new QTextBrowser(this);
    m_details->setObjectName(u"scheduleDetailsBrowser"_s);
    m_details->setOpenLinks(false);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setChildrenCollapsible(false);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *empty = makeEmptyState(u"schedulesEmptyLabel"_s, this);
    empty->setText(tr("<p><b>No schedules yet</b></p><p>A schedule publishes a message on a "
                      "cron, e.g. <code>*/5 * * * *</code> for every five minutes. Create one "
                      "with <i>New Schedule…</i> or the SDK's <code>schedules.create()</code>."
                      "</p>"));
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(splitter);
    m_stack->addWidget(empty);
    layout->addWidget(m_stack, 1);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateState();
        showDetails();
    });
    connect(m_model, &ListSqlModel::errorOccurred, m_messageBar, &MessageBar::showError);
    if (m_client) {
        connect(m_client, &BrokerClient::storeChanged, this, [this] {
            if (isVisible())
                refresh();
        });
        if (m_client->hasDatabase())
            m_model->setConnectionName(m_client->connectionName());
    }
    refresh();
}

QWidget *SchedulesPage::createToolBar()
{
    auto *bar = new QToolBar(this);
    bar->setObjectName(u"schedulesToolBar"_s);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    //: Schedules page actions
    QAction *add = bar->addAction(tr("New Schedule…"));
    add->setObjectName(u"newScheduleAction"_s);
    connect(add, &QAction::triggered, this, &SchedulesPage::newSchedule);
    m_editAction = bar->addAction(tr("Edit…"));
    m_editAction->setObjectName(u"editScheduleAction"_s);
    connect(m_editAction, &QAction::triggered, this, &SchedulesPage::editSelected);
    bar->addSeparator();
    m_pauseAction = bar->addAction(tr("Pause"));
    m_pauseAction->setObjectName(u"pauseScheduleAction"_s);
    connect(m_pauseAction, &QAction::triggered, this, &SchedulesPage::pauseSelected);
    m_resumeAction = bar->addAction(tr("Resume"));
    m_resumeAction->setObjectName(u"resumeScheduleAction"_s);
    connect(m_resumeAction, &QAction::triggered, this, &SchedulesPage::resumeSelected);
    m_triggerAction = bar->addAction(tr("Trigger Now"));
    m_triggerAction->setObjectName(u"triggerScheduleAction"_s);
    m_triggerAction->setToolTip(tr("Publish the schedule's message once, now"));
    connect(m_triggerAction, &QAction::triggered, this, &SchedulesPage::triggerSelected);
    bar->addSeparator();
    m_deleteAction = bar->addAction(tr("Delete"));
    m_deleteAction->setObjectName(u"deleteScheduleAction"_s);
    connect(m_deleteAction, &QAction::triggered, this, &SchedulesPage::deleteSelected);
    bar->addSeparator();
    QAction *refreshAction = bar->addAction(tr("Refresh"));
    refreshAction->setShortcut(QKeySequence::Refresh);
    refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(refreshAction, &QAction::triggered, this, &SchedulesPage::refresh);
    addAction(refreshAction);
    return bar;
}

QString SchedulesPage::currentSchedule() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? m_model->keyAt(current.row()) : QString();
}

void SchedulesPage::selectSchedule(const QString &id)
{
    const int r = m_model->rowOfKey(id);
    if (r >= 0)
        m_view->selectionModel()->setCurrentIndex(
            m_model->index(r, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void SchedulesPage::refresh()
{
    const QString keep = currentSchedule();
    m_model->refresh();
    if (!keep.isEmpty() && currentSchedule() != keep)
        selectSchedule(keep);
    if (currentSchedule().isEmpty() && m_model->rowCount() > 0)
        selectSchedule(m_model->keyAt(0));
    updateState();
    showDetails();
}

void SchedulesPage::updateState()
{
    m_stack->setCurrentIndex(m_model->rowCount() > 0 ? 0 : 1);
    const QModelIndex current = m_view->currentIndex();
    const bool live = m_client && current.isValid();
    const bool paused = current.isValid() && m_model->pausedAt(current.row());
    m_editAction->setEnabled(live);
    m_pauseAction->setEnabled(live && !paused);
    m_resumeAction->setEnabled(live && paused);
    m_triggerAction->setEnabled(live);
    m_deleteAction->setEnabled(live);
}

void SchedulesPage::showDetails()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_details->clear();
        return;
    }
    const int r = current.row();
    const QString id = m_model->keyAt(r);
    const QString cronText = m_model->cronAt(r);
    QString html = u"<table cellspacing='0' cellpadding='2'>"_s;
    html += row(tr("Schedule"), u"<code>"_s + id.toHtmlEscaped() + u"</code>"_s);
    html += row(tr("Cron"), u"<code>"_s + cronText.toHtmlEscaped() + u"</code>"_s);
    const auto cron = Broker::CronExpression::parse(cronText);
    if (cron) {
        html += row(tr("Runs"), CronDescriber::describe(cron.value()).toHtmlEscaped());
        html += row(tr("Time zone"), cron->timeZoneId().toHtmlEscaped());
        QStringList times;
        for (const QDateTime &t :
             CronDescriber::nextFireTimes(cron.value(), QDateTime::currentMSecsSinceEpoch(), 5))
            times.append(t.toString(u"ddd yyyy-MM-dd HH:mm t"_s).toHtmlEscaped());
        html += row(m_model->pausedAt(r) ? tr("Would run next") : tr("Next runs"),
                    times.join(u"<br/>"_s));
    } else {
        html += row(tr("Problem"), cron.error().message.toHtmlEscaped());
    }
    html += row(tr("Destination"),
                u"<code>"_s + m_model->destinationAt(r).toHtmlEscaped() + u"</code>"_s);
    html += row(tr("State"), m_model->pausedAt(r) ? tr("Paused") : tr("Active"));
    html += u"</table>"_s;

    if (id != m_detailsId) {
        m_detailsId = id;
        m_detailsApiHtml.clear();
        if (m_client) {
            // Method, headers and body as the API describes them.
            m_client->get(u"/v2/schedules/"_s + id, this, [this, id](const ApiResult &res) {
                if (id != m_detailsId)
                    return;
                if (!res.ok()) {
                    m_detailsApiHtml = u"<p><i>"_s +
                                       tr("The API did not describe this schedule: %1")
                                           .arg(res.errorText())
                                           .toHtmlEscaped() +
                                       u"</i></p>"_s;
                } else {
                    const ScheduleDraft d = ScheduleDraft::fromJson(res.json().toObject());
                    QString more = u"<table cellspacing='0' cellpadding='2'>"_s;
                    more += row(tr("Method"), d.method.toHtmlEscaped());
                    QStringList headers;
                    for (const auto &[name, value] : d.headers)
                        headers.append(u"<code>"_s +
                                       QString(name + u": "_s + value).toHtmlEscaped() +
                                       u"</code>"_s);
                    if (!headers.isEmpty())
                        more += row(tr("Headers"), headers.join(u"<br/>"_s));
                    if (!d.queue.isEmpty())
                        more += row(tr("Queue"), d.queue.toHtmlEscaped());
                    if (d.retries >= 0)
                        more += row(tr("Retries"), QString::number(d.retries));
                    if (!d.delay.isEmpty())
                        more += row(tr("Delay"), d.delay.toHtmlEscaped());
                    more += u"</table>"_s;
                    if (!d.body.isEmpty())
                        more += u"<p><b>"_s + tr("Body").toHtmlEscaped() + u"</b></p><pre>"_s +
                                Format::body(d.body).toHtmlEscaped() + u"</pre>"_s;
                    m_detailsApiHtml = more;
                }
                showDetails();
            });
        }
    }
    const int scroll = m_details->verticalScrollBar() ? m_details->verticalScrollBar()->value() : 0;
    m_details->setHtml(html + m_detailsApiHtml);
    m_details->verticalScrollBar()->setValue(scroll);
}

void SchedulesPage::finish(const QString &id, bool ok, const QString &success,
                           const QString &failure, const std::function<void(bool)> &done)
{
    if (ok)
        m_messageBar->showSuccess(success);
    else
        m_messageBar->showError(failure);
    refresh();
    selectSchedule(id);
    if (done)
        done(ok);
}

void SchedulesPage::setPaused(const QString &id, bool paused, std::function<void(bool)> done)
{
    if (!m_client || id.isEmpty())
        return;
    m_client->call("POST", u"/v2/schedules/"_s + id + (paused ? u"/pause"_s : u"/resume"_s), {}, {},
                   this, [this, id, paused, done](const ApiResult &r) {
                       finish(id, r.ok(),
                              paused ? tr("Paused schedule %1.").arg(id)
                                     : tr("Resumed schedule %1.").arg(id),
                              tr("Could not change the schedule: %1").arg(r.errorText()), done);
                   });
}

void SchedulesPage::deleteSchedule(const QString &id, std::function<void(bool)> done)
{
    if (!m_client || id.isEmpty())
        return;
    m_client->call("DELETE", u"/v2/schedules/"_s + id, {}, {}, this,
                   [this, id, done](const ApiResult &r) {
                       finish(id, r.ok(), tr("Deleted schedule %1.").arg(id),
                              tr("Could not delete the schedule: %1").arg(r.errorText()), done);
                   });
}

void SchedulesPage::triggerNow(const QString &id, std::function<void(bool)> done)
{
    if (!m_client || id.isEmpty())
        return;
    m_client->get(u"/v2/schedules/"_s + id, this, [this, id, done](const ApiResult &got) {
        if (!got.ok()) {
            finish(id, false, {}, tr("Could not read the schedule: %1").arg(got.errorText()), done);
            return;
        }
        const ScheduleDraft schedule = ScheduleDraft::fromJson(got.json().toObject());
        PublishDraft message = schedule.publishDraft();
        message.delay.clear(); // now
        if (!schedule.queue.isEmpty() && message.kind == PublishDraft::ToUrl) {
            message.kind = PublishDraft::ToQueue;
            message.queue = schedule.queue;
        }
        m_client->call(
            "POST", message.path(), message.body, message.apiHeaders(), this,
            [this, id, done](const ApiResult &sent) {
                QString ids;
                const QJsonValue json = sent.json();
                for (const QJsonValue &v : json.isArray() ? json.toArray() : QJsonArray{json})
                    ids += (ids.isEmpty() ? QString() : u", "_s) +
                           v.toObject().value(u"messageId"_s).toString();
                //: %1 schedule id, %2 message ids
                finish(id, sent.ok(), tr("Triggered %1: sent %2.").arg(id, ids),
                       tr("Could not trigger the schedule: %1").arg(sent.errorText()), done);
            });
    });
}

void SchedulesPage::newSchedule()
{
    auto *dialog = new ScheduleDialog(m_client, true, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    ScheduleDraft draft;
    draft.cron = u"*/5 * * * *"_s;
    draft.headers.append({u"Content-Type"_s, u"application/json"_s});
    dialog->setDraft(draft);
    connect(dialog, &ScheduleDialog::saved, this, [this](const QString &id) {
        m_messageBar->showSuccess(tr("Created schedule %1.").arg(id));
        refresh();
        selectSchedule(id);
    });
    dialog->open();
}

void SchedulesPage::editSelected()
{
    const QString id = currentSchedule();
    if (id.isEmpty() || !m_client)
        return;
    m_client->get(u"/v2/schedules/"_s + id, this, [this, id](const ApiResult &r) {
        if (!r.ok()) {
            m_messageBar->showError(tr("Could not read the schedule: %1").arg(r.errorText()));
            return;
        }
        auto *dialog = new ScheduleDialog(m_client, false, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setDraft(ScheduleDraft::fromJson(r.json().toObject()));
        connect(dialog, &ScheduleDialog::saved, this, [this, id] {
            m_messageBar->showSuccess(tr("Saved schedule %1.").arg(id));
            m_detailsId.clear(); // describe it again
            refresh();
        });
        dialog->open();
    });
}

void SchedulesPage::deleteSelected()
{
    const QString id = currentSchedule();
    if (id.isEmpty())
        return;
    if (Confirm::ask(
            this, tr("Delete Schedule"),
            tr("Delete the schedule %1? Messages it already sent are not affected.").arg(id),
            tr("Delete")))
        deleteSchedule(id);
}

} // namespace Dashboard
