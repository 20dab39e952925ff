// The Settings page's parts: its group boxes (one function each), the field rows with their
// restart markers, the restart notice and the Apply/Revert row.

#include "settingspage.h"

#include "widgets/messagebar.h"
#include "widgets/pagewidgets.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <climits>

using namespace Qt::StringLiterals;

namespace Dashboard {

namespace {

constexpr qint64 kKiB = 1024;

QLabel *makeNote(const QString &text, QWidget *parent)
{
    auto *note = new QLabel(text, parent);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    return note;
}

// An icon and a text in one row (the non-loopback warning, the problem under the form).
QWidget *makeIconRow(QStyle::StandardPixmap icon, QLabel *text, QWidget *parent)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *iconLabel = new QLabel(row);
    const int size = row->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, row);
    iconLabel->setPixmap(row->style()->standardIcon(icon).pixmap(size, size));
    text->setParent(row);
    text->setWordWrap(true);
    layout->addWidget(iconLabel, 0, Qt::AlignTop);
    layout->addWidget(text, 1);
    return row;
}

// Shows the factor as typed (0.01, not 0.0100) and steps by decades' digits.
class TimeScaleSpinBox final : public QDoubleSpinBox
{
public:
    explicit TimeScaleSpinBox(QWidget *parent)
        : QDoubleSpinBox(parent)
    {
        setDecimals(4);
        setRange(Broker::Settings::MinTimeScale, Broker::Settings::MaxTimeScale);
        setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
        setPrefix(u"×"_s);
    }

    QString textFromValue(double value) const override
    {
        return locale().toString(value, 'g', QLocale::FloatingPointShortest);
    }
};

} // namespace

QGroupBox *SettingsPage::makeGroup(const QString &title, const QString &objectName,
                                   QFormLayout **form)
{
    auto *group = new QGroupBox(title);
    group->setObjectName(objectName);
    *form = new QFormLayout(group);
    (*form)->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    return group;
}

void SettingsPage::addRow(QFormLayout *form, const QString &label, QWidget *editor, Key key,
                          bool expand)
{
    auto *row = new QWidget(form->parentWidget());
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    editor->setParent(row);
    layout->addWidget(editor, expand ? 1 : 0);
    if (!Broker::Settings::isLive(key)) {
        editor->setToolTip(editor->toolTip().isEmpty()
                               ? tr("Takes effect after restart")
                               : editor->toolTip() + u"\n"_s + tr("Takes effect after restart"));
        //: Next to a setting that was changed but only applies at the next start
        auto *marker = new QLabel(tr("Takes effect after restart"), row);
        const QString name = Broker::Settings::keyName(key).section(u'/', 1);
        marker->setObjectName(name + u"RestartLabel"_s);
        marker->setForegroundRole(QPalette::PlaceholderText);
        marker->setVisible(false);
        m_restartMarkers.insert(key, marker);
        layout->addWidget(marker);
    }
    if (!expand)
        layout->addStretch(1);
    form->addRow(label, row);
    if (auto *caption = qobject_cast<QLabel *>(form->labelForField(row)))
        caption->setBuddy(editor);

    auto *note = makeNote(QString(), row);
    note->setObjectName(Broker::Settings::keyName(key).section(u'/', 1) + u"OverrideLabel"_s);
    note->setVisible(false);
    m_overrideNotes.insert(key, note);
    form->addRow(QString(), note);
}

QSpinBox *SettingsPage::makeSpinBox(const QString &objectName, Key key)
{
    auto *spin = new QSpinBox(this);
    spin->setObjectName(objectName);
    const Broker::Settings::Range range = Broker::Settings::range(key);
    spin->setRange(int(range.min), int(std::min<qint64>(range.max, INT_MAX)));
    spin->setGroupSeparatorShown(true);
    spin->setMinimumWidth(12 * spin->fontMetrics().averageCharWidth());
    connect(spin, &QSpinBox::valueChanged, this, &SettingsPage::updateState);
    return spin;
}

QLineEdit *SettingsPage::makeDurationEdit(const QString &objectName)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    edit->setMaximumWidth(14 * edit->fontMetrics().averageCharWidth());
    //: Tool tip of a duration field
    edit->setToolTip(tr("A duration such as 30s, 15m, 2h or 7d"));
    connect(edit, &QLineEdit::textChanged, this, &SettingsPage::updateState);
    return edit;
}

