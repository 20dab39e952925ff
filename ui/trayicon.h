#pragma once
// The tray icon: the broker keeps running while the window is closed; the menu shows the
// window again, opens the composer, or quits (which stops the broker). The tool tip says where
// the broker listens and what is waiting.

#include <QSystemTrayIcon>

class QAction;

namespace Dashboard {

class TrayIcon final : public QSystemTrayIcon
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayIcon)
public:
    explicit TrayIcon(QObject *parent = nullptr);

    void setListening(const QString &baseUrl);
    void setCounts(const QVariantMap &counts);

signals:
    void showRequested();
    void composeRequested();
    void quitRequested();

private:
    void updateToolTip();

    QString m_baseUrl;
    qint64 m_waiting = 0;
    qint64 m_failed = 0;
};

} // namespace Dashboard
