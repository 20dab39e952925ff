#include "settingspage.h"

#include "brokerclient.h"
#include "core/duration.h"
#include "widgets/bulkoperation.h"
#include "widgets/messagebar.h"
#include "widgets/pagewidgets.h"

#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include <climits>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Dashboard {

namespace {

constexpr qint64 kKiB = 1024;

qint64 kibCeil(qint64 bytes)
{
    return (bytes + kKiB - 1) / kKiB;
}

} // namespace

SettingsPage::SettingsPage(BrokerClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    setObjectName(u"settingsPage"_s);
    if (m_client && !m_client->config().dataDir.isEmpty() && !m_client->config().inMemory)
        m_path = Broker::Settings::filePath(m_client->config().dataDir);
    QStringList warnings;
    if (!m_path.isEmpty())
        m_saved = Broker::Settings::load(m_path, &warnings);
    // What this run started with (the page is built at start); command-line overrides aside.
    m_startup = m_saved;

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 6);
    //: Page title
    layout->addWidget(makePageTitle(tr("Settings"), this));
    m_messageBar = new MessageBar(this);
    layout->addWidget(m_messageBar);
    layout->addWidget(createRestartNotice());

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"settingsScrollArea"_s);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    auto *content = new QWidget(scroll);
    auto *grid = new QGridLayout(content);
    grid->setContentsMargins(0, 4, 4, 4);
    grid->setHorizontalSpacing(14);
    grid->setVerticalSpacing(10);
    auto *right = new QVBoxLayout;
    right->setSpacing(10);
    grid->addWidget(createServerGroup(), 0, 0);
    grid->addWidget(createLanguageGroup(), 0, 1);
    grid->addWidget(createCredentialsGroup(), 1, 0, 1, 2);
    grid->addWidget(createLimitsGroup(), 2, 0);
    right->addWidget(createDurabilityGroup());
    right->addWidget(createRetentionGroup());
    right->addWidget(createTimeScaleGroup());
    right->addStretch(1);
    grid->addLayout(right, 2, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(3, 1);
    scroll->setWidget(content);
    layout->addWidget(scroll, 1);
    layout->addWidget(createButtonRow());

    load(m_saved);
    if (m_client) {
        setKeys(m_client->signingKeys().current, m_client->signingKeys().next);
        connect(m_client, &BrokerClient::signingKeysChanged, this, &SettingsPage::setKeys);
    } else {
        m_messageBar->showError(tr("The broker is not running: settings cannot be saved."));
    }
    if (!warnings.isEmpty())
        //: %1 is the settings file's path, %2 the list of problems
        m_messageBar->showError(tr("Some saved settings were invalid and their defaults are "
                                   "used instead (%1): %2")
                                    .arg(QDir::toNativeSeparators(m_path), warnings.join(u"; "_s)));
}

void SettingsPage::load(const Broker::Settings &settings)
{
    m_loading = true;
    const Broker::BrokerConfig &c = settings.config();
    m_bindEdit->setText(c.bindAddress.toString());
    m_portSpin->setValue(c.port);
    m_tokenEdit->setText(c.token);
    m_tokenEdit->setCursorPosition(0);
    m_maxBodySpin->setValue(int(kibCeil(c.maxBodyBytes)));
    m_maxRetriesSpin->setValue(c.maxRetries);
    m_defaultRetriesSpin->setValue(c.defaultRetries);
    m_maxDelayEdit->setText(Broker::Duration::format(c.maxDelayMs));
    m_defaultTimeoutEdit->setText(Broker::Duration::format(c.defaultTimeoutMs));
    m_dedupWindowEdit->setText(Broker::Duration::format(c.dedupWindowMs));
    m_inFlightSpin->setValue(c.maxInFlightPerOrigin);
    (c.synchronousFull ? m_fullRadio : m_normalRadio)->setChecked(true);
    m_retentionDaysSpin->setValue(c.retentionDays);
    m_retentionMaxSpin->setValue(int(std::min<qint64>(c.retentionMaxMessages, INT_MAX)));
    m_timeScaleSpin->setValue(c.timeScale);
    m_languageCombo->setCurrentIndex(std::max(0, m_languageCombo->findData(settings.language())));
    m_loading = false;
    updateTimeScaleHint();
    updateState();
}

