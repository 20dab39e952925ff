#pragma once
// The dashboard's main window. A navigation list on the left switches the pages of a stacked
// widget: Overview, Messages, Dead-letter queue, URL groups, Schedules, Queues and Settings
// (Ctrl+1…7; Settings also Ctrl+,).
// The window never touches broker objects (they live in the broker thread): it reads and acts
// through a BrokerClient, and the app feeds it the status through the slots below.

#include "pages/overviewpage.h"

#include <QMainWindow>
#include <QTimer>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace Dashboard {

class BrokerClient;
class DlqPage;
class MessagesPage;
class QueuesPage;
class SchedulesPage;
class SettingsPage;
class TrayIcon;
class UrlGroupsPage;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    // Without a client the pages show their empty states (the Overview still works).
    explicit MainWindow(BrokerClient *client = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    enum Page {
        OverviewIndex,
        MessagesIndex,
        DeadLetterIndex,
        UrlGroupsIndex,
        SchedulesIndex,
        QueuesIndex,
        SettingsIndex,
        PageCount
    };
    void showPage(Page page);
    Page currentPage() const;

    OverviewPage *overviewPage() const { return m_overview; }
    MessagesPage *messagesPage() const { return m_messages; }
    DlqPage *dlqPage() const { return m_dlq; }
    UrlGroupsPage *urlGroupsPage() const { return m_urlGroups; }
    SchedulesPage *schedulesPage() const { return m_schedules; }
    QueuesPage *queuesPage() const { return m_queues; }
    SettingsPage *settingsPage() const { return m_settings; }
    // The app can restart itself: the Settings page offers "Restart Now".
    void setRestartSupported(bool supported);

    // Shows a tray icon when the desktop has a tray; returns whether it does. With one, closing
    // the window hides it and the broker keeps running.
    bool enableTrayIcon();
    TrayIcon *trayIcon() const { return m_tray; }

public slots:
    void setStatus(const Dashboard::BrokerStatus &status);
    void setCounts(const QVariantMap &counts);
    void setSigningKeys(const QString &current, const QString &next);
    void openComposer();
    void showMessage(const QString &messageId);
    void showAndRaise();

signals:
    void quitRequested();
    // Stop the broker and start LocalStash again (settings that apply at start).
    void restartRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createPages();
    int addPage(const QString &title, const QString &icon, QWidget *page);
    void updateStatusBar();
    void refreshCurrentPage();
    void showAbout();
    void restoreSettings();
    void saveSettings() const;

    BrokerClient *m_client;
    BrokerStatus m_status;
    bool m_hasStatus = false;
    bool m_trayNoticeShown = false;

    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    OverviewPage *m_overview = nullptr;
    MessagesPage *m_messages = nullptr;
    DlqPage *m_dlq = nullptr;
    UrlGroupsPage *m_urlGroups = nullptr;
    SchedulesPage *m_schedules = nullptr;
    QueuesPage *m_queues = nullptr;
    SettingsPage *m_settings = nullptr;
    TrayIcon *m_tray = nullptr;
    QLabel *m_listeningLabel = nullptr;
    QLabel *m_timeScaleLabel = nullptr;
    QTimer m_pollTimer;
};

} // namespace Dashboard
