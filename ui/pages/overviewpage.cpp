#include "overviewpage.h"

#include "brokerclient.h"
#include "format.h"
#include "widgets/pagewidgets.h"
#include "widgets/throughputchart.h"

#include <QClipboard>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSqlQuery>
#include <QStackedWidget>
#include <QTextDocument>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Dashboard {

namespace {

constexpr int kEnvBlockLines = 4;
constexpr int kSampleIntervalMs = 1000;
constexpr int kRecentFailures = 8;

} // namespace

QString envBlock(const BrokerStatus &status)
{
    return u"QSTASH_URL="_s % status.baseUrl % u"\nQSTASH_TOKEN="_s % status.token %
           u"\nQSTASH_CURRENT_SIGNING_KEY="_s % status.currentSigningKey %
           u"\nQSTASH_NEXT_SIGNING_KEY="_s % status.nextSigningKey % u'\n';
}

OverviewPage::OverviewPage(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"overviewPage"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(createOverviewPage());
    updateCredentials();

    m_sampleTimer.setInterval(kSampleIntervalMs);
    connect(&m_sampleTimer, &QTimer::timeout, this, [this] {
        if (m_hasCounts)
            m_chart->addSample(QDateTime::currentMSecsSinceEpoch(), m_counts);
    });
    m_sampleTimer.start();
}

void OverviewPage::setClient(BrokerClient *client)
{
    m_client = client;
    if (!m_client)
        return;
    connect(m_client, &BrokerClient::storeChanged, this, [this] {
        if (isVisible())
            refreshFailures();
    });
    refreshFailures();
}

QWidget *OverviewPage::createOverviewPage()
{
    m_overviewStack = new QStackedWidget;
    m_overviewStack->setObjectName(u"overviewStack"_s);

    m_startingPanel = createStartingPanel();
    m_overviewStack->addWidget(m_startingPanel);

    auto *scroll = new QScrollArea;
    scroll->setObjectName(u"overviewContent"_s);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);

    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(20, 16, 20, 16);
    layout->setSpacing(14);

    auto *title = new QLabel(tr("Overview"), content);
    title->setObjectName(u"overviewTitle"_s);
    title->setFont(scaledFont(font(), 1.5, true));
    layout->addWidget(title);

    layout->addWidget(createServerGroup());
    layout->addWidget(createCountsGroup());
    layout->addWidget(createActivityGroup());
    layout->addWidget(createFailuresGroup());
    layout->addWidget(createCredentialsGroup());
    layout->addWidget(createEnvGroup());
    layout->addStretch(1);

    scroll->setWidget(content);
    m_overviewContent = scroll;
    m_overviewStack->addWidget(m_overviewContent);
    m_overviewStack->setCurrentWidget(m_startingPanel);
    return m_overviewStack;
}

QWidget *OverviewPage::createStartingPanel()
{
    auto *panel = new QWidget;
    panel->setObjectName(u"startingPanel"_s);
    auto *layout = new QVBoxLayout(panel);
    layout->addStretch(1);

    auto *heading = new QLabel(tr("Starting the broker…"), panel);
    heading->setObjectName(u"startingLabel"_s);
    heading->setFont(scaledFont(font(), 1.5, true));
    heading->setAlignment(Qt::AlignCenter);
    layout->addWidget(heading);

    auto *detail =
        new QLabel(tr("The overview appears as soon as the broker is listening."), panel);
    detail->setAlignment(Qt::AlignCenter);
    detail->setWordWrap(true);
    detail->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(detail);

    layout->addStretch(2);
    return panel;
}

