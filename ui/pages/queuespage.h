#pragma once
// The Queues page: each queue's parallelism, whether it is paused, and its lag (messages
// waiting or in flight). Create, edit, pause, resume and delete through the broker's API.

#include <QWidget>

#include <functional>

class QAction;
class QStackedWidget;
class QTableView;

namespace Dashboard {

class BrokerClient;
class MessageBar;
class QueueModel;

class QueuesPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueuesPage)
public:
    explicit QueuesPage(BrokerClient *client, QWidget *parent = nullptr);

    QueueModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    MessageBar *messageBar() const { return m_messageBar; }
    QString currentQueue() const;
    void selectQueue(const QString &name);
    void refresh();

    void upsertQueue(const QString &name, int parallelism, bool paused,
                     std::function<void(bool)> done = {});
    void setPaused(const QString &name, bool paused, std::function<void(bool)> done = {});
    void deleteQueue(const QString &name, std::function<void(bool)> done = {});

    void newQueue();
    void editSelected();
    void pauseSelected() { setPaused(currentQueue(), true); }
    void resumeSelected() { setPaused(currentQueue(), false); }
    void deleteSelected();

private:
    QWidget *createToolBar();
    void openEditor(const QString &name, int parallelism, bool paused, bool creating);
    void updateState();
    void finish(const QString &name, bool ok, const QString &success, const QString &failure,
                const std::function<void(bool)> &done);

    BrokerClient *m_client;
    QueueModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QStackedWidget *m_stack = nullptr;
    MessageBar *m_messageBar = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_resumeAction = nullptr;
    QAction *m_deleteAction = nullptr;
};

} // namespace Dashboard
