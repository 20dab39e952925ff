#include "urlgroupspage.h"

#include "brokerclient.h"
#include "dialogs/formdialog.h"
#include "dialogs/publishdialog.h"
#include "models/urlgroupmodel.h"
#include "publishdraft.h"
#include "widgets/bulkoperation.h"
#include "widgets/messagebar.h"
#include "widgets/pagewidgets.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Dashboard {

namespace {

const Broker::HeaderList kJson = {{"Content-Type", "application/json"}};

bool isName(const QString &text)
{
    static const QRegularExpression name(u"^[A-Za-z0-9._-]+$"_s);
    return name.match(text).hasMatch();
}

QByteArray endpointsBody(const QList<QPair<QString, QString>> &urlAndName)
{
    QJsonArray endpoints;
    for (const auto &[url, name] : urlAndName) {
        QJsonObject e{{u"url"_s, url}};
        if (!name.isEmpty())
            e.insert(u"name"_s, name);
        endpoints.append(e);
    }
    return QJsonDocument(QJsonObject{{u"endpoints"_s, endpoints}}).toJson(QJsonDocument::Compact);
}

QTableView *makeTable(const QString &name, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    configureTable(view, false);
    return view;
}

} // namespace

UrlGroupsPage::UrlGroupsPage(BrokerClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    setObjectName(u"urlGroupsPage"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 6);
    //: Page title
    layout->addWidget(makePageTitle(tr("URL Groups"), this));
    layout->addWidget(createToolBar());
    m_messageBar = new MessageBar(this);
    layout->addWidget(m_messageBar);

    m_groups = new UrlGroupModel(this);
    m_endpoints = new EndpointModel(this);
    m_groupView = makeTable(u"groupTable"_s, this);
    m_groupView->setModel(m_groups);
    m_groupView->addActions({m_addEndpointAction, m_renameAction, m_deleteAction, m_publishAction});
    fitColumn(m_groupView, UrlGroupModel::NameColumn, u"notifications-eu"_s);
    fitColumn(m_groupView, UrlGroupModel::EndpointsColumn, u"000"_s);
    m_endpointView = makeTable(u"endpointTable"_s, this);
    m_endpointView->setModel(m_endpoints);
    m_endpointView->addAction(m_removeEndpointAction);
    fitColumn(m_endpointView, EndpointModel::UrlColumn,
              u"https://example.com/api/webhooks/orders/warehouse"_s);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_endpointsTitle = new QLabel(right);
    m_endpointsTitle->setObjectName(u"endpointsTitleLabel"_s);
    rightLayout->addWidget(m_endpointsTitle);
    rightLayout->addWidget(m_endpointView, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_groupView);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);

    m_empty = makeEmptyState(u"urlGroupsEmptyLabel"_s, this);
    m_empty->setText(
        tr("<p><b>No URL groups yet</b></p><p>A URL group fans a message out to all its "
           "endpoints. Create one with <i>New Group…</i>, or publish with the SDK's "
           "<code>urlGroups.addEndpoints()</code>.</p>"));
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(splitter);
    m_stack->addWidget(m_empty);
    layout->addWidget(m_stack, 1);

    connect(m_groupView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        m_endpoints->setGroup(currentGroup());
        updateState();
    });
    connect(m_endpointView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &UrlGroupsPage::updateState);
    connect(m_groups, &ListSqlModel::errorOccurred, m_messageBar, &MessageBar::showError);
    if (m_client) {
        connect(m_client, &BrokerClient::storeChanged, this, [this] {
            if (isVisible())
                refresh();
        });
        if (m_client->hasDatabase()) {
            m_groups->setConnectionName(m_client->connectionName());
            m_endpoints->setConnectionName(m_client->connectionName());
        }
    }
    refresh();
}

QWidget *UrlGroupsPage::createToolBar()
{
    auto *bar = new QToolBar(this);
    bar->setObjectName(u"urlGroupsToolBar"_s);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    //: URL groups page actions
    QAction *add = bar->addAction(tr("New Group…"));
    add->setObjectName(u"newGroupAction"_s);
    connect(add, &QAction::triggered, this, &UrlGroupsPage::newGroup);
    m_addEndpointAction = bar->addAction(tr("Add Endpoint…"));
    m_addEndpointAction->setObjectName(u"addEndpointAction"_s);
    connect(m_addEndpointAction, &QAction::triggered, this, &UrlGroupsPage::newEndpoint);
    m_removeEndpointAction = bar->addAction(tr("Remove Endpoint"));
    m_removeEndpointAction->setObjectName(u"removeEndpointAction"_s);
    connect(m_removeEndpointAction, &QAction::triggered, this,
            &UrlGroupsPage::removeSelectedEndpoint);
    bar->addSeparator();
    m_renameAction = bar->addAction(tr("Rename…"));
    m_renameAction->setObjectName(u"renameGroupAction"_s);
    connect(m_renameAction, &QAction::triggered, this, &UrlGroupsPage::renameSelectedGroup);
    m_deleteAction = bar->addAction(tr("Delete Group"));
    m_deleteAction->setObjectName(u"deleteGroupAction"_s);
    connect(m_deleteAction, &QAction::triggered, this, &UrlGroupsPage::deleteSelectedGroup);
    bar->addSeparator();
    m_publishAction = bar->addAction(tr("Publish Test Message…"));
    m_publishAction->setObjectName(u"publishToGroupAction"_s);
    connect(m_publishAction, &QAction::triggered, this, &UrlGroupsPage::publishTestMessage);
    bar->addSeparator();
    QAction *refreshAction = bar->addAction(tr("Refresh"));
    refreshAction->setShortcut(QKeySequence::Refresh);
    refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(refreshAction, &QAction::triggered, this, &UrlGroupsPage::refresh);
    addAction(refreshAction);
    return bar;
}

