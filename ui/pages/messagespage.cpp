#include "messagespage.h"

#include "brokerclient.h"
#include "dialogs/publishdialog.h"
#include "format.h"
#include "messagedetails.h"
#include "models/messagemodel.h"
#include "publishdraft.h"
#include "widgets/filterbar.h"
#include "widgets/messagebar.h"
#include "widgets/messageinspector.h"
#include "widgets/pagewidgets.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QSplitter>
#include <QSqlQuery>
#include <QStackedWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include <memory>

using namespace Qt::StringLiterals;

namespace Dashboard {

namespace {

// Bulk actions on a selection stop here: beyond, the DLQ page's bulk operations are the tool.
constexpr int kMaxSelectionAction = 1000;

bool isFinalState(const QString &state)
{
    return state == u"DELIVERED" || state == u"FAILED" || state == u"CANCELED";
}

} // namespace

MessagesPage::MessagesPage(BrokerClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    setObjectName(u"messagesPage"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 6);

    auto *titleRow = new QHBoxLayout;
    //: Page title
    titleRow->addWidget(makePageTitle(tr("Messages"), this));
    titleRow->addStretch(1);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(u"messageCountLabel"_s);
    m_countLabel->setForegroundRole(QPalette::PlaceholderText);
    titleRow->addWidget(m_countLabel);
    layout->addLayout(titleRow);

    layout->addWidget(createToolBar());
    m_filterBar = new FilterBar(true, this);
    layout->addWidget(m_filterBar);
    m_messageBar = new MessageBar(this);
    layout->addWidget(m_messageBar);

    m_model = new MessageModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(u"messageTable"_s);
    m_view->setModel(m_model);
    configureTable(m_view, true);
    const QString sampleTime = Format::time(1'767'225'600'000);
    fitColumn(m_view, MessageModel::TimeColumn, sampleTime);
    fitColumn(m_view, MessageModel::StateColumn, Format::stateName(u"DELIVERED"_s), true);
    fitColumn(m_view, MessageModel::MethodColumn, u"DELETE"_s);
    fitColumn(m_view, MessageModel::UrlColumn, u"https://example.com/api/webhooks/orders/1"_s);
    fitColumn(m_view, MessageModel::ContextColumn, u"group orders (warehouse)"_s);
    fitColumn(m_view, MessageModel::LabelsColumn, u"billing, eu"_s);
    fitColumn(m_view, MessageModel::AttemptsColumn, u"000"_s);
    m_view->addActions({m_cancelAction, m_replayAction, m_editAction, m_copyIdAction});

    m_empty = makeEmptyState(u"messagesEmptyLabel"_s, this);
    m_tableStack = new QStackedWidget(this);
    m_tableStack->addWidget(m_view);
    m_tableStack->addWidget(m_empty);

    m_inspector = new MessageInspector(this);
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(u"messagesSplitter"_s);
    m_splitter->addWidget(m_tableStack);
    m_splitter->addWidget(m_inspector);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({320, 420}); // the inspector has more to show
    layout->addWidget(m_splitter, 1);

    connect(m_filterBar, &FilterBar::filterChanged, this, &MessagesPage::applyFilter);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MessagesPage::showCurrent);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MessagesPage::updateActions);
    connect(m_model, &PagedSqlModel::refreshed, this, &MessagesPage::handleRefreshed);
    connect(m_model, &PagedSqlModel::errorOccurred, m_messageBar, &MessageBar::showError);

    if (m_client) {
        m_inspector->setSigningKeys(m_client->signingKeys());
        connect(m_client, &BrokerClient::signingKeysChanged, this,
                [this](const QString &current, const QString &next) {
                    m_inspector->setSigningKeys(Broker::SigningKeys{current, next});
                });
        // Hidden (another page, or the window in the tray): remember, refresh when shown.
        connect(m_client, &BrokerClient::storeChanged, this, [this] {
            if (isVisible())
                m_model->requestRefresh();
            else
                m_stale = true;
        });
        if (m_client->hasDatabase())
            m_model->setConnectionName(m_client->connectionName());
    }
    updateEmptyState();
    updateActions();
}

MessagesPage::~MessagesPage() = default;

void MessagesPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        m_stale = false;
        m_model->refresh();
    }
}