std::optional<Broker::Settings> SettingsPage::editedSettings(QStringList *problems) const
{
    QStringList found;
    Broker::Settings edited = m_saved;
    Broker::BrokerConfig c = m_saved.config();
    const Broker::BrokerConfig &saved = m_saved.config();

    if (const auto address = Broker::Settings::parseBindAddress(m_bindEdit->text()))
        c.bindAddress = *address;
    else
        found.append(tr("The bind address must be an IP address, such as 127.0.0.1 or ::1."));
    c.port = quint16(m_portSpin->value());
    const QString token = m_tokenEdit->text().trimmed();
    if (Broker::Settings::isValidToken(token))
        c.token = token;
    else
        found.append(tr("The token must not be empty, and may hold only printable ASCII "
                        "characters without spaces."));
    // A size not in whole KiB stays as saved unless the field was changed.
    if (m_maxBodySpin->value() != kibCeil(saved.maxBodyBytes))
        c.maxBodyBytes = m_maxBodySpin->value() * kKiB;
    c.maxRetries = m_maxRetriesSpin->value();
    c.defaultRetries = m_defaultRetriesSpin->value();
    if (c.defaultRetries > c.maxRetries)
        found.append(tr("Default retries cannot be more than max retries."));

    const auto duration = [&](QLineEdit *edit, Key key, qint64 savedMs, const QString &what,
                              qint64 &out) {
        const QString text = edit->text().trimmed();
        if (text == Broker::Duration::format(savedMs))
            return; // keeps milliseconds the compact form does not show
        const Broker::Settings::Range range = Broker::Settings::range(key);
        const auto ms = Broker::Duration::parseToMs(text);
        if (ms && *ms >= range.min && *ms <= range.max) {
            out = *ms;
            return;
        }
        //: %1 is a setting's name, %2 and %3 durations such as 1s and 3650d
        found.append(tr("%1 must be a duration from %2 to %3, such as 90s, 15m or 7d.")
                         .arg(what, Broker::Duration::format(range.min),
                              Broker::Duration::format(range.max)));
    };
    duration(m_maxDelayEdit, Key::MaxDelayMs, saved.maxDelayMs, tr("Max delay"), c.maxDelayMs);
    duration(m_defaultTimeoutEdit, Key::DefaultTimeoutMs, saved.defaultTimeoutMs,
             tr("Default timeout"), c.defaultTimeoutMs);
    duration(m_dedupWindowEdit, Key::DedupWindowMs, saved.dedupWindowMs,
             tr("The deduplication window"), c.dedupWindowMs);
    c.maxInFlightPerOrigin = m_inFlightSpin->value();
    c.synchronousFull = m_fullRadio->isChecked();
    c.retentionDays = m_retentionDaysSpin->value();
    if (m_retentionMaxSpin->value() != std::min<qint64>(saved.retentionMaxMessages, INT_MAX))
        c.retentionMaxMessages = m_retentionMaxSpin->value();
    if (!qFuzzyCompare(m_timeScaleSpin->value(), saved.timeScale))
        c.timeScale = m_timeScaleSpin->value();
    edited.setConfig(c);
    edited.setLanguage(m_languageCombo->currentData().toString());

    if (problems)
        *problems = found;
    if (!found.isEmpty())
        return std::nullopt;
    return edited;
}

bool SettingsPage::isModified() const
{
    const auto edited = editedSettings();
    return !edited || !edited->differences(m_saved).isEmpty();
}