QString UrlGroupsPage::currentGroup() const
{
    const QModelIndex current = m_groupView->currentIndex();
    return current.isValid() ? m_groups->keyAt(current.row()) : QString();
}

void UrlGroupsPage::selectGroup(const QString &name)
{
    const int row = m_groups->rowOfKey(name);
    if (row >= 0)
        m_groupView->selectionModel()->setCurrentIndex(m_groups->index(row, 0),
                                                       QItemSelectionModel::ClearAndSelect |
                                                           QItemSelectionModel::Rows);
}

void UrlGroupsPage::refresh()
{
    const QString keep = currentGroup();
    m_groups->refresh();
    if (currentGroup() != keep)
        selectGroup(keep);
    if (!currentGroup().isEmpty() || m_groups->rowCount() == 0)
        m_endpoints->setGroup(currentGroup());
    else
        selectGroup(m_groups->keyAt(0));
    updateState();
}

void UrlGroupsPage::updateState()
{
    const bool hasGroups = m_groups->rowCount() > 0;
    m_stack->setCurrentIndex(hasGroups ? 0 : 1);
    const QString group = currentGroup();
    //: Above the endpoint table; %1 is a URL group name
    m_endpointsTitle->setText(group.isEmpty()
                                  ? tr("Select a group to see its endpoints.")
                                  : tr("Endpoints of <b>%1</b>").arg(group.toHtmlEscaped()));
    const bool live = m_client != nullptr;
    m_addEndpointAction->setEnabled(live && !group.isEmpty());
    m_renameAction->setEnabled(live && !group.isEmpty());
    m_deleteAction->setEnabled(live && !group.isEmpty());
    m_publishAction->setEnabled(live && !group.isEmpty());
    m_removeEndpointAction->setEnabled(live && m_endpointView->currentIndex().isValid());
}

void UrlGroupsPage::addEndpoint(const QString &group, const QString &url, const QString &name,
                                std::function<void(bool)> done)
{
    if (!m_client)
        return;
    m_client->call("POST", u"/v2/topics/"_s + group + u"/endpoints"_s, endpointsBody({{url, name}}),
                   kJson, this, [this, group, url, done](const ApiResult &r) {
                       if (r.ok())
                           //: %1 is a URL, %2 a URL group
                           m_messageBar->showSuccess(tr("Added %1 to %2.").arg(url, group));
                       else
                           m_messageBar->showError(
                               tr("Could not add the endpoint: %1").arg(r.errorText()));
                       refresh();
                       selectGroup(group);
                       if (done)
                           done(r.ok());
                   });
}

void UrlGroupsPage::removeEndpoint(const QString &group, const QString &url,
                                   std::function<void(bool)> done)
{
    if (!m_client)
        return;
    m_client->call(
        "DELETE", u"/v2/topics/"_s + group + u"/endpoints"_s, endpointsBody({{url, QString()}}),
        kJson, this, [this, group, url, done](const ApiResult &r) {
            if (r.ok())
                m_messageBar->showSuccess(tr("Removed %1 from %2.").arg(url, group));
            else
                m_messageBar->showError(tr("Could not remove the endpoint: %1").arg(r.errorText()));
            refresh();
            if (done)
                done(r.ok());
        });
}

void UrlGroupsPage::renameGroup(const QString &from, const QString &to,
                                std::function<void(bool)> done)
{
    if (!m_client)
        return;
    // The API has no rename: create the new group with the same endpoints, then delete the old.
    EndpointModel endpoints;
    endpoints.setConnectionName(m_client->connectionName());
    endpoints.setGroup(from);
    QList<QPair<QString, QString>> list;
    for (int row = 0; row < endpoints.rowCount(); ++row)
        list.append({endpoints.urlAt(row), endpoints.nameAt(row)});
    m_client->call(
        "POST", u"/v2/topics/"_s + to + u"/endpoints"_s, endpointsBody(list), kJson, this,
        [this, from, to, done](const ApiResult &created) {
            if (!created.ok()) {
                m_messageBar->showError(tr("Could not rename: %1").arg(created.errorText()));
                if (done)
                    done(false);
                return;
            }
            m_client->call("DELETE", u"/v2/topics/"_s + from, {}, {}, this,
                           [this, from, to, done](const ApiResult &deleted) {
                               if (deleted.ok())
                                   //: %1 old name, %2 new name
                                   m_messageBar->showSuccess(tr("Renamed %1 to %2.").arg(from, to));
                               else
                                   m_messageBar->showError(
                                       tr("Created %1, but could not delete %2: %3")
                                           .arg(to, from, deleted.errorText()));
                               refresh();
                               selectGroup(to);
                               if (done)
                                   done(deleted.ok());
                           });
        });
}

