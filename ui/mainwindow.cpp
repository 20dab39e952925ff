#include "mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QColor>
#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFontDatabase>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPalette>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTextDocument>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#ifndef LOCALSTASH_VERSION
#error "LOCALSTASH_VERSION must be defined (link the ls_common target)"
#endif

using namespace Qt::StringLiterals;

namespace Dashboard {

namespace {

constexpr int kEnvBlockLines = 4;
constexpr int kStatusMessageMs = 3000;

QString geometryKey()
{
    return u"mainWindow/geometry"_s;
}

QString stateKey()
{
    return u"mainWindow/state"_s;
}

// `factor` times the size of `base`, optionally bold: headings and the count tiles' numbers.
QFont scaledFont(const QFont &base, double factor, bool bold)
{
    QFont font = base;
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    else
        font.setPixelSize(int(std::lround(font.pixelSize() * factor)));
    font.setBold(bold);
    return font;
}

QFont monospaceFont()
{
    return QFontDatabase::systemFont(QFontDatabase::FixedFont);
}

// The navigation list's entries: the style's usual background and highlight, with the icon (if
// any) and the title inset from the edge rather than pressed against it.
class NavigationDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString text = opt.text;
        const QIcon icon = opt.icon;
        opt.text.clear();
        opt.icon = QIcon();
        opt.features &= ~QStyleOptionViewItem::HasDecoration;
        const QWidget *widget = opt.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

        const int inset = 2 * opt.fontMetrics.averageCharWidth();
        QRect content = opt.rect.adjusted(inset, 0, -inset, 0);
        const bool selected = opt.state.testFlag(QStyle::State_Selected);
        const QPalette::ColorGroup group =
            !opt.state.testFlag(QStyle::State_Enabled) ? QPalette::Disabled
            : opt.state.testFlag(QStyle::State_Active) ? QPalette::Active
                                                       : QPalette::Inactive;
        if (!icon.isNull()) {
            const QSize size = opt.decorationSize;
            const QRect iconRect(content.left(), content.center().y() - size.height() / 2,
                                 size.width(), size.height());
            icon.paint(painter, iconRect, Qt::AlignCenter,
                       selected ? QIcon::Selected : QIcon::Normal);
            content.setLeft(iconRect.right() + 1 + inset / 2);
        }
        painter->save();
        painter->setFont(opt.font);
        painter->setPen(
            opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
        painter->drawText(content, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine,
                          opt.fontMetrics.elidedText(text, Qt::ElideRight, content.width()));
        painter->restore();
    }
};

} // namespace

QString envBlock(const BrokerStatus &status)
{
    return u"QSTASH_URL="_s % status.baseUrl % u"\nQSTASH_TOKEN="_s % status.token %
           u"\nQSTASH_CURRENT_SIGNING_KEY="_s % status.currentSigningKey %
           u"\nQSTASH_NEXT_SIGNING_KEY="_s % status.nextSigningKey % u'\n';
}

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    qRegisterMetaType<Dashboard::BrokerStatus>();
    setObjectName(u"mainWindow"_s);
    //: Window title; the product name
    setWindowTitle(tr("LocalStash"));

    createActions();

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_navigation = new QListWidget(central);
    m_navigation->setObjectName(u"navigationList"_s);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setSelectionMode(QAbstractItemView::SingleSelection);
    m_navigation->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_navigation->setAccessibleName(tr("Pages"));
    m_navigation->setSpacing(4); // inset the highlighted entry from the edges
    m_navigation->setItemDelegate(new NavigationDelegate(m_navigation));

    auto *separator = new QFrame(central);
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Sunken);

    m_pages = new QStackedWidget(central);
    m_pages->setObjectName(u"pageStack"_s);

    layout->addWidget(m_navigation);
    layout->addWidget(separator);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    connect(m_navigation, &QListWidget::currentRowChanged, m_pages,
            &QStackedWidget::setCurrentIndex);

    //: Navigation entry and page title
    addPage(tr("Overview"), createOverviewPage());
    m_navigation->setCurrentRow(0);

    //: Status bar, before the broker is listening
    m_listeningLabel = new QLabel(tr("Starting…"), this);
    m_listeningLabel->setObjectName(u"listeningLabel"_s);
    m_timeScaleLabel = new QLabel(this);
    m_timeScaleLabel->setObjectName(u"timeScaleLabel"_s);
    m_timeScaleLabel->setVisible(false);
    statusBar()->setObjectName(u"statusBar"_s);
    statusBar()->addWidget(m_listeningLabel, 1);
    statusBar()->addPermanentWidget(m_timeScaleLabel);

    updateCredentials();
    restoreSettings();
}

MainWindow::~MainWindow()
{
    saveSettings();
}

int MainWindow::addPage(const QString &title, QWidget *page)
{
    const int index = m_pages->addWidget(page);
    auto *item = new QListWidgetItem(title, m_navigation);
    const int rowHeight = fontMetrics().height() + 2 * fontMetrics().xHeight() + 8;
    item->setSizeHint(QSize(0, rowHeight));

    // Wide enough for the longest page title, and never a sliver.
    int widest = 0;
    for (int row = 0; row < m_navigation->count(); ++row)
        widest = std::max(widest, fontMetrics().horizontalAdvance(m_navigation->item(row)->text()));
    m_navigation->setFixedWidth(std::max(150, widest + 4 * fontMetrics().averageCharWidth() + 16));
    return index;
}