void SettingsPage::updateState()
{
    if (m_loading || !m_applyButton)
        return;
    QStringList problems;
    const std::optional<Broker::Settings> edited = editedSettings(&problems);
    const bool modified = !edited || !edited->differences(m_saved).isEmpty();
    m_problemLabel->setText(problems.join(u'\n'));
    m_problemLabel->parentWidget()->setVisible(!problems.isEmpty());
    m_applyButton->setEnabled(modified && edited && !m_path.isEmpty());
    m_revertButton->setEnabled(modified);

    const auto address = Broker::Settings::parseBindAddress(m_bindEdit->text());
    m_bindWarning->setVisible(address && !address->isLoopback());

    // Restart settings whose edited (or saved) value is not what this run started with.
    const Broker::Settings &shown = edited ? *edited : m_saved;
    bool savedPending = false;
    for (auto it = m_restartMarkers.cbegin(); it != m_restartMarkers.cend(); ++it) {
        const Key key = it.key();
        const bool overridden = m_overrides.contains(Broker::Settings::keyName(key));
        const auto differs = [&](const Broker::Settings &s) {
            return key == Key::Language
                       ? s.language() != m_startup.language()
                       : !Broker::Settings::sameField(key, s.config(), m_startup.config());
        };
        it.value()->setVisible(m_client && !overridden && differs(shown));
        savedPending = savedPending || (m_client && !overridden && differs(m_saved));
    }
    m_restartNotice->setVisible(savedPending);
    m_restartButton->setVisible(m_restartSupported);
    m_restartText->setText(m_restartSupported
                               ? tr("Some saved settings take effect after a restart.")
                               : tr("Some saved settings take effect after a restart. Restart "
                                    "LocalStash to apply them."));
}

