#include "queuespage.h"

#include "brokerclient.h"
#include "dialogs/formdialog.h"
#include "models/queuemodel.h"
#include "widgets/bulkoperation.h"
#include "widgets/messagebar.h"
#include "widgets/pagewidgets.h"

#include <QAction>
#include <QCheckBox>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Dashboard {

QueuesPage::QueuesPage(BrokerClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    setObjectName(u"queuesPage"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 6);
    //: Page title
    layout->addWidget(makePageTitle(tr("Queues"), this));
    layout->addWidget(createToolBar());
    m_messageBar = new MessageBar(this);
    layout->addWidget(m_messageBar);

    m_model = new QueueModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(u"queueTable"_s);
    m_view->setModel(m_model);
    configureTable(m_view, false);
    m_view->addActions({m_editAction, m_pauseAction, m_resumeAction, m_deleteAction});
    fitColumn(m_view, QueueModel::NameColumn, u"notifications-eu-west"_s);
    fitColumn(m_view, QueueModel::ParallelismColumn, u"1000"_s);
    fitColumn(m_view, QueueModel::StateColumn, tr("Running"), true);
    fitColumn(m_view, QueueModel::LagColumn, u"000000"_s);
    connect(m_view, &QTableView::doubleClicked, this, &QueuesPage::editSelected);

    auto *empty = makeEmptyState(u"queuesEmptyLabel"_s, this);
    empty->setText(tr("<p><b>No queues yet</b></p><p>A queue delivers its messages in order, "
                      "a few at a time. Create one with <i>New Queue…</i>, or enqueue with "
                      "<code>/v2/enqueue/&lt;queue&gt;/&lt;url&gt;</code> — the queue is "
                      "created on first use.</p>"));
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_view);
    m_stack->addWidget(empty);
    layout->addWidget(m_stack, 1);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &QueuesPage::updateState);
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

QWidget *QueuesPage::createToolBar()
{
    auto *bar = new QToolBar(this);
    bar->setObjectName(u"queuesToolBar"_s);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    //: Queues page actions
    QAction *add = bar->addAction(tr("New Queue…"));
    add->setObjectName(u"newQueueAction"_s);
    connect(add, &QAction::triggered, this, &QueuesPage::newQueue);
    m_editAction = bar->addAction(tr("Edit…"));
    m_editAction->setObjectName(u"editQueueAction"_s);
    connect(m_editAction, &QAction::triggered, this, &QueuesPage::editSelected);
    bar->addSeparator();
    m_pauseAction = bar->addAction(tr("Pause"));
    m_pauseAction->setObjectName(u"pauseQueueAction"_s);
    connect(m_pauseAction, &QAction::triggered, this, &QueuesPage::pauseSelected);
    m_resumeAction = bar->addAction(tr("Resume"));
    m_resumeAction->setObjectName(u"resumeQueueAction"_s);
    connect(m_resumeAction, &QAction::triggered, this, &QueuesPage::resumeSelected);
    bar->addSeparator();
    m_deleteAction = bar->addAction(tr("Delete"));
    m_deleteAction->setObjectName(u"deleteQueueAction"_s);
    connect(m_deleteAction, &QAction::triggered, this, &QueuesPage::deleteSelected);
    bar->addSeparator();
    QAction *refreshAction = bar->addAction(tr("Refresh"));
    refreshAction->setShortcut(QKeySequence::Refresh);
    refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(refreshAction, &QAction::triggered, this, &QueuesPage::refresh);
    addAction(refreshAction);
    return bar;
}

QString QueuesPage::currentQueue() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? m_model->keyAt(current.row()) : QString();
}

void QueuesPage::selectQueue(const QString &name)
{
    const int row = m_model->rowOfKey(name);
    if (row >= 0)
        m_view->selectionModel()->setCurrentIndex(m_model->index(row, 0),
                                                  QItemSelectionModel::ClearAndSelect |
                                                      QItemSelectionModel::Rows);
}

void QueuesPage::refresh()
{
    const QString keep = currentQueue();
    m_model->refresh();
    if (!keep.isEmpty() && currentQueue() != keep)
        selectQueue(keep);
    updateState();
}

void QueuesPage::updateState()
{
    m_stack->setCurrentIndex(m_model->rowCount() > 0 ? 0 : 1);
    const QModelIndex current = m_view->currentIndex();
    const bool live = m_client && current.isValid();
    const bool paused = current.isValid() && m_model->pausedAt(current.row());
    m_editAction->setEnabled(live);
    m_pauseAction->setEnabled(live && !paused);
    m_resumeAction->setEnabled(live && paused);
    m_deleteAction->setEnabled(live);
}