QWidget *MessagesPage::createToolBar()
{
    auto *bar = new QToolBar(this);
    bar->setObjectName(u"messagesToolBar"_s);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    //: Toolbar action of the Messages page
    QAction *send = bar->addAction(tr("Send Message…"));
    send->setObjectName(u"messagesSendAction"_s);
    send->setToolTip(tr("Compose a message and publish it (Ctrl+N)"));
    connect(send, &QAction::triggered, this, &MessagesPage::composeRequested);
    bar->addSeparator();

    m_cancelAction = bar->addAction(tr("Cancel Message"));
    m_cancelAction->setObjectName(u"cancelMessageAction"_s);
    m_cancelAction->setShortcut(QKeySequence::Delete);
    m_cancelAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_cancelAction->setToolTip(tr("Cancel the selected messages that are not delivered yet (Del)"));
    connect(m_cancelAction, &QAction::triggered, this, &MessagesPage::cancelSelected);

    m_replayAction = bar->addAction(tr("Replay"));
    m_replayAction->setObjectName(u"replayMessageAction"_s);
    m_replayAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_replayAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_replayAction->setToolTip(
        tr("Publish the selected messages again: same destination, headers and body (Ctrl+R)"));
    connect(m_replayAction, &QAction::triggered, this, &MessagesPage::replaySelected);

    m_editAction = bar->addAction(tr("Edit and Resend…"));
    m_editAction->setObjectName(u"editResendAction"_s);
    m_editAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_editAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_editAction->setToolTip(tr("Open the composer with this message (Ctrl+E)"));
    connect(m_editAction, &QAction::triggered, this, &MessagesPage::editAndResend);

    m_copyIdAction = new QAction(tr("Copy Message ID"), this);
    m_copyIdAction->setObjectName(u"copyMessageIdAction"_s);
    connect(m_copyIdAction, &QAction::triggered, this, &MessagesPage::copyId);

    bar->addSeparator();
    m_refreshAction = bar->addAction(tr("Refresh"));
    m_refreshAction->setObjectName(u"messagesRefreshAction"_s);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_refreshAction, &QAction::triggered, this, [this] { m_model->refresh(); });
    addActions({m_cancelAction, m_replayAction, m_editAction, m_refreshAction});
    return bar;
}

void MessagesPage::applyFilter(const MessageFilter &filter)
{
    const QString keep = currentMessageId();
    m_model->setFilter(filter);
    if (!keep.isEmpty()) {
        const int row = m_model->rowOfMessage(keep);
        if (row >= 0)
            m_view->selectionModel()->setCurrentIndex(m_model->index(row, 0),
                                                      QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    }
    showCurrent();
}

QString MessagesPage::currentMessageId() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? m_model->messageId(current.row()) : QString();
}

QStringList MessagesPage::selectedMessageIds() const
{
    QStringList ids;
    for (const int row : selectedRows(m_view->selectionModel(), kMaxSelectionAction)) {
        if (const QString id = m_model->messageId(row); !id.isEmpty())
            ids.append(id);
    }
    if (ids.isEmpty() && !currentMessageId().isEmpty())
        ids.append(currentMessageId());
    return ids;
}

bool MessagesPage::selectMessage(const QString &id)
{
    int row = m_model->rowOfMessage(id);
    if (row < 0 && !m_model->filter().isEmpty()) {
        m_filterBar->clear();
        row = m_model->rowOfMessage(id);
    }
    if (row < 0) {
        m_model->refresh();
        row = m_model->rowOfMessage(id);
    }
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row, 0);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    showCurrent();
    return true;
}

void MessagesPage::focusSearch()
{
    m_filterBar->focusSearch();
}

void MessagesPage::showCurrent()
{
    const QString id = currentMessageId();
    m_shownId = id;
    if (id.isEmpty() || !m_client) {
        m_inspector->showDetails(std::nullopt);
        return;
    }
    QString error;
    const auto details = loadMessageDetails(m_client->database(), id, &error);
    if (!details && !error.isEmpty())
        m_messageBar->showError(tr("Cannot read message %1: %2").arg(id, error));
    m_inspector->showDetails(details);
    updateActions();
}

