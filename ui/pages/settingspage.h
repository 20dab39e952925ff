#pragma once
// The Settings page: edits localstash.ini in the data directory (Broker::Settings). Apply saves;
// time scale, durability and retention then change in the running broker at once, everything
// else (address, port, token, limits, language) at the next start, which the page says next to
// each such field and in a notice offering a restart. Rotating the signing keys is immediate,
// through the broker's API.

#include "core/settings.h"

#include <QHash>
#include <QWidget>

#include <functional>
#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QToolButton;

namespace Dashboard {

class BrokerClient;
class MessageBar;

class SettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsPage)
public:
    using Key = Broker::Settings::Key;

    // Reads localstash.ini from the data directory of the client's broker; without a client the
    // page shows the defaults and cannot save.
    explicit SettingsPage(BrokerClient *client, QWidget *parent = nullptr);

    QString settingsPath() const { return m_path; }
    const Broker::Settings &savedSettings() const { return m_saved; }
    // What the fields hold, or nullopt with the problems (one sentence each) when invalid.
    std::optional<Broker::Settings> editedSettings(QStringList *problems = nullptr) const;
    bool isModified() const;
    MessageBar *messageBar() const { return m_messageBar; }

    // INI keys (Settings::keyName) given on the command line: they win for this run.
    void setCommandLineOverrides(const QStringList &keys);
    // Whether "Restart Now" is offered (the app can restart itself).
    void setRestartSupported(bool supported);

    // Saves, then applies the live settings to the broker; `done(ok)` once finished.
    void apply(std::function<void(bool)> done = {});
    // Back to what the file says.
    void revert();
    // Asks for confirmation, then rotates the signing keys.
    void rotateKeys(std::function<void(bool)> done = {});

signals:
    void restartRequested();
    // The running broker's time scale, durability or retention changed.
    void runtimeSettingsApplied();

private:
    QWidget *createServerGroup();
    QWidget *createCredentialsGroup();
    QWidget *createLimitsGroup();
    QWidget *createDurabilityGroup();
    QWidget *createRetentionGroup();
    QWidget *createTimeScaleGroup();
    QWidget *createLanguageGroup();
    QWidget *createRestartNotice();
    QWidget *createButtonRow();
    QGroupBox *makeGroup(const QString &title, const QString &objectName, QFormLayout **form);
    // The editor with a "Takes effect after restart" marker (restart settings) beside it.
    void addRow(QFormLayout *form, const QString &label, QWidget *editor, Key key,
                bool expand = false);
    QLineEdit *makeDurationEdit(const QString &objectName);
    QSpinBox *makeSpinBox(const QString &objectName, Key key);

    void load(const Broker::Settings &settings);
    void updateState();
    void updateTimeScaleHint();
    void setKeys(const QString &current, const QString &next);
    void copyToken();
    void resetToDevCredentials();
    void applyLive(const Broker::Settings &previous, const std::function<void(bool)> &done);

    BrokerClient *m_client;
    QString m_path;
    Broker::Settings m_saved;
    Broker::Settings m_startup;
    QStringList m_overrides;
    bool m_restartSupported = false;
    bool m_loading = false;

    MessageBar *m_messageBar = nullptr;
    QWidget *m_restartNotice = nullptr;
    QLabel *m_restartText = nullptr;
    QPushButton *m_restartButton = nullptr;
    QLabel *m_problemLabel = nullptr;
    QPushButton *m_applyButton = nullptr;
    QPushButton *m_revertButton = nullptr;
    QHash<Key, QLabel *> m_restartMarkers;
    QHash<Key, QLabel *> m_overrideNotes;

    QLineEdit *m_bindEdit = nullptr;
    QWidget *m_bindWarning = nullptr;
    QSpinBox *m_portSpin = nullptr;
    QLineEdit *m_tokenEdit = nullptr;
    QToolButton *m_showTokenButton = nullptr;
    QLineEdit *m_currentKeyEdit = nullptr;
    QLineEdit *m_nextKeyEdit = nullptr;
    QSpinBox *m_maxBodySpin = nullptr;
    QSpinBox *m_maxRetriesSpin = nullptr;
    QSpinBox *m_defaultRetriesSpin = nullptr;
    QLineEdit *m_maxDelayEdit = nullptr;
    QLineEdit *m_defaultTimeoutEdit = nullptr;
    QLineEdit *m_dedupWindowEdit = nullptr;
    QSpinBox *m_inFlightSpin = nullptr;
    QRadioButton *m_normalRadio = nullptr;
    QRadioButton *m_fullRadio = nullptr;
    QSpinBox *m_retentionDaysSpin = nullptr;
    QSpinBox *m_retentionMaxSpin = nullptr;
    QDoubleSpinBox *m_timeScaleSpin = nullptr;
    QLabel *m_timeScaleHint = nullptr;
    QComboBox *m_languageCombo = nullptr;
};

} // namespace Dashboard