QWidget *OverviewPage::createServerGroup()
{
    auto *group = new QGroupBox(tr("Server"));
    group->setObjectName(u"serverGroup"_s);
    auto *grid = new QGridLayout(group);
    grid->setColumnStretch(1, 1);

    m_baseUrlLabel = new QLabel(group);
    m_baseUrlLabel->setObjectName(u"baseUrlLabel"_s);
    m_baseUrlLabel->setFont(monospaceFont());
    m_baseUrlLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *baseUrlCaption = new QLabel(tr("Listening address:"), group);
    baseUrlCaption->setBuddy(m_baseUrlLabel);

    m_dataDirLabel = new QLabel(group);
    m_dataDirLabel->setObjectName(u"dataDirLabel"_s);
    m_dataDirLabel->setFont(monospaceFont());
    m_dataDirLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long path must not force the window wider; the tool tip shows it whole.
    m_dataDirLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *dataDirCaption = new QLabel(tr("Data directory:"), group);
    dataDirCaption->setBuddy(m_dataDirLabel);

    m_openDataDirButton = new QPushButton(tr("Open Folder"), group);
    m_openDataDirButton->setObjectName(u"openDataDirButton"_s);
    m_openDataDirButton->setToolTip(tr("Show the data directory in the file manager"));
    connect(m_openDataDirButton, &QPushButton::clicked, this, [this] {
        if (!m_status.dataDir.isEmpty())
            QDesktopServices::openUrl(QUrl::fromLocalFile(m_status.dataDir));
    });

    grid->addWidget(baseUrlCaption, 0, 0);
    grid->addWidget(m_baseUrlLabel, 0, 1, 1, 2);
    grid->addWidget(dataDirCaption, 1, 0);
    grid->addWidget(m_dataDirLabel, 1, 1);
    grid->addWidget(m_openDataDirButton, 1, 2);
    return group;
}

QWidget *OverviewPage::createCountsGroup()
{
    struct StateInfo
    {
        QString key;
        QString caption;
        QString toolTip;
        QColor accent;
    };
    const StateInfo states[] = {
        //: Message state (caption under a count), then its tool tip
        {u"PENDING"_s, tr("Pending"), tr("Accepted and waiting for its delivery time"),
         QColor(0x5c, 0x6b, 0xc0)},
        //: Message state: being delivered, then its tool tip
        {u"ACTIVE"_s, tr("Active"), tr("Being delivered right now"), QColor(0x1e, 0x88, 0xe5)},
        //: Message state: waiting to be retried, then its tool tip
        {u"RETRY"_s, tr("Retry"), tr("Failed at least once and waiting for the next attempt"),
         QColor(0xfb, 0x8c, 0x00)},
        //: Message state, then its tool tip
        {u"DELIVERED"_s, tr("Delivered"), tr("Delivered successfully"), QColor(0x43, 0xa0, 0x47)},
        //: Message state: out of retries, then its tool tip
        {u"FAILED"_s, tr("Failed"), tr("Out of retries; moved to the dead letter queue"),
         QColor(0xe5, 0x39, 0x35)},
        //: Message state, then its tool tip
        {u"CANCELED"_s, tr("Canceled"), tr("Canceled through the API"), QColor(0x75, 0x75, 0x75)},
    };

    //: Group title: message counts by state
    auto *group = new QGroupBox(tr("Messages"));
    group->setObjectName(u"countsGroup"_s);
    auto *grid = new QGridLayout(group);
    grid->setSpacing(10);

    const QFont valueFont = scaledFont(font(), 2.0, true);
    for (const StateInfo &state : states) {
        const QString id = state.key.toLower();

        auto *tile = new QFrame(group);
        tile->setObjectName(id + u"CountTile"_s);
        tile->setFrameShape(QFrame::StyledPanel);
        tile->setToolTip(state.toolTip);
        auto *tileLayout = new QVBoxLayout(tile);
        tileLayout->setContentsMargins(8, 8, 8, 8);
        tileLayout->setSpacing(2);

        auto *accent = new QFrame(tile);
        accent->setFixedHeight(3);
        accent->setAutoFillBackground(true);
        QPalette accentPalette = accent->palette();
        accentPalette.setColor(QPalette::Window, state.accent);
        accent->setPalette(accentPalette);

        auto *value = new QLabel(u"–"_s, tile);
        value->setObjectName(id + u"CountLabel"_s);
        value->setFont(valueFont);
        value->setAlignment(Qt::AlignCenter);

        auto *caption = new QLabel(state.caption, tile);
        caption->setObjectName(id + u"CaptionLabel"_s);
        caption->setAlignment(Qt::AlignCenter);
        caption->setForegroundRole(QPalette::PlaceholderText);
        value->setAccessibleName(state.caption);

        tileLayout->addWidget(accent);
        tileLayout->addWidget(value);
        tileLayout->addWidget(caption);

        m_countTiles.append({state.key, tile, value});
    }

    // The tiles reflow (six, three or two a row) to the width the group gets, so the group's own
    // minimum width must not hold the page wide.
    m_countsGroup = group;
    m_countsGrid = grid;
    group->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    group->installEventFilter(this);
    reflowCountTiles();
    return group;
}