void MessagesPage::handleRefreshed()
{
    updateEmptyState();
    // The selection survives inserted rows; after a reset, find the message again.
    if (!m_shownId.isEmpty() && currentMessageId() != m_shownId) {
        const int row = m_model->rowOfMessage(m_shownId);
        if (row >= 0) {
            const QSignalBlocker blocker(m_view->selectionModel());
            m_view->selectionModel()->setCurrentIndex(m_model->index(row, 0),
                                                      QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
        }
    }
    if (!m_shownId.isEmpty() && m_client) {
        m_inspector->showDetails(loadMessageDetails(m_client->database(), m_shownId));
    }
    updateActions();
}

void MessagesPage::updateEmptyState()
{
    const qint64 rows = m_model->rowCount();
    const QLocale locale;
    //: Above the message table; %1 is a number
    m_countLabel->setText(rows == 1 ? tr("1 message")
                                    : tr("%1 messages").arg(locale.toString(rows)));
    if (rows > 0) {
        m_tableStack->setCurrentWidget(m_view);
        return;
    }
    if (!m_client || !m_client->hasDatabase()) {
        m_empty->setText(
            tr("<p><b>No message log</b></p><p>%1</p>")
                .arg((m_client ? m_client->databaseError() : tr("The broker is not running."))
                         .toHtmlEscaped()));
    } else if (!m_model->filter().isEmpty()) {
        m_empty->setText(tr("<p><b>No message matches the filters</b></p>"
                            "<p>Change or clear the filters to see more.</p>"));
    } else {
        m_empty->setText(tr("<p><b>No messages yet</b></p><p>Publish one with <i>Send Message…</i> "
                            "(Ctrl+N), or point your application at %1.</p>")
                             .arg(m_client->baseUrl().toHtmlEscaped()));
    }
    m_tableStack->setCurrentWidget(m_empty);
}

void MessagesPage::updateActions()
{
    const QList<int> rows = selectedRows(m_view->selectionModel(), kMaxSelectionAction);
    bool cancellable = false;
    for (const int row : rows) {
        if (!isFinalState(m_model->index(row, 0).data(MessageModel::StateRole).toString())) {
            cancellable = true;
            break;
        }
    }
    const bool any = !rows.isEmpty() || !currentMessageId().isEmpty();
    const bool live = m_client != nullptr;
    m_cancelAction->setEnabled(live && cancellable);
    m_replayAction->setEnabled(live && any);
    m_editAction->setEnabled(live && any);
    m_copyIdAction->setEnabled(any);
}

void MessagesPage::cancelSelected()
{
    QStringList ids;
    for (const int row : selectedRows(m_view->selectionModel(), kMaxSelectionAction)) {
        const QModelIndex index = m_model->index(row, 0);
        if (!isFinalState(index.data(MessageModel::StateRole).toString()))
            ids.append(index.data(MessageModel::MessageIdRole).toString());
    }
    if (ids.isEmpty() || !m_client)
        return;
    struct Tally
    {
        int left = 0;
        int canceled = 0;
        QStringList errors;
    };
    auto tally = std::make_shared<Tally>();
    tally->left = int(ids.size());
    for (const QString &id : std::as_const(ids)) {
        m_client->call(
            "DELETE", u"/v2/messages/"_s + id, {}, {}, this, [this, tally, id](const ApiResult &r) {
                if (r.ok())
                    ++tally->canceled;
                else
                    tally->errors.append(id + u": "_s + r.errorText());
                if (--tally->left > 0)
                    return;
                if (!tally->errors.isEmpty())
                    //: %1 is the first error of a cancel
                    m_messageBar->showError(
                        tr("Could not cancel: %1").arg(tally->errors.join(u"; "_s)));
                else
                    m_messageBar->showSuccess(
                        tally->canceled == 1 ? tr("Canceled 1 message.")
                                             : tr("Canceled %1 messages.").arg(tally->canceled));
                m_model->refresh();
            });
    }
}

void MessagesPage::replaySelected()
{
    replay(selectedMessageIds());
}

void MessagesPage::replay(const QStringList &ids)
{
    if (ids.isEmpty() || !m_client)
        return;
    struct Tally
    {
        int left = 0;
        QStringList newIds;
        QStringList errors;
    };
    auto tally = std::make_shared<Tally>();
    for (const QString &id : ids) {
        const auto details = loadMessageDetails(m_client->database(), id);
        if (!details)
            continue;
        const PublishDraft draft = PublishDraft::replayOf(details->message);
        ++tally->left;
        m_client->call(
            "POST", draft.path(), draft.body, draft.apiHeaders(), this,
            [this, tally](const ApiResult &r) {
                if (r.ok()) {
                    const QJsonValue json = r.json();
                    for (const QJsonValue &item :
                         json.isArray() ? json.toArray() : QJsonArray{json})
                        tally->newIds.append(item.toObject().value(u"messageId"_s).toString());
                } else {
                    tally->errors.append(r.errorText());
                }
                if (--tally->left > 0)
                    return;
                if (!tally->errors.isEmpty())
                    //: %1 is the broker's error message
                    m_messageBar->showError(
                        tr("Replay failed: %1").arg(tally->errors.join(u"; "_s)));
                else if (tally->newIds.size() == 1)
                    //: %1 is the new message's id
                    m_messageBar->showSuccess(tr("Replayed as %1.").arg(tally->newIds.first()));
                else
                    m_messageBar->showSuccess(
                        tr("Replayed %1 messages.").arg(tally->newIds.size()));
                m_model->refresh();
            });
    }
}

void MessagesPage::editAndResend()
{
    const QString id = currentMessageId();
    if (id.isEmpty() || !m_client)
        return;
    const auto details = loadMessageDetails(m_client->database(), id);
    if (!details)
        return;
    //: Title of the composer opened from a stored message
    openEditor(PublishDraft::editOf(details->message), tr("Edit and Resend"));
}

void MessagesPage::openEditor(const PublishDraft &draft, const QString &title)
{
    PublishDialog *dialog = PublishDialog::openComposer(m_client, this, draft, title);
    connect(dialog, &PublishDialog::published, this, [this](const QStringList &ids) {
        m_messageBar->showSuccess(tr("Sent as %1.").arg(ids.join(u", "_s)));
        m_model->refresh();
    });
}

void MessagesPage::copyId()
{
    const QStringList ids = selectedMessageIds();
    if (!ids.isEmpty())
        QGuiApplication::clipboard()->setText(ids.join(u'\n'));
}

} // namespace Dashboard
