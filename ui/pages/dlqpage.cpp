#include "dlqpage.h"

#include "brokerclient.h"
#include "dialogs/publishdialog.h"
#include "format.h"
#include "messagedetails.h"
#include "models/dlqmodel.h"
#include "publishdraft.h"
#include "widgets/bulkoperation.h"
#include "widgets/filterbar.h"
#include "widgets/messagebar.h"
#include "widgets/messageinspector.h"
#include "widgets/pagewidgets.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QToolBar>
#include <QUrlQuery>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Dashboard {

namespace {

// dlqIds per call: keeps each request's query short and each step of progress visible.
constexpr int kChunk = 50;
// A selection beyond this is the job of "Replay/Delete All Matching" (ids come from SQL there).
constexpr int kMaxSelection = 5000;

QString idsQuery(const QStringList &ids)
{
    QUrlQuery query;
    for (const QString &id : ids)
        query.addQueryItem(u"dlqIds"_s, id);
    return query.toString(QUrl::FullyEncoded);
}

} // namespace

DlqPage::DlqPage(BrokerClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    setObjectName(u"dlqPage"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 6);
    auto *titleRow = new QHBoxLayout;
    //: Page title
    titleRow->addWidget(makePageTitle(tr("Dead-Letter Queue"), this));
    titleRow->addStretch(1);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(u"dlqCountLabel"_s);
    m_countLabel->setForegroundRole(QPalette::PlaceholderText);
    titleRow->addWidget(m_countLabel);
    layout->addLayout(titleRow);
    layout->addWidget(createToolBar());
    m_filterBar = new FilterBar(false, this);
    layout->addWidget(m_filterBar);
    m_messageBar = new MessageBar(this);
    layout->addWidget(m_messageBar);
    m_progress = new BulkProgress(this);
    layout->addWidget(m_progress);

    m_model = new DlqModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(u"dlqTable"_s);
    m_view->setModel(m_model);
    configureTable(m_view, true);
    m_view->addActions({m_replayAction, m_editAction, m_deleteAction});
    fitColumn(m_view, DlqModel::TimeColumn, Format::time(1'767'225'600'000));
    fitColumn(m_view, DlqModel::MessageColumn, u"msg_Tg9j1MvfKP1B5rmNQagg"_s);
    fitColumn(m_view, DlqModel::MethodColumn, u"DELETE"_s);
    fitColumn(m_view, DlqModel::UrlColumn, u"https://example.com/api/payments"_s);
    fitColumn(m_view, DlqModel::StatusColumn, u"503 Service Unavailable"_s, true);
    fitColumn(m_view, DlqModel::ContextColumn, u"queue emails"_s);

    m_empty = makeEmptyState(u"dlqEmptyLabel"_s, this);
    m_tableStack = new QStackedWidget(this);
    m_tableStack->addWidget(m_view);
    m_tableStack->addWidget(m_empty);
    m_inspector = new MessageInspector(this);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_tableStack);
    splitter->addWidget(m_inspector);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({320, 420});
    layout->addWidget(splitter, 1);

    connect(m_filterBar, &FilterBar::filterChanged, m_model, &DlqModel::setFilter);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DlqPage::showCurrent);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DlqPage::updateState);
    connect(m_model, &PagedSqlModel::refreshed, this, [this] {
        updateState();
        if (!m_shownMessageId.isEmpty() && m_client)
            m_inspector->showDetails(loadMessageDetails(m_client->database(), m_shownMessageId));
    });
    connect(m_model, &PagedSqlModel::errorOccurred, m_messageBar, &MessageBar::showError);
    if (m_client) {
        m_inspector->setSigningKeys(m_client->signingKeys());
        connect(m_client, &BrokerClient::signingKeysChanged, this,
                [this](const QString &current, const QString &next) {
                    m_inspector->setSigningKeys(Broker::SigningKeys{current, next});
                });
        connect(m_client, &BrokerClient::storeChanged, this, [this] {
            if (isVisible())
                m_model->requestRefresh();
            else
                m_stale = true;
        });
        if (m_client->hasDatabase())
            m_model->setConnectionName(m_client->connectionName());
    }
    updateState();
}

void DlqPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        m_stale = false;
        m_model->refresh();
    }
}

