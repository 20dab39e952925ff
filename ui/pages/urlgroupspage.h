#pragma once
// The URL groups page: groups (topics) on the left, the selected group's endpoints on the
// right. Create a group, add and remove endpoints, rename, delete, publish a test message to
// the group — all through the broker's API, errors shown inline.

#include <QWidget>

#include <functional>

class QAction;
class QLabel;
class QStackedWidget;
class QTableView;

namespace Dashboard {

class BrokerClient;
class EndpointModel;
class MessageBar;
class UrlGroupModel;

class UrlGroupsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UrlGroupsPage)
public:
    explicit UrlGroupsPage(BrokerClient *client, QWidget *parent = nullptr);

    UrlGroupModel *groupModel() const { return m_groups; }
    EndpointModel *endpointModel() const { return m_endpoints; }
    QTableView *groupView() const { return m_groupView; }
    MessageBar *messageBar() const { return m_messageBar; }
    QString currentGroup() const;
    void selectGroup(const QString &name);
    void refresh();

    // The actions behind the dialogs (also used by tests): each is one or two API calls, then a
    // refresh; `done` (optional) runs with success.
    void addEndpoint(const QString &group, const QString &url, const QString &name,
                     std::function<void(bool)> done = {});
    void removeEndpoint(const QString &group, const QString &url,
                        std::function<void(bool)> done = {});
    void renameGroup(const QString &from, const QString &to, std::function<void(bool)> done = {});
    void deleteGroup(const QString &group, std::function<void(bool)> done = {});

    // Open the dialogs.
    void newGroup();
    void newEndpoint();
    void removeSelectedEndpoint();
    void renameSelectedGroup();
    void deleteSelectedGroup();
    void publishTestMessage();

private:
    QWidget *createToolBar();
    void updateState();

    BrokerClient *m_client;
    UrlGroupModel *m_groups = nullptr;
    EndpointModel *m_endpoints = nullptr;
    MessageBar *m_messageBar = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_empty = nullptr;
    QTableView *m_groupView = nullptr;
    QTableView *m_endpointView = nullptr;
    QLabel *m_endpointsTitle = nullptr;
    QAction *m_addEndpointAction = nullptr;
    QAction *m_removeEndpointAction = nullptr;
    QAction *m_renameAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_publishAction = nullptr;
};

} // namespace Dashboard
