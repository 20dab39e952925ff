#pragma once
// The Overview page: where the broker listens, its data directory, the message counts by state,
// a live chart of deliveries/s, failures/s and backlog, the most recent failures (each opens
// its message), the credentials and the .env block built from them.

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QVariantMap>
#include <QWidget>

class QGridLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTreeWidget;

namespace Dashboard {

class BrokerClient;
class ThroughputChart;

struct BrokerStatus
{
    QString baseUrl; // e.g. "http://127.0.0.1:8080"
    QString token;
    QString currentSigningKey;
    QString nextSigningKey;
    QString dataDir;
    double timeScale = 1.0; // multiplies delays and retry waits; 1 = real time
    // Settings (INI keys) the command line overrides for this run, for the Settings page.
    QStringList commandLineOverrides;

    friend bool operator==(const BrokerStatus &, const BrokerStatus &) = default;
};

// The lines a user pastes into their application's .env file, each terminated by '\n':
// QSTASH_URL, QSTASH_TOKEN, QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY.
QString envBlock(const BrokerStatus &status);

class OverviewPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverviewPage)
public:
    explicit OverviewPage(QWidget *parent = nullptr);

    void setClient(BrokerClient *client);
    void setStatus(const Dashboard::BrokerStatus &status);
    // Keys: "PENDING", "ACTIVE", "RETRY", "DELIVERED", "FAILED", "CANCELED" → qint64. A missing
    // key counts as 0; unknown keys are ignored.
    void setCounts(const QVariantMap &counts);
    void setSigningKeys(const QString &current, const QString &next);
    const BrokerStatus &status() const { return m_status; }

    ThroughputChart *chart() const { return m_chart; }
    QTreeWidget *recentFailures() const { return m_failures; }
    void refreshFailures();

signals:
    void statusMessage(const QString &text);
    void messageActivated(const QString &messageId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct CountTile
    {
        QString key;
        QWidget *tile = nullptr;
        QLabel *value = nullptr;
    };

    QWidget *createOverviewPage();
    QWidget *createStartingPanel();
    QWidget *createServerGroup();
    QWidget *createCountsGroup();
    QWidget *createActivityGroup();
    QWidget *createFailuresGroup();
    QWidget *createCredentialsGroup();
    QWidget *createEnvGroup();
    QLineEdit *addCredentialRow(QGridLayout *grid, int row, const QString &name, const QString &id);
    void copyToClipboard(const QString &text, const QString &what);
    void reflowCountTiles();
    void updateCredentials();

    BrokerClient *m_client = nullptr;
    BrokerStatus m_status;
    QVariantMap m_counts;
    bool m_hasCounts = false;
    QTimer m_sampleTimer;

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
    ThroughputChart *m_chart = nullptr;
    QTreeWidget *m_failures = nullptr;
    QLabel *m_noFailures = nullptr;
};

} // namespace Dashboard

Q_DECLARE_METATYPE(Dashboard::BrokerStatus)