void QueuesPage::finish(const QString &name, bool ok, const QString &success,
                        const QString &failure, const std::function<void(bool)> &done)
{
    if (ok)
        m_messageBar->showSuccess(success);
    else
        m_messageBar->showError(failure);
    refresh();
    selectQueue(name);
    if (done)
        done(ok);
}

void QueuesPage::upsertQueue(const QString &name, int parallelism, bool paused,
                             std::function<void(bool)> done)
{
    if (!m_client)
        return;
    const QJsonObject body{
        {u"queueName"_s, name}, {u"parallelism"_s, parallelism}, {u"paused"_s, paused}};
    m_client->call("POST", u"/v2/queues"_s, QJsonDocument(body).toJson(QJsonDocument::Compact),
                   {{"Content-Type", "application/json"}}, this,
                   [this, name, done](const ApiResult &r) {
                       //: %1 is a queue name
                       finish(name, r.ok(), tr("Saved queue %1.").arg(name),
                              tr("Could not save the queue: %1").arg(r.errorText()), done);
                   });
}

void QueuesPage::setPaused(const QString &name, bool paused, std::function<void(bool)> done)
{
    if (!m_client || name.isEmpty())
        return;
    m_client->call("POST", u"/v2/queues/"_s + name + (paused ? u"/pause"_s : u"/resume"_s), {}, {},
                   this, [this, name, paused, done](const ApiResult &r) {
                       finish(name, r.ok(),
                              paused ? tr("Paused queue %1.").arg(name)
                                     : tr("Resumed queue %1.").arg(name),
                              tr("Could not change the queue: %1").arg(r.errorText()), done);
                   });
}

void QueuesPage::deleteQueue(const QString &name, std::function<void(bool)> done)
{
    if (!m_client || name.isEmpty())
        return;
    m_client->call("DELETE", u"/v2/queues/"_s + name, {}, {}, this,
                   [this, name, done](const ApiResult &r) {
                       finish(name, r.ok(), tr("Deleted queue %1.").arg(name),
                              tr("Could not delete the queue: %1").arg(r.errorText()), done);
                   });
}

void QueuesPage::openEditor(const QString &name, int parallelism, bool paused, bool creating)
{
    auto *dialog = new FormDialog(creating ? tr("New Queue") : tr("Edit Queue"),
                                  creating ? tr("Create") : tr("Save"), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QLineEdit *nameEdit =
        dialog->addLineEdit(tr("&Name:"), u"queueNameLineEdit"_s, name, u"emails"_s);
    nameEdit->setReadOnly(!creating);
    QSpinBox *parallelismSpin =
        dialog->addSpinBox(tr("&Parallelism:"), u"parallelismSpinBox"_s, 1, 1000, parallelism);
    QCheckBox *pausedBox = dialog->addCheckBox(tr("&Paused"), u"pausedCheckBox"_s, paused);
    dialog->addNote(tr("Parallelism is how many of the queue's messages may be in flight at "
                       "once; 1 delivers strictly in order."));
    dialog->setValidator([nameEdit] {
        static const QRegularExpression valid(u"^[A-Za-z0-9._-]+$"_s);
        return valid.match(nameEdit->text()).hasMatch()
                   ? QString()
                   : tr("A queue name uses only letters, digits, '.', '_' and '-'.");
    });
    connect(dialog, &QDialog::accepted, this, [this, nameEdit, parallelismSpin, pausedBox] {
        upsertQueue(nameEdit->text(), parallelismSpin->value(), pausedBox->isChecked());
    });
    dialog->open();
}

void QueuesPage::newQueue()
{
    openEditor(QString(), 1, false, true);
}

void QueuesPage::editSelected()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    openEditor(m_model->keyAt(current.row()), m_model->parallelismAt(current.row()),
               m_model->pausedAt(current.row()), false);
}

void QueuesPage::deleteSelected()
{
    const QString name = currentQueue();
    if (name.isEmpty())
        return;
    if (Confirm::ask(this, tr("Delete Queue"),
                     tr("Delete the queue %1? Its waiting messages stay in the log.").arg(name),
                     tr("Delete")))
        deleteQueue(name);
}

} // namespace Dashboard