QWidget *DlqPage::createToolBar()
{
    auto *bar = new QToolBar(this);
    bar->setObjectName(u"dlqToolBar"_s);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    //: DLQ page action
    m_replayAction = bar->addAction(tr("Replay"));
    m_replayAction->setObjectName(u"dlqReplayAction"_s);
    m_replayAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_replayAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_replayAction->setToolTip(tr("Deliver the selected entries again as new messages (Ctrl+R)"));
    connect(m_replayAction, &QAction::triggered, this, &DlqPage::replaySelected);
    m_replayAllAction = bar->addAction(tr("Replay All Matching"));
    m_replayAllAction->setObjectName(u"dlqReplayAllAction"_s);
    m_replayAllAction->setToolTip(tr("Replay every entry the filters match"));
    connect(m_replayAllAction, &QAction::triggered, this, &DlqPage::replayAllMatching);
    m_editAction = bar->addAction(tr("Edit and Resend…"));
    m_editAction->setObjectName(u"dlqEditAction"_s);
    m_editAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_editAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_editAction, &QAction::triggered, this, &DlqPage::editAndResend);
    bar->addSeparator();
    m_deleteAction = bar->addAction(tr("Delete"));
    m_deleteAction->setObjectName(u"dlqDeleteAction"_s);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_deleteAction, &QAction::triggered, this, &DlqPage::deleteSelected);
    m_deleteAllAction = bar->addAction(tr("Delete All Matching"));
    m_deleteAllAction->setObjectName(u"dlqDeleteAllAction"_s);
    connect(m_deleteAllAction, &QAction::triggered, this, &DlqPage::deleteAllMatching);
    bar->addSeparator();
    QAction *refresh = bar->addAction(tr("Refresh"));
    refresh->setShortcut(QKeySequence::Refresh);
    refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(refresh, &QAction::triggered, this, [this] { m_model->refresh(); });
    addActions({m_replayAction, m_editAction, m_deleteAction, refresh});
    return bar;
}

QStringList DlqPage::selectedDlqIds() const
{
    QStringList ids;
    for (const int row : selectedRows(m_view->selectionModel(), kMaxSelection))
        ids.append(m_model->dlqId(row));
    if (ids.isEmpty() && m_view->currentIndex().isValid())
        ids.append(m_model->dlqId(m_view->currentIndex().row()));
    ids.removeAll(QString());
    return ids;
}

void DlqPage::showCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    m_shownMessageId = current.isValid() ? m_model->messageIdAt(current.row()) : QString();
    if (m_shownMessageId.isEmpty() || !m_client) {
        m_inspector->showDetails(std::nullopt, tr("Select an entry to see its attempts and the "
                                                  "responses that made it fail."));
        return;
    }
    auto details = loadMessageDetails(m_client->database(), m_shownMessageId);
    m_inspector->showDetails(details, tr("The message of this entry is no longer stored."));
    if (details)
        m_inspector->setCurrentTab(MessageInspector::AttemptsTab);
}

void DlqPage::updateState()
{
    const int rows = m_model->rowCount();
    //: Above the DLQ table; %1 is a number
    m_countLabel->setText(rows == 1 ? tr("1 entry")
                                    : tr("%1 entries").arg(QLocale().toString(rows)));
    if (rows > 0) {
        m_tableStack->setCurrentWidget(m_view);
    } else {
        if (!m_client || !m_client->hasDatabase())
            m_empty->setText(
                tr("<p><b>No dead-letter queue</b></p><p>%1</p>")
                    .arg((m_client ? m_client->databaseError() : tr("The broker is not running."))
                             .toHtmlEscaped()));
        else if (!m_model->filter().isEmpty())
            m_empty->setText(tr("<p><b>No entry matches the filters</b></p>"));
        else
            m_empty->setText(tr("<p><b>The dead-letter queue is empty</b></p><p>Messages land "
                                "here when their retries are exhausted or the destination "
                                "answers 489 with Upstash-NonRetryable-Error.</p>"));
        m_tableStack->setCurrentWidget(m_empty);
    }
    const bool idle = m_client && !m_operation;
    const bool selected =
        m_view->selectionModel()->hasSelection() || m_view->currentIndex().isValid();
    m_replayAction->setEnabled(idle && selected && rows > 0);
    m_deleteAction->setEnabled(idle && selected && rows > 0);
    m_editAction->setEnabled(idle && selected && rows > 0);
    m_replayAllAction->setEnabled(idle && rows > 0);
    m_deleteAllAction->setEnabled(idle && rows > 0);
}