QWidget *SettingsPage::createServerGroup()
{
    QFormLayout *form = nullptr;
    //: Settings group: where the broker listens
    QGroupBox *group = makeGroup(tr("Server"), u"serverSettingsGroup"_s, &form);
    m_bindEdit = new QLineEdit(this);
    m_bindEdit->setObjectName(u"bindAddressEdit"_s);
    m_bindEdit->setMaximumWidth(24 * m_bindEdit->fontMetrics().averageCharWidth());
    m_bindEdit->setPlaceholderText(u"127.0.0.1"_s);
    connect(m_bindEdit, &QLineEdit::textChanged, this, &SettingsPage::updateState);
    addRow(form, tr("&Bind address:"), m_bindEdit, Key::BindAddress);

    auto *warningText = new QLabel(tr("Not a loopback address: other machines can reach the "
                                      "broker, and anyone with the token can publish."));
    m_bindWarning = makeIconRow(QStyle::SP_MessageBoxWarning, warningText, group);
    m_bindWarning->setObjectName(u"bindAddressWarning"_s);
    m_bindWarning->setVisible(false);
    form->addRow(QString(), m_bindWarning);

    m_portSpin = makeSpinBox(u"portSpinBox"_s, Key::Port);
    m_portSpin->setGroupSeparatorShown(false);
    //: Port 0 in the port field
    m_portSpin->setSpecialValueText(tr("Any free port"));
    addRow(form, tr("&Port:"), m_portSpin, Key::Port);
    form->addRow(makeNote(tr("Takes effect after a restart. SDK dev mode (QSTASH_DEV=true) "
                             "expects 127.0.0.1 and port 8080."),
                          group));
    return group;
}

QWidget *SettingsPage::createCredentialsGroup()
{
    QFormLayout *form = nullptr;
    QGroupBox *group = makeGroup(tr("Credentials"), u"credentialsSettingsGroup"_s, &form);

    m_tokenEdit = new QLineEdit(this);
    m_tokenEdit->setObjectName(u"tokenEdit"_s);
    m_tokenEdit->setEchoMode(QLineEdit::Password);
    m_tokenEdit->setFont(monospaceFont());
    m_tokenEdit->setMinimumWidth(44 * m_tokenEdit->fontMetrics().averageCharWidth());
    connect(m_tokenEdit, &QLineEdit::textChanged, this, &SettingsPage::updateState);
    auto *tokenRow = new QWidget(this);
    auto *tokenLayout = new QHBoxLayout(tokenRow);
    tokenLayout->setContentsMargins(0, 0, 0, 0);
    tokenLayout->addWidget(m_tokenEdit, 1);
    m_showTokenButton = new QToolButton(tokenRow);
    m_showTokenButton->setObjectName(u"showTokenButton"_s);
    //: Toggle button: reveal the masked token
    m_showTokenButton->setText(tr("Show"));
    m_showTokenButton->setCheckable(true);
    connect(m_showTokenButton, &QToolButton::toggled, this, [this](bool shown) {
        m_tokenEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_showTokenButton->setText(shown ? tr("Hide") : tr("Show"));
    });
    auto *copy = new QToolButton(tokenRow);
    copy->setObjectName(u"copyTokenButton"_s);
    //: Button next to the token
    copy->setText(tr("Copy"));
    copy->setToolTip(tr("Copy the token to the clipboard"));
    connect(copy, &QToolButton::clicked, this, &SettingsPage::copyToken);
    tokenLayout->addWidget(m_showTokenButton);
    tokenLayout->addWidget(copy);
    addRow(form, tr("&Token:"), tokenRow, Key::Token, true);
    m_tokenEdit->setAccessibleName(tr("Token"));

    auto *tokenButtons = new QHBoxLayout;
    auto *generate = new QPushButton(tr("Generate New Token"), group);
    generate->setObjectName(u"generateTokenButton"_s);
    generate->setToolTip(tr("A random token (32 random bytes, base64)"));
    connect(generate, &QPushButton::clicked, this,
            [this] { m_tokenEdit->setText(Broker::Settings::generateToken()); });
    auto *dev = new QPushButton(tr("Reset to Dev-Server Credentials"), group);
    dev->setObjectName(u"devCredentialsButton"_s);
    dev->setToolTip(tr("The token of `qstash-cli dev`, which SDK dev mode (QSTASH_DEV=true) uses"));
    connect(dev, &QPushButton::clicked, this, &SettingsPage::resetToDevCredentials);
    tokenButtons->addWidget(generate);
    tokenButtons->addWidget(dev);
    tokenButtons->addStretch(1);
    form->addRow(QString(), tokenButtons);

    const auto keyEdit = [this](const QString &objectName) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(objectName);
        edit->setReadOnly(true);
        edit->setFont(monospaceFont());
        return edit;
    };
    m_currentKeyEdit = keyEdit(u"currentSigningKeyEdit"_s);
    m_nextKeyEdit = keyEdit(u"nextSigningKeyEdit"_s);
    form->addRow(tr("Current signing key:"), m_currentKeyEdit);
    auto *nextRow = new QHBoxLayout;
    nextRow->addWidget(m_nextKeyEdit, 1);
    auto *rotate = new QPushButton(tr("Rotate Keys…"), group);
    rotate->setObjectName(u"rotateKeysButton"_s);
    rotate->setEnabled(m_client != nullptr);
    connect(rotate, &QPushButton::clicked, this, [this] { rotateKeys(); });
    nextRow->addWidget(rotate);
    form->addRow(tr("Next signing key:"), nextRow);
    form->addRow(makeNote(tr("A new token takes effect after a restart. Receivers verify "
                             "signatures with the signing keys; rotating makes the next key "
                             "current and draws a new next key, at once."),
                          group));
    return group;
}

