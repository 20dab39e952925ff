#include "mainwindow.h"

#include "brokerclient.h"
#include "dialogs/publishdialog.h"
#include "models/dlqmodel.h"
#include "pages/dlqpage.h"
#include "pages/messagespage.h"
#include "pages/queuespage.h"
#include "pages/schedulespage.h"
#include "pages/settingspage.h"
#include "pages/urlgroupspage.h"
#include "trayicon.h"
#include "widgets/messagebar.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPalette>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QStyledItemDelegate>

#include <algorithm>

#ifndef LOCALSTASH_VERSION
#error "LOCALSTASH_VERSION must be defined (link the ls_common target)"
#endif

using namespace Qt::StringLiterals;

namespace Dashboard {

namespace {

constexpr int kStatusMessageMs = 3000;
constexpr int kPollMs = 3000;

QString geometryKey()
{
    return u"mainWindow/geometry"_s;
}

QString stateKey()
{
    return u"mainWindow/state"_s;
}

QString pageKey()
{
    return u"mainWindow/page"_s;
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

MainWindow::MainWindow(BrokerClient *client, QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
{
    qRegisterMetaType<Dashboard::BrokerStatus>();
    setObjectName(u"mainWindow"_s);
    //: Window title; the product name
    setWindowTitle(tr("LocalStash"));
    setWindowIcon(QIcon(u":/localstash.svg"_s));

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
    m_navigation->setIconSize(QSize(18, 18));
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
    // Changes made by other clients (an SDK creating a schedule, deleting DLQ entries) raise no
    // broker signal: the page on screen looks again every few seconds, and when it is shown.
    m_pollTimer.setInterval(kPollMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &MainWindow::refreshCurrentPage);
    connect(m_pages, &QStackedWidget::currentChanged, this, &MainWindow::refreshCurrentPage);

    createPages();
    createActions();
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

    if (m_client) {
        connect(m_client, &BrokerClient::countsChanged, this, &MainWindow::setCounts);
        connect(m_client, &BrokerClient::signingKeysChanged, this, &MainWindow::setSigningKeys);
        m_pollTimer.start();
    }
    restoreSettings();
}

MainWindow::~MainWindow()
{
    saveSettings();
}

void MainWindow::createPages()
{
    m_overview = new OverviewPage(this);
    m_overview->setClient(m_client);
    connect(m_overview, &OverviewPage::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, kStatusMessageMs); });
    connect(m_overview, &OverviewPage::messageActivated, this, &MainWindow::showMessage);
    m_messages = new MessagesPage(m_client, this);
    connect(m_messages, &MessagesPage::composeRequested, this, &MainWindow::openComposer);
    m_dlq = new DlqPage(m_client, this);
    m_urlGroups = new UrlGroupsPage(m_client, this);
    m_schedules = new SchedulesPage(m_client, this);
    m_queues = new QueuesPage(m_client, this);
    m_settings = new SettingsPage(m_client, this);
    connect(m_settings, &SettingsPage::restartRequested, this, &MainWindow::restartRequested);
    connect(m_settings, &SettingsPage::runtimeSettingsApplied, this, [this] {
        if (!m_client)
            return;
        m_status.timeScale = m_client->config().timeScale;
        m_overview->setStatus(m_status);
        updateStatusBar();
    });

    //: Navigation entry and page title
    addPage(tr("Overview"), u"overview"_s, m_overview);
    //: Navigation entry
    addPage(tr("Messages"), u"messages"_s, m_messages);
    //: Navigation entry: the dead-letter queue
    addPage(tr("Dead Letters"), u"deadletter"_s, m_dlq);
    //: Navigation entry
    addPage(tr("URL Groups"), u"urlgroups"_s, m_urlGroups);
    //: Navigation entry
    addPage(tr("Schedules"), u"schedules"_s, m_schedules);
    //: Navigation entry
    addPage(tr("Queues"), u"queues"_s, m_queues);
    //: Navigation entry
    addPage(tr("Settings"), u"settings"_s, m_settings);
}

int MainWindow::addPage(const QString &title, const QString &icon, QWidget *page)
{
    const int index = m_pages->addWidget(page);
    auto *item = new QListWidgetItem(QIcon(u":/icons/"_s + icon + u".svg"_s), title, m_navigation);
    const int rowHeight = fontMetrics().height() + 2 * fontMetrics().xHeight() + 8;
    item->setSizeHint(QSize(0, rowHeight));
    //: Tool tip of a navigation entry; %1 is the shortcut
    item->setToolTip(tr("Shortcut: %1")
                         .arg(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index))
                                  .toString(QKeySequence::NativeText)));

    // Wide enough for the longest page title and its icon, and never a sliver.
    int widest = 0;
    for (int row = 0; row < m_navigation->count(); ++row)
        widest = std::max(widest, fontMetrics().horizontalAdvance(m_navigation->item(row)->text()));
    m_navigation->setFixedWidth(std::max(150, widest + m_navigation->iconSize().width() +
                                                  5 * fontMetrics().averageCharWidth() + 16));
    return index;
}