void MainWindow::createActions()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *quitAction = fileMenu->addAction(tr("&Quit"));
    quitAction->setObjectName(u"quitAction"_s);
    quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quitAction->setMenuRole(QAction::QuitRole);
    quitAction->setStatusTip(tr("Stop the broker and quit LocalStash"));
    connect(quitAction, &QAction::triggered, this, &MainWindow::quitRequested);

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction *aboutAction = helpMenu->addAction(tr("&About LocalStash"));
    aboutAction->setObjectName(u"aboutAction"_s);
    aboutAction->setMenuRole(QAction::AboutRole);
    connect(aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    QAction *aboutQtAction = helpMenu->addAction(tr("About &Qt"));
    aboutQtAction->setObjectName(u"aboutQtAction"_s);
    aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
}

QWidget *MainWindow::createOverviewPage()
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
    layout->addWidget(createCredentialsGroup());
    layout->addWidget(createEnvGroup());
    layout->addStretch(1);

    scroll->setWidget(content);
    m_overviewContent = scroll;
    m_overviewStack->addWidget(m_overviewContent);
    m_overviewStack->setCurrentWidget(m_startingPanel);
    return m_overviewStack;
}

QWidget *MainWindow::createStartingPanel()
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

QWidget *MainWindow::createServerGroup()
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

QWidget *MainWindow::createCountsGroup()
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

QLineEdit *MainWindow::addCredentialRow(QGridLayout *grid, int row, const QString &name,
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

QWidget *MainWindow::createCredentialsGroup()
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

QWidget *MainWindow::createEnvGroup()
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

void MainWindow::setStatus(const Dashboard::BrokerStatus &status)
{
    m_status = status;
    m_hasStatus = true;

    m_baseUrlLabel->setText(status.baseUrl);
    const QString dataDir = QDir::toNativeSeparators(status.dataDir);
    m_dataDirLabel->setText(dataDir);
    m_dataDirLabel->setToolTip(dataDir);
    m_openDataDirButton->setEnabled(!status.dataDir.isEmpty());

    updateCredentials();
    updateStatusBar();
    m_overviewStack->setCurrentWidget(m_overviewContent);
}

void MainWindow::setCounts(const QVariantMap &counts)
{
    const QLocale locale = this->locale();
    for (const CountTile &tile : std::as_const(m_countTiles))
        tile.value->setText(locale.toString(counts.value(tile.key, 0).toLongLong()));
    reflowCountTiles(); // bigger numbers may need wider tiles
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_countsGroup && event->type() == QEvent::Resize)
        reflowCountTiles();
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::reflowCountTiles()
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

void MainWindow::setSigningKeys(const QString &current, const QString &next)
{
    m_status.currentSigningKey = current;
    m_status.nextSigningKey = next;
    updateCredentials();
}

void MainWindow::updateCredentials()
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

void MainWindow::updateStatusBar()
{
    if (!m_hasStatus) {
        m_listeningLabel->setText(tr("Starting…"));
        m_timeScaleLabel->setVisible(false);
        return;
    }
    //: Status bar; %1 is a URL such as http://127.0.0.1:8080
    m_listeningLabel->setText(tr("Listening on %1").arg(m_status.baseUrl));

    const double scale = m_status.timeScale;
    if (scale > 0 && !qFuzzyCompare(scale, 1.0)) {
        const QString factor = locale().toString(scale, 'g', QLocale::FloatingPointShortest);
        if (scale < 1.0) {
            //: Status bar; %1 is a factor such as 0.01 (delays are multiplied by it)
            m_timeScaleLabel->setText(
                tr("Time scale ×%1 — delays and retries are accelerated").arg(factor));
        } else {
            //: Status bar; %1 is a factor such as 10 (delays are multiplied by it)
            m_timeScaleLabel->setText(
                tr("Time scale ×%1 — delays and retries are slowed down").arg(factor));
        }
        m_timeScaleLabel->setToolTip(m_timeScaleLabel->text()); // for a narrow window
        m_timeScaleLabel->setVisible(true);
    } else {
        m_timeScaleLabel->clear();
        m_timeScaleLabel->setToolTip(QString());
        m_timeScaleLabel->setVisible(false);
    }
}

void MainWindow::copyToClipboard(const QString &text, const QString &what)
{
    QGuiApplication::clipboard()->setText(text);
    //: Status bar; %1 is a variable name (QSTASH_TOKEN…) or "env block"
    statusBar()->showMessage(tr("Copied %1 to the clipboard").arg(what), kStatusMessageMs);
}

void MainWindow::showAbout()
{
    const QString version = QStringLiteral(LOCALSTASH_VERSION);
    QMessageBox::about(
        this, tr("About LocalStash"),
        //: About box (rich text); %1 is the LocalStash version, %2 the Qt version
        tr("<h3>LocalStash %1</h3>"
           "<p>A local, persistent, QStash-compatible message broker with a desktop "
           "dashboard.</p>"
           "<p>Built with Qt %2.</p>")
            .arg(version.toHtmlEscaped(), QString::fromLatin1(qVersion()).toHtmlEscaped()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::restoreSettings()
{
    const QSettings settings;
    if (!restoreGeometry(settings.value(geometryKey()).toByteArray()))
        resize(1000, 760);
    restoreState(settings.value(stateKey()).toByteArray());
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(geometryKey(), saveGeometry());
    settings.setValue(stateKey(), saveState());
}

} // namespace Dashboard