QLineEdit *OverviewPage::addCredentialRow(QGridLayout *grid, int row, const QString &name,
                                          const QString &id)
{
    QWidget *parent = grid->parentWidget();
    auto *label = new QLabel(name, parent);
    label->setFont(monospaceFont());

    auto *edit = new QLineEdit(parent);
    edit->setObjectName(id + u"LineEdit"_s);
    edit->setReadOnly(true);
    edit->setFont(monospaceFont());
    edit->setMinimumWidth(20 * edit->fontMetrics().averageCharWidth());
    edit->setAccessibleName(name);
    label->setBuddy(edit);

    //: Button next to a credential
    auto *button = new QPushButton(tr("Copy"), parent);
    QString buttonId = id;
    buttonId[0] = buttonId.at(0).toUpper();
    button->setObjectName(u"copy"_s + buttonId + u"Button"_s);
    //: %1 is an environment variable name such as QSTASH_TOKEN
    button->setToolTip(tr("Copy %1 to the clipboard").arg(name));
    //: Accessible name; %1 is an environment variable name such as QSTASH_TOKEN
    button->setAccessibleName(tr("Copy %1").arg(name));
    connect(button, &QPushButton::clicked, this,
            [this, edit, name] { copyToClipboard(edit->text(), name); });

    grid->addWidget(label, row, 0);
    grid->addWidget(edit, row, 1);
    grid->addWidget(button, row, 2);
    return edit;
}

QWidget *OverviewPage::createCredentialsGroup()
{
    auto *group = new QGroupBox(tr("Credentials"));
    group->setObjectName(u"credentialsGroup"_s);
    auto *grid = new QGridLayout(group);
    grid->setColumnStretch(1, 1);

    m_tokenEdit = addCredentialRow(grid, 0, u"QSTASH_TOKEN"_s, u"token"_s);
    m_currentKeyEdit =
        addCredentialRow(grid, 1, u"QSTASH_CURRENT_SIGNING_KEY"_s, u"currentSigningKey"_s);
    m_nextKeyEdit = addCredentialRow(grid, 2, u"QSTASH_NEXT_SIGNING_KEY"_s, u"nextSigningKey"_s);
    return group;
}