void UrlGroupsPage::deleteGroup(const QString &group, std::function<void(bool)> done)
{
    if (!m_client)
        return;
    m_client->call(
        "DELETE", u"/v2/topics/"_s + group, {}, {}, this, [this, group, done](const ApiResult &r) {
            if (r.ok())
                m_messageBar->showSuccess(tr("Deleted URL group %1.").arg(group));
            else
                m_messageBar->showError(tr("Could not delete the group: %1").arg(r.errorText()));
            refresh();
            if (done)
                done(r.ok());
        });
}

void UrlGroupsPage::newGroup()
{
    auto *dialog = new FormDialog(tr("New URL Group"), tr("Create"), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QLineEdit *name = dialog->addLineEdit(tr("&Name:"), u"groupNameLineEdit"_s, {}, u"orders"_s);
    QLineEdit *url = dialog->addLineEdit(tr("First &endpoint:"), u"endpointUrlLineEdit"_s, {},
                                         u"https://example.com/api/orders"_s);
    QLineEdit *endpointName =
        dialog->addLineEdit(tr("Endpoint n&ame:"), u"endpointNameLineEdit"_s, {}, tr("optional"));
    dialog->setValidator([name, url] {
        if (!isName(name->text()))
            return tr("A group name uses only letters, digits, '.', '_' and '-'.");
        if (!url->text().startsWith(u"http://"_s) && !url->text().startsWith(u"https://"_s))
            return tr("The endpoint must start with http:// or https://.");
        return QString();
    });
    connect(dialog, &QDialog::accepted, this, [this, name, url, endpointName] {
        addEndpoint(name->text(), url->text().trimmed(), endpointName->text().trimmed());
    });
    dialog->open();
}

void UrlGroupsPage::newEndpoint()
{
    const QString group = currentGroup();
    if (group.isEmpty())
        return;
    //: %1 is a URL group name
    auto *dialog = new FormDialog(tr("Add Endpoint to %1").arg(group), tr("Add"), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QLineEdit *url = dialog->addLineEdit(tr("&URL:"), u"endpointUrlLineEdit"_s, {},
                                         u"https://example.com/api/hook"_s);
    QLineEdit *name =
        dialog->addLineEdit(tr("&Name:"), u"endpointNameLineEdit"_s, {}, tr("optional"));
    dialog->setValidator([url] {
        if (!url->text().startsWith(u"http://"_s) && !url->text().startsWith(u"https://"_s))
            return tr("The endpoint must start with http:// or https://.");
        return QString();
    });
    connect(dialog, &QDialog::accepted, this, [this, group, url, name] {
        addEndpoint(group, url->text().trimmed(), name->text().trimmed());
    });
    dialog->open();
}

void UrlGroupsPage::removeSelectedEndpoint()
{
    const QModelIndex current = m_endpointView->currentIndex();
    if (!current.isValid())
        return;
    removeEndpoint(m_endpoints->group(), m_endpoints->urlAt(current.row()));
}

void UrlGroupsPage::renameSelectedGroup()
{
    const QString group = currentGroup();
    if (group.isEmpty())
        return;
    auto *dialog = new FormDialog(tr("Rename URL Group"), tr("Rename"), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QLineEdit *name = dialog->addLineEdit(tr("New &name:"), u"groupNameLineEdit"_s, group);
    dialog->addNote(tr("Messages already published keep the old name in the log."));
    dialog->setValidator([name, group] {
        if (!isName(name->text()))
            return tr("A group name uses only letters, digits, '.', '_' and '-'.");
        if (name->text() == group)
            return tr("Enter a different name.");
        return QString();
    });
    connect(dialog, &QDialog::accepted, this,
            [this, group, name] { renameGroup(group, name->text()); });
    dialog->open();
}

void UrlGroupsPage::deleteSelectedGroup()
{
    const QString group = currentGroup();
    if (group.isEmpty())
        return;
    if (Confirm::ask(this, tr("Delete URL Group"),
                     tr("Delete the URL group %1 and all its endpoints? Messages already "
                        "published are not affected.")
                         .arg(group),
                     tr("Delete")))
        deleteGroup(group);
}

void UrlGroupsPage::publishTestMessage()
{
    const QString group = currentGroup();
    if (group.isEmpty())
        return;
    PublishDraft draft;
    draft.kind = PublishDraft::ToGroup;
    draft.destination = group;
    draft.headers.append({u"Content-Type"_s, u"application/json"_s});
    draft.body = R"({"test": true, "sentBy": "LocalStash"})";
    PublishDialog *dialog = PublishDialog::openComposer(m_client, this, draft);
    connect(dialog, &PublishDialog::published, this, [this](const QStringList &ids) {
        //: %1 is a list of message ids
        m_messageBar->showSuccess(tr("Published: %1").arg(ids.join(u", "_s)));
    });
}

} // namespace Dashboard