void MainWindow::refreshCurrentPage()
{
    if (!m_client || !isVisible())
        return;
    switch (currentPage()) {
    case DeadLetterIndex:
        m_dlq->model()->requestRefresh();
        break;
    case UrlGroupsIndex:
        m_urlGroups->refresh();
        break;
    case SchedulesIndex:
        m_schedules->refresh();
        break;
    case QueuesIndex:
        m_queues->refresh();
        break;
    default:
        break;
    }
}

void MainWindow::showPage(Page page)
{
    m_navigation->setCurrentRow(int(page));
}

MainWindow::Page MainWindow::currentPage() const
{
    return Page(m_pages->currentIndex());
}

void MainWindow::createActions()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *sendAction = fileMenu->addAction(tr("&Send Message…"));
    sendAction->setObjectName(u"sendMessageAction"_s);
    sendAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    sendAction->setStatusTip(tr("Compose a message and publish it through the broker"));
    connect(sendAction, &QAction::triggered, this, &MainWindow::openComposer);
    fileMenu->addSeparator();
    QAction *quitAction = fileMenu->addAction(tr("&Quit"));
    quitAction->setObjectName(u"quitAction"_s);
    quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quitAction->setMenuRole(QAction::QuitRole);
    quitAction->setStatusTip(tr("Stop the broker and quit LocalStash"));
    connect(quitAction, &QAction::triggered, this, &MainWindow::quitRequested);

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_navigation->count(); ++i) {
        QAction *go = viewMenu->addAction(m_navigation->item(i)->text());
        go->setObjectName(u"showPage%1Action"_s.arg(i + 1));
        if (i == SettingsIndex)
            go->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)),
                              QKeySequence(Qt::CTRL | Qt::Key_Comma)});
        else
            go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        connect(go, &QAction::triggered, this, [this, i] { showPage(Page(i)); });
    }
    viewMenu->addSeparator();
    QAction *find = viewMenu->addAction(tr("&Find…"));
    find->setObjectName(u"findAction"_s);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        if (currentPage() == DeadLetterIndex) {
            m_dlq->focusSearch();
        } else {
            showPage(MessagesIndex);
            m_messages->focusSearch();
        }
    });

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

bool MainWindow::enableTrayIcon()
{
    if (m_tray)
        return true;
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return false;
    m_tray = new TrayIcon(this);
    connect(m_tray, &TrayIcon::showRequested, this, &MainWindow::showAndRaise);
    connect(m_tray, &TrayIcon::composeRequested, this, [this] {
        showAndRaise();
        openComposer();
    });
    connect(m_tray, &TrayIcon::quitRequested, this, &MainWindow::quitRequested);
    if (m_hasStatus)
        m_tray->setListening(m_status.baseUrl);
    m_tray->show();
    return true;
}

void MainWindow::showAndRaise()
{
    show();
    setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    raise();
    activateWindow();
}

void MainWindow::openComposer()
{
    PublishDialog *dialog = PublishDialog::openComposer(m_client, this);
    connect(dialog, &PublishDialog::published, this, [this](const QStringList &ids) {
        //: Status bar; %1 is one or more message ids
        statusBar()->showMessage(tr("Published %1").arg(ids.join(u", "_s)), kStatusMessageMs);
    });
}

void MainWindow::showMessage(const QString &messageId)
{
    showPage(MessagesIndex);
    if (!m_messages->selectMessage(messageId))
        //: %1 is a message id
        m_messages->messageBar()->showError(tr("Message %1 is no longer stored.").arg(messageId));
}

void MainWindow::setStatus(const Dashboard::BrokerStatus &status)
{
    m_status = status;
    m_hasStatus = true;
    m_overview->setStatus(status);
    m_settings->setCommandLineOverrides(status.commandLineOverrides);
    if (m_tray)
        m_tray->setListening(status.baseUrl);
    updateStatusBar();
}

void MainWindow::setRestartSupported(bool supported)
{
    m_settings->setRestartSupported(supported);
}

void MainWindow::setCounts(const QVariantMap &counts)
{
    m_overview->setCounts(counts);
    if (m_tray)
        m_tray->setCounts(counts);
}

void MainWindow::setSigningKeys(const QString &current, const QString &next)
{
    m_status.currentSigningKey = current;
    m_status.nextSigningKey = next;
    m_overview->setSigningKeys(current, next);
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
    if (m_tray && m_tray->isVisible()) {
        // The broker keeps running in the tray; Quit (menu, tray or Ctrl+Q) stops it.
        hide();
        event->ignore();
        if (!m_trayNoticeShown) {
            m_trayNoticeShown = true;
            m_tray->showMessage(tr("LocalStash is still running"),
                                tr("The broker keeps delivering. Use Quit in the tray menu to "
                                   "stop it."),
                                QSystemTrayIcon::Information, 4000);
        }
        return;
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::restoreSettings()
{
    const QSettings settings;
    if (!restoreGeometry(settings.value(geometryKey()).toByteArray()))
        resize(1100, 780);
    restoreState(settings.value(stateKey()).toByteArray());
    const int page = settings.value(pageKey(), 0).toInt();
    if (page >= 0 && page < PageCount)
        showPage(Page(page));
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(geometryKey(), saveGeometry());
    settings.setValue(stateKey(), saveState());
    settings.setValue(pageKey(), int(currentPage()));
}

} // namespace Dashboard