QWidget *OverviewPage::createEnvGroup()
{
    auto *group = new QGroupBox(tr("Environment"));
    group->setObjectName(u"envGroup"_s);
    auto *layout = new QVBoxLayout(group);

    auto *hint = new QLabel(tr("Paste these lines into your application's .env file:"), group);
    hint->setWordWrap(true);
    layout->addWidget(hint);

    m_envBlockEdit = new QPlainTextEdit(group);
    m_envBlockEdit->setObjectName(u"envBlockEdit"_s);
    m_envBlockEdit->setReadOnly(true);
    m_envBlockEdit->setFont(monospaceFont());
    m_envBlockEdit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_envBlockEdit->setTabChangesFocus(true);
    m_envBlockEdit->setAccessibleName(tr("Environment variables"));
    hint->setBuddy(m_envBlockEdit);
    // Exactly the four lines (a window too narrow for them gets scroll bars).
    const int textHeight = QFontMetrics(m_envBlockEdit->font()).lineSpacing() * kEnvBlockLines;
    const int chrome = int(std::ceil(2 * m_envBlockEdit->document()->documentMargin())) +
                       2 * m_envBlockEdit->frameWidth();
    m_envBlockEdit->setFixedHeight(textHeight + chrome + 2);
    layout->addWidget(m_envBlockEdit);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    auto *copyButton = new QPushButton(tr("Copy env block"), group);
    copyButton->setObjectName(u"copyEnvBlockButton"_s);
    copyButton->setToolTip(tr("Copy all four lines to the clipboard"));
    connect(copyButton, &QPushButton::clicked, this,
            //: Fills %1 of "Copied %1 to the clipboard"
            [this] { copyToClipboard(envBlock(m_status), tr("env block")); });
    buttons->addWidget(copyButton);
    layout->addLayout(buttons);
    return group;
}

void OverviewPage::setStatus(const Dashboard::BrokerStatus &status)
{
    m_status = status;

    m_baseUrlLabel->setText(status.baseUrl);
    const QString dataDir = QDir::toNativeSeparators(status.dataDir);
    m_dataDirLabel->setText(dataDir);
    m_dataDirLabel->setToolTip(dataDir);
    m_openDataDirButton->setEnabled(!status.dataDir.isEmpty());

    updateCredentials();
    m_overviewStack->setCurrentWidget(m_overviewContent);
}

void OverviewPage::setCounts(const QVariantMap &counts)
{
    const QLocale locale = this->locale();
    for (const CountTile &tile : std::as_const(m_countTiles))
        tile.value->setText(locale.toString(counts.value(tile.key, 0).toLongLong()));
    reflowCountTiles(); // bigger numbers may need wider tiles
    m_counts = counts;
    m_hasCounts = true;
}

bool OverviewPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_countsGroup && event->type() == QEvent::Resize)
        reflowCountTiles();
    return QWidget::eventFilter(watched, event);
}

void OverviewPage::reflowCountTiles()
{
    const qsizetype tileCount = m_countTiles.size();
    int widest = 0;
    for (const CountTile &tile : std::as_const(m_countTiles))
        widest = std::max(widest, tile.tile->sizeHint().width());
    const QMargins margins = m_countsGrid->contentsMargins();
    const int available = m_countsGroup->contentsRect().width() - margins.left() - margins.right();
    const int spacing = m_countsGrid->horizontalSpacing();

    // Whole rows only: 6, 3 or 2 tiles a row, and 1 as the last resort.
    int columns = 1;
    for (const int candidate : {6, 3, 2}) {
        if (candidate <= tileCount && candidate * widest + (candidate - 1) * spacing <= available) {
            columns = candidate;
            break;
        }
    }
    if (columns == m_countColumns)
        return;
    m_countColumns = columns;

    for (const CountTile &tile : std::as_const(m_countTiles))
        m_countsGrid->removeWidget(tile.tile);
    for (qsizetype i = 0; i < tileCount; ++i) {
        m_countsGrid->addWidget(m_countTiles.at(i).tile, int(i / columns), int(i % columns));
    }
    for (int column = 0; column < m_countsGrid->columnCount(); ++column)
        m_countsGrid->setColumnStretch(column, column < columns ? 1 : 0);
    // The number of rows changed: the page must lay the group out again at its new height.
    m_countsGroup->updateGeometry();
}

void OverviewPage::setSigningKeys(const QString &current, const QString &next)
{
    m_status.currentSigningKey = current;
    m_status.nextSigningKey = next;
    updateCredentials();
}