void DlqPage::run(const QString &title, const QStringList &ids, bool replay)
{
    if (ids.isEmpty() || !m_client || m_operation)
        return;
    const auto build = [replay](const QStringList &chunk) {
        return replay ? BulkOperation::Request{"POST", u"/v2/dlq/retry?"_s + idsQuery(chunk), {}}
                      : BulkOperation::Request{"DELETE", u"/v2/dlq?"_s + idsQuery(chunk), {}};
    };
    m_operation = new BulkOperation(m_client, title, ids, kChunk, build, this);
    m_progress->track(m_operation);
    connect(m_operation, &BulkOperation::finished, this,
            [this, replay](int done, int total, bool canceled, const QString &error) {
                if (!error.isEmpty())
                    //: %1 entries done before the error, %2 the API's error text
                    m_messageBar->showError((replay ? tr("Replay stopped after %1 entries: %2")
                                                    : tr("Delete stopped after %1 entries: %2"))
                                                .arg(done)
                                                .arg(error));
                else if (canceled)
                    //: %1 done, %2 planned
                    m_messageBar->showInfo((replay ? tr("Replay canceled: %1 of %2 entries.")
                                                   : tr("Delete canceled: %1 of %2 entries."))
                                               .arg(done)
                                               .arg(total));
                else
                    m_messageBar->showSuccess(
                        replay ? (done == 1 ? tr("Replayed 1 entry as a new message.")
                                            : tr("Replayed %1 entries as new messages.").arg(done))
                               : (done == 1 ? tr("Deleted 1 entry.")
                                            : tr("Deleted %1 entries.").arg(done)));
                m_operation->deleteLater();
                m_operation = nullptr;
                m_model->refresh();
                updateState();
            });
    updateState();
    m_operation->start();
}

QString DlqPage::replayingText(int n)
{
    //: Bulk progress label
    return n == 1 ? tr("Replaying 1 entry…") : tr("Replaying %1 entries…").arg(n);
}

QString DlqPage::deletingText(int n)
{
    //: Bulk progress label
    return n == 1 ? tr("Deleting 1 entry…") : tr("Deleting %1 entries…").arg(n);
}

void DlqPage::replaySelected()
{
    const QStringList ids = selectedDlqIds();
    run(replayingText(int(ids.size())), ids, true);
}

void DlqPage::replayAllMatching()
{
    const QStringList ids = m_model->matchingDlqIds();
    if (ids.isEmpty())
        return;
    if (!Confirm::ask(this, tr("Replay All Matching"),
                      ids.size() == 1 ? tr("Replay 1 entry as a new message?")
                                      : tr("Replay %1 entries as new messages?").arg(ids.size()),
                      tr("Replay")))
        return;
    run(replayingText(int(ids.size())), ids, true);
}

void DlqPage::deleteSelected()
{
    const QStringList ids = selectedDlqIds();
    run(deletingText(int(ids.size())), ids, false);
}

void DlqPage::deleteAllMatching()
{
    const QStringList ids = m_model->matchingDlqIds();
    if (ids.isEmpty())
        return;
    if (!Confirm::ask(this, tr("Delete All Matching"),
                      ids.size() == 1
                          ? tr("Delete 1 entry from the dead-letter queue? This cannot be undone.")
                          : tr("Delete %1 entries from the dead-letter queue? This cannot be "
                               "undone.")
                                .arg(ids.size()),
                      tr("Delete")))
        return;
    run(deletingText(int(ids.size())), ids, false);
}

void DlqPage::cancelOperation()
{
    if (m_operation)
        m_operation->cancel();
}

void DlqPage::focusSearch()
{
    m_filterBar->focusSearch();
}

void DlqPage::editAndResend()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || !m_client)
        return;
    const QString dlqId = m_model->dlqId(current.row());
    const auto details =
        loadMessageDetails(m_client->database(), m_model->messageIdAt(current.row()));
    if (!details) {
        m_messageBar->showError(tr("The message of this entry is no longer stored."));
        return;
    }
    PublishDialog *dialog = PublishDialog::openComposer(
        m_client, this, PublishDraft::editOf(details->message), tr("Edit and Resend"));
    connect(dialog, &PublishDialog::published, this, [this, dlqId](const QStringList &ids) {
        // Resent by hand: the entry has served its purpose.
        m_client->call(
            "DELETE", u"/v2/dlq/"_s + dlqId, {}, {}, this, [this, ids](const ApiResult &r) {
                if (r.ok())
                    //: %1 is the new message's id
                    m_messageBar->showSuccess(tr("Sent as %1; the dead-letter entry was removed.")
                                                  .arg(ids.join(u", "_s)));
                else
                    m_messageBar->showError(tr("Sent as %1, but the dead-letter entry stays: %2")
                                                .arg(ids.join(u", "_s), r.errorText()));
                m_model->refresh();
            });
    });
}

} // namespace Dashboard