void SettingsPage::updateTimeScaleHint()
{
    const double scale = m_timeScaleSpin->value();
    const QString factor = locale().toString(scale, 'g', QLocale::FloatingPointShortest);
    const auto scaled = [scale](qint64 ms) {
        return Broker::Duration::format(std::max<qint64>(1, std::llround(ms * scale)));
    };
    if (qFuzzyCompare(scale, 1.0)) {
        m_timeScaleHint->setText(tr("Delays and retry waits run in real time. A smaller factor "
                                    "plays a retry schedule of minutes out in seconds."));
        return;
    }
    //: %1 is a factor such as 0.01; %2 and %3 are scaled durations such as 120ms and 36s
    m_timeScaleHint->setText(tr("Delays and retry waits are multiplied by %1: the first retry "
                                "after 12s comes after %2, a 1h delay takes %3. Applies to waits "
                                "that start after the change, immediately.")
                                 .arg(factor, scaled(12'000), scaled(3'600'000)));
}

void SettingsPage::setCommandLineOverrides(const QStringList &keys)
{
    m_overrides = keys;
    const Broker::BrokerConfig running = m_client ? m_client->config() : Broker::BrokerConfig{};
    for (auto it = m_overrideNotes.cbegin(); it != m_overrideNotes.cend(); ++it) {
        const bool overridden = keys.contains(Broker::Settings::keyName(it.key()));
        QString value;
        if (it.key() == Key::BindAddress)
            value = u"--bind "_s + running.bindAddress.toString();
        else if (it.key() == Key::Port)
            value = u"--port "_s + QString::number(running.port);
        else if (it.key() == Key::TimeScale)
            value = u"--time-scale "_s + QString::number(running.timeScale);
        //: %1 is a command-line option with its value, such as "--port 9000"
        it.value()->setText(tr("This run uses %1 from the command line, which wins over this "
                               "setting.")
                                .arg(value));
        it.value()->setVisible(overridden && !value.isEmpty());
    }
    updateState();
}

void SettingsPage::setRestartSupported(bool supported)
{
    m_restartSupported = supported;
    updateState();
}

void SettingsPage::revert()
{
    if (!m_path.isEmpty())
        m_saved = Broker::Settings::load(m_path);
    load(m_saved);
    m_messageBar->hide();
}

void SettingsPage::apply(std::function<void(bool)> done)
{
    QStringList problems;
    const std::optional<Broker::Settings> edited = editedSettings(&problems);
    const auto fail = [&](const QString &text) {
        m_messageBar->showError(text);
        if (done)
            done(false);
    };
    if (!edited)
        return fail(problems.join(u' '));
    if (m_path.isEmpty())
        return fail(tr("The broker is not running: settings cannot be saved."));
    const Broker::Status saved = edited->save(m_path);
    if (!saved)
        //: %1 is the reason, e.g. "cannot write /path/localstash.ini (access denied)"
        return fail(tr("Could not save the settings: %1").arg(saved.error().message));
    const Broker::Settings previous = m_saved;
    m_saved = *edited;
    load(m_saved);
    applyLive(previous, done);
}

void SettingsPage::applyLive(const Broker::Settings &previous,
                             const std::function<void(bool)> &done)
{
    // Only what changed: a value given on the command line stays in force otherwise.
    Broker::BrokerConfig live = m_client ? m_client->config() : Broker::BrokerConfig{};
    bool anyLive = false;
    for (const Key key : m_saved.differences(previous)) {
        if (Broker::Settings::isLive(key)) {
            Broker::Settings::copyField(key, m_saved.config(), live);
            anyLive = true;
        }
    }
    if (!anyLive || !m_client) {
        m_messageBar->showSuccess(tr("Settings saved."));
        updateState();
        if (done)
            done(true);
        return;
    }
    m_client->applyRuntimeSettings(live, this, [this, done](const Broker::BrokerConfig &applied) {
        if (applied.synchronousFull != m_saved.config().synchronousFull)
            m_messageBar->showError(tr("Settings saved, but the durability mode could not be "
                                       "changed while running; it applies at the next start."));
        else
            m_messageBar->showSuccess(tr("Settings saved and applied."));
        updateState();
        emit runtimeSettingsApplied();
        if (done)
            done(true);
    });
}

void SettingsPage::setKeys(const QString &current, const QString &next)
{
    m_currentKeyEdit->setText(current);
    m_currentKeyEdit->setCursorPosition(0);
    m_nextKeyEdit->setText(next);
    m_nextKeyEdit->setCursorPosition(0);
}

void SettingsPage::rotateKeys(std::function<void(bool)> done)
{
    if (!m_client)
        return;
    const bool devKeys = m_currentKeyEdit->text() == Broker::DevCredentials::currentSigningKey() &&
                         m_nextKeyEdit->text() == Broker::DevCredentials::nextSigningKey();
    QString text = tr("Deliveries will be signed with the next key, and a new next key is "
                      "drawn. Give your receivers the new QSTASH_CURRENT_SIGNING_KEY and "
                      "QSTASH_NEXT_SIGNING_KEY, or they will reject what they receive once "
                      "they no longer know the signing key.");
    if (devKeys)
        text += u"\n\n"_s + tr("SDK dev mode (QSTASH_DEV=true) only recognises the dev "
                               "server's keys: after rotating, it no longer adopts this broker.");
    if (!Confirm::ask(this, tr("Rotate Signing Keys"), text, tr("Rotate"))) {
        if (done)
            done(false);
        return;
    }
    m_client->call("POST", u"/v2/keys/rotate"_s, {}, {}, this, [this, done](const ApiResult &r) {
        if (r.ok())
            m_messageBar->showSuccess(tr("Signing keys rotated. Update the keys in your "
                                         "receivers' environment."));
        else
            m_messageBar->showError(tr("Could not rotate the keys: %1").arg(r.errorText()));
        if (done)
            done(r.ok());
    });
}

void SettingsPage::copyToken()
{
    QGuiApplication::clipboard()->setText(m_tokenEdit->text());
    m_messageBar->showInfo(tr("Copied the token to the clipboard."));
}

void SettingsPage::resetToDevCredentials()
{
    m_tokenEdit->setText(Broker::DevCredentials::token());
    m_tokenEdit->setCursorPosition(0);
    const bool devKeys = m_currentKeyEdit->text() == Broker::DevCredentials::currentSigningKey() &&
                         m_nextKeyEdit->text() == Broker::DevCredentials::nextSigningKey();
    if (devKeys || !m_client) {
        m_messageBar->showInfo(tr("The token is the dev server's again; apply and restart to "
                                  "use it."));
        return;
    }
    // The keys change at once (they live in the database); the token waits for Apply + restart.
    if (!Confirm::ask(this, tr("Reset Signing Keys"),
                      tr("Deliveries will be signed with the dev server's keys from now on, "
                         "which SDK dev mode (QSTASH_DEV=true) expects. Receivers configured "
                         "with the current keys reject them until they get the dev keys."),
                      tr("Reset Keys"))) {
        m_messageBar->showInfo(tr("The token is the dev server's again; apply and restart to "
                                  "use it. The signing keys were left as they are."));
        return;
    }
    m_client->setSigningKeys(
        Broker::DevCredentials::currentSigningKey(), Broker::DevCredentials::nextSigningKey(), this,
        [this](const QString &error) {
            if (error.isEmpty())
                m_messageBar->showSuccess(tr("The signing keys are the dev server's again. The "
                                             "token is too once you apply and restart."));
            else
                m_messageBar->showError(tr("Could not reset the signing keys: %1").arg(error));
        });
}

} // namespace Dashboard