void OverviewPage::updateCredentials()
{
    const auto show = [](QLineEdit *edit, const QString &value) {
        edit->setText(value);
        edit->setCursorPosition(0); // keep the start of a long value in view
    };
    show(m_tokenEdit, m_status.token);
    show(m_currentKeyEdit, m_status.currentSigningKey);
    show(m_nextKeyEdit, m_status.nextSigningKey);

    QString block = envBlock(m_status);
    block.chop(1); // no empty fifth line in the view; the copy keeps the final newline
    m_envBlockEdit->setPlainText(block);
}

void OverviewPage::copyToClipboard(const QString &text, const QString &what)
{
    QGuiApplication::clipboard()->setText(text);
    //: Status bar; %1 is a variable name (QSTASH_TOKEN…) or "env block"
    emit statusMessage(tr("Copied %1 to the clipboard").arg(what));
}

QWidget *OverviewPage::createActivityGroup()
{
    //: Group title: the live chart of the overview
    auto *group = new QGroupBox(tr("Activity"));
    group->setObjectName(u"activityGroup"_s);
    auto *layout = new QVBoxLayout(group);
    m_chart = new ThroughputChart(group);
    m_chart->setMinimumHeight(220);
    layout->addWidget(m_chart);
    return group;
}

QWidget *OverviewPage::createFailuresGroup()
{
    //: Group title: the last messages that failed for good
    auto *group = new QGroupBox(tr("Recent failures"));
    group->setObjectName(u"failuresGroup"_s);
    auto *layout = new QVBoxLayout(group);
    m_failures = new QTreeWidget(group);
    m_failures->setObjectName(u"recentFailuresTree"_s);
    m_failures->setRootIsDecorated(false);
    m_failures->setUniformRowHeights(true);
    m_failures->setAlternatingRowColors(true);
    //: Columns of the recent failures list
    m_failures->setHeaderLabels({tr("Failed at"), tr("Message"), tr("URL"), tr("Last response")});
    m_failures->setTextElideMode(Qt::ElideMiddle);
    QHeaderView *header = m_failures->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(2, QHeaderView::Stretch);
    header->setSectionResizeMode(3, QHeaderView::ResizeToContents);
    m_failures->setToolTip(tr("Double-click a failure to open its message"));
    const int rowHeight = fontMetrics().height() + 6;
    m_failures->setFixedHeight(rowHeight * (kRecentFailures + 1) + 2 * m_failures->frameWidth() +
                               4);
    connect(m_failures, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        emit messageActivated(item->data(1, Qt::UserRole).toString());
    });
    m_noFailures =
        new QLabel(tr("No failures. Messages that run out of retries appear here."), group);
    m_noFailures->setObjectName(u"noFailuresLabel"_s);
    m_noFailures->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_noFailures);
    layout->addWidget(m_failures);
    m_failures->hide();
    return group;
}

void OverviewPage::refreshFailures()
{
    if (!m_client || !m_client->hasDatabase())
        return;
    QSqlQuery q(m_client->database());
    q.setForwardOnly(true);
    // Newest entries of the dead-letter queue, by its time index.
    if (!q.exec(u"SELECT d.message_id, d.created_at, d.url, d.response_status, d.error FROM dlq d "
                "ORDER BY d.created_at DESC LIMIT %1"_s.arg(kRecentFailures)))
        return;
    QList<QStringList> rows;
    QStringList ids;
    while (q.next()) {
        ids.append(q.value(0).toString());
        rows.append({Format::time(q.value(1).toLongLong()), q.value(0).toString(),
                     q.value(2).toString(),
                     Format::httpStatus(q.value(3).toInt(), q.value(4).toString())});
    }
    m_failures->clear();
    for (qsizetype i = 0; i < rows.size(); ++i) {
        auto *item = new QTreeWidgetItem(m_failures, rows.at(i));
        item->setData(1, Qt::UserRole, ids.at(i));
        item->setIcon(0, Format::stateIcon(u"FAILED"_s));
        item->setToolTip(3, rows.at(i).at(3));
    }
    m_failures->setVisible(!rows.isEmpty());
    m_noFailures->setVisible(rows.isEmpty());
}

} // namespace Dashboard
