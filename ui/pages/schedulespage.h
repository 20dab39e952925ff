#pragma once
// The Schedules page: every schedule's cron, in words, its destination and state; below, the
// selected schedule in full with its next five fire times in its own time zone. Create, edit,
// pause, resume, trigger now and delete through the broker's API.

#include <QWidget>

#include <functional>

class QAction;
class QStackedWidget;
class QTableView;
class QTextBrowser;

namespace Dashboard {

class BrokerClient;
class MessageBar;
class ScheduleModel;

class SchedulesPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchedulesPage)
public:
    explicit SchedulesPage(BrokerClient *client, QWidget *parent = nullptr);

    ScheduleModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    MessageBar *messageBar() const { return m_messageBar; }
    QTextBrowser *details() const { return m_details; }
    QString currentSchedule() const;
    void selectSchedule(const QString &id);
    void refresh();

    void setPaused(const QString &id, bool paused, std::function<void(bool)> done = {});
    void deleteSchedule(const QString &id, std::function<void(bool)> done = {});
    void triggerNow(const QString &id, std::function<void(bool)> done = {});

    void newSchedule();
    void editSelected();
    void pauseSelected() { setPaused(currentSchedule(), true); }
    void resumeSelected() { setPaused(currentSchedule(), false); }
    void triggerSelected() { triggerNow(currentSchedule()); }
    void deleteSelected();

private:
    QWidget *createToolBar();
    void updateState();
    void showDetails();
    void finish(const QString &id, bool ok, const QString &success, const QString &failure,
                const std::function<void(bool)> &done);

    BrokerClient *m_client;
    ScheduleModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QTextBrowser *m_details = nullptr;
    QStackedWidget *m_stack = nullptr;
    MessageBar *m_messageBar = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_resumeAction = nullptr;
    QAction *m_triggerAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QString m_detailsId;
    QString m_detailsApiHtml; // what the API said about the shown schedule
};

} // namespace Dashboard