QWidget *SettingsPage::createLimitsGroup()
{
    QFormLayout *form = nullptr;
    //: Settings group: limits on what the API accepts
    QGroupBox *group = makeGroup(tr("Limits"), u"limitsSettingsGroup"_s, &form);
    m_maxBodySpin = makeSpinBox(u"maxBodySpinBox"_s, Key::MaxBodyBytes);
    const Broker::Settings::Range body = Broker::Settings::range(Key::MaxBodyBytes);
    m_maxBodySpin->setRange(int(body.min / kKiB), int(body.max / kKiB));
    //: Unit suffix of the message size field
    m_maxBodySpin->setSuffix(tr(" KiB"));
    addRow(form, tr("Max message &size:"), m_maxBodySpin, Key::MaxBodyBytes);
    m_maxRetriesSpin = makeSpinBox(u"maxRetriesSpinBox"_s, Key::MaxRetries);
    addRow(form, tr("Ma&x retries:"), m_maxRetriesSpin, Key::MaxRetries);
    m_defaultRetriesSpin = makeSpinBox(u"defaultRetriesSpinBox"_s, Key::DefaultRetries);
    addRow(form, tr("&Default retries:"), m_defaultRetriesSpin, Key::DefaultRetries);
    m_maxDelayEdit = makeDurationEdit(u"maxDelayEdit"_s);
    addRow(form, tr("Max de&lay:"), m_maxDelayEdit, Key::MaxDelayMs);
    m_defaultTimeoutEdit = makeDurationEdit(u"defaultTimeoutEdit"_s);
    addRow(form, tr("Default time&out:"), m_defaultTimeoutEdit, Key::DefaultTimeoutMs);
    m_dedupWindowEdit = makeDurationEdit(u"dedupWindowEdit"_s);
    addRow(form, tr("Deduplication &window:"), m_dedupWindowEdit, Key::DedupWindowMs);
    m_inFlightSpin = makeSpinBox(u"maxInFlightSpinBox"_s, Key::MaxInFlightPerOrigin);
    addRow(form, tr("&In flight per destination:"), m_inFlightSpin, Key::MaxInFlightPerOrigin);
    form->addRow(makeNote(tr("Take effect after a restart. Defaults follow QStash's free plan; "
                             "retries and timeout apply when a message does not ask for its "
                             "own."),
                          group));
    return group;
}

QWidget *SettingsPage::createDurabilityGroup()
{
    auto *group = new QGroupBox(tr("Durability"));
    group->setObjectName(u"durabilitySettingsGroup"_s);
    auto *layout = new QVBoxLayout(group);
    m_normalRadio = new QRadioButton(tr("&Normal: survives a crash of LocalStash"), group);
    m_normalRadio->setObjectName(u"durabilityNormalRadio"_s);
    m_fullRadio = new QRadioButton(tr("F&ull: also survives a power loss (slower writes)"), group);
    m_fullRadio->setObjectName(u"durabilityFullRadio"_s);
    auto *buttons = new QButtonGroup(group);
    buttons->addButton(m_normalRadio);
    buttons->addButton(m_fullRadio);
    connect(m_fullRadio, &QRadioButton::toggled, this, &SettingsPage::updateState);
    layout->addWidget(m_normalRadio);
    layout->addWidget(m_fullRadio);
    layout->addWidget(makeNote(tr("Applies immediately."), group));
    return group;
}

QWidget *SettingsPage::createRetentionGroup()
{
    QFormLayout *form = nullptr;
    //: Settings group: how long finished messages are kept
    QGroupBox *group = makeGroup(tr("Retention"), u"retentionSettingsGroup"_s, &form);
    m_retentionDaysSpin = makeSpinBox(u"retentionDaysSpinBox"_s, Key::RetentionDays);
    //: Retention of 0 days
    m_retentionDaysSpin->setSpecialValueText(tr("Keep forever"));
    //: Unit suffix of the retention field
    m_retentionDaysSpin->setSuffix(tr(" days"));
    addRow(form, tr("&Keep for:"), m_retentionDaysSpin, Key::RetentionDays);
    m_retentionMaxSpin = makeSpinBox(u"retentionMaxMessagesSpinBox"_s, Key::RetentionMaxMessages);
    //: Retention of at most 0 (= any number of) messages
    m_retentionMaxSpin->setSpecialValueText(tr("Unlimited"));
    addRow(form, tr("At &most:"), m_retentionMaxSpin, Key::RetentionMaxMessages);
    form->addRow(makeNote(tr("Finished messages and dead letters beyond these are removed, the "
                             "oldest first. Applies immediately."),
                          group));
    return group;
}

