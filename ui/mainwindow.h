#pragma once
// The dashboard's main window. A navigation list on the left switches the pages of a stacked
// widget; the Foundation stage has one page, "Overview": where the broker listens, its data
// directory, the credentials (and the .env block built from them) and the message counts by
// state. The window never touches broker objects (they live in the broker thread): the app
// feeds it through the slots below, typically over queued connections.

#include <QMainWindow>
#include <QMetaType>
#include <QString>
#include <QVariantMap>

class QGridLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QWidget;

namespace Dashboard {

struct BrokerStatus
{
    QString baseUrl; // e.g. "http://127.0.0.1:8080"
    QString token;
    QString currentSigningKey;
    QString nextSigningKey;
    QString dataDir;
    double timeScale = 1.0; // multiplies delays and retry waits; 1 = real time

    friend bool operator==(const BrokerStatus &, const BrokerStatus &) = default;
};

// The lines a user pastes into their application's .env file, each terminated by '\n':
// QSTASH_URL, QSTASH_TOKEN, QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY.
QString envBlock(const BrokerStatus &status);

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

public slots:
    void setStatus(const Dashboard::BrokerStatus &status);
    // Keys: "PENDING", "ACTIVE", "RETRY", "DELIVERED", "FAILED", "CANCELED" → qint64. A missing
    // key counts as 0; unknown keys are ignored.
    void setCounts(const QVariantMap &counts);
    void setSigningKeys(const QString &current, const QString &next);

signals:
    void quitRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct CountTile
    {
        QString key;
        QWidget *tile = nullptr;
        QLabel *value = nullptr;
    };

    void createActions();
    QWidget *createOverviewPage();
    QWidget *createStartingPanel();
    QWidget *createServerGroup();
    QWidget *createCountsGroup();
    QWidget *createCredentialsGroup();
    QWidget *createEnvGroup();
    int addPage(const QString &title, QWidget *page);
    QLineEdit *addCredentialRow(QGridLayout *grid, int row, const QString &name, const QString &id);
    void copyToClipboard(const QString &text, const QString &what);
    void reflowCountTiles();
    void updateCredentials();
    void updateStatusBar();
    void showAbout();
    void restoreSettings();
    void saveSettings() const;

    BrokerStatus m_status;
    bool m_hasStatus = false;

    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    QStackedWidget *m_overviewStack = nullptr;
    QWidget *m_startingPanel = nullptr;
    QWidget *m_overviewContent = nullptr;
    QLabel *m_baseUrlLabel = nullptr;
    QLabel *m_dataDirLabel = nullptr;
    QPushButton *m_openDataDirButton = nullptr;
    QLineEdit *m_tokenEdit = nullptr;
    QLineEdit *m_currentKeyEdit = nullptr;
    QLineEdit *m_nextKeyEdit = nullptr;
    QPlainTextEdit *m_envBlockEdit = nullptr;
    QWidget *m_countsGroup = nullptr;
    QGridLayout *m_countsGrid = nullptr;
    QList<CountTile> m_countTiles;
    int m_countColumns = 0;
    QLabel *m_listeningLabel = nullptr;
    QLabel *m_timeScaleLabel = nullptr;
};

} // namespace Dashboard

Q_DECLARE_METATYPE(Dashboard::BrokerStatus)