QWidget *SettingsPage::createTimeScaleGroup()
{
    QFormLayout *form = nullptr;
    QGroupBox *group = makeGroup(tr("Time Scale"), u"timeScaleSettingsGroup"_s, &form);
    m_timeScaleSpin = new TimeScaleSpinBox(this);
    m_timeScaleSpin->setObjectName(u"timeScaleSpinBox"_s);
    connect(m_timeScaleSpin, &QDoubleSpinBox::valueChanged, this, [this] {
        updateTimeScaleHint();
        updateState();
    });
    addRow(form, tr("Multipl&y waits by:"), m_timeScaleSpin, Key::TimeScale);
    m_timeScaleHint = makeNote(QString(), group);
    m_timeScaleHint->setObjectName(u"timeScaleHint"_s);
    form->addRow(m_timeScaleHint);
    return group;
}

QWidget *SettingsPage::createLanguageGroup()
{
    QFormLayout *form = nullptr;
    QGroupBox *group = makeGroup(tr("Language"), u"languageSettingsGroup"_s, &form);
    m_languageCombo = new QComboBox(this);
    m_languageCombo->setObjectName(u"languageComboBox"_s);
    //: Language choice: follow the system's language
    m_languageCombo->addItem(tr("System default"), QString());
    // Each language in its own name, so it can be found whatever the current one is.
    m_languageCombo->addItem(u"English"_s, u"en"_s);
    m_languageCombo->addItem(u"Deutsch"_s, u"de"_s);
    connect(m_languageCombo, &QComboBox::currentIndexChanged, this, &SettingsPage::updateState);
    addRow(form, tr("Lan&guage:"), m_languageCombo, Key::Language);
    form->addRow(makeNote(tr("Takes effect after a restart."), group));
    return group;
}

QWidget *SettingsPage::createRestartNotice()
{
    auto *notice = new QFrame(this);
    notice->setObjectName(u"restartNotice"_s);
    notice->setFrameShape(QFrame::StyledPanel);
    auto *layout = new QHBoxLayout(notice);
    layout->setContentsMargins(8, 4, 4, 4);
    m_restartText = new QLabel(notice);
    m_restartText->setObjectName(u"restartNoticeLabel"_s);
    layout->addWidget(makeIconRow(QStyle::SP_BrowserReload, m_restartText, notice), 1);
    m_restartButton = new QPushButton(tr("Restart Now"), notice);
    m_restartButton->setObjectName(u"restartNowButton"_s);
    m_restartButton->setVisible(false);
    connect(m_restartButton, &QPushButton::clicked, this, &SettingsPage::restartRequested);
    layout->addWidget(m_restartButton, 0, Qt::AlignVCenter);
    m_restartNotice = notice;
    notice->setVisible(false);
    return notice;
}

QWidget *SettingsPage::createButtonRow()
{
    auto *row = new QWidget(this);
    auto *outer = new QVBoxLayout(row);
    outer->setContentsMargins(0, 4, 0, 0);
    m_problemLabel = new QLabel;
    m_problemLabel->setObjectName(u"settingsProblemLabel"_s);
    QWidget *problem = makeIconRow(QStyle::SP_MessageBoxCritical, m_problemLabel, row);
    problem->setObjectName(u"settingsProblem"_s);
    outer->addWidget(problem);

    auto *layout = new QHBoxLayout;
    //: %1 is the settings file's path
    auto *path = new QLabel(tr("Saved in %1")
                                .arg(m_path.isEmpty() ? tr("(nowhere: no data directory)")
                                                      : QDir::toNativeSeparators(m_path)),
                            row);
    path->setObjectName(u"settingsPathLabel"_s);
    path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    path->setForegroundRole(QPalette::PlaceholderText);
    path->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    path->setToolTip(QDir::toNativeSeparators(m_path));
    layout->addWidget(path, 1);
    m_revertButton = new QPushButton(tr("&Revert"), row);
    m_revertButton->setObjectName(u"revertButton"_s);
    m_revertButton->setToolTip(tr("Back to the saved settings"));
    connect(m_revertButton, &QPushButton::clicked, this, &SettingsPage::revert);
    m_applyButton = new QPushButton(tr("&Apply"), row);
    m_applyButton->setObjectName(u"applyButton"_s);
    m_applyButton->setDefault(true);
    connect(m_applyButton, &QPushButton::clicked, this, [this] { apply(); });
    layout->addWidget(m_revertButton);
    layout->addWidget(m_applyButton);
    outer->addLayout(layout);
    return row;
}

} // namespace Dashboard
