#include "messageinspector.h"

#include "format.h"
#include "inspectorhtml.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Dashboard {

namespace {

QTextBrowser *makeBrowser(const QString &name, QWidget *parent)
{
    auto *view = new QTextBrowser(parent);
    view->setObjectName(name);
    view->setOpenLinks(false);
    view->setFrameShape(QFrame::NoFrame);
    view->document()->setDefaultStyleSheet(
        u"pre { font-family: monospace; } code { font-family: monospace; }"_s);
    return view;
}

} // namespace

MessageInspector::MessageInspector(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"messageInspector"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack);

    m_empty = new QLabel(this);
    m_empty->setObjectName(u"inspectorEmptyLabel"_s);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setMargin(24);
    m_stack->addWidget(m_empty);

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    m_title = new QLabel(content);
    m_title->setObjectName(u"inspectorTitleLabel"_s);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setContentsMargins(6, 4, 6, 2);
    contentLayout->addWidget(m_title);

    m_tabs = new QTabWidget(content);
    m_tabs->setObjectName(u"inspectorTabs"_s);
    m_tabs->setDocumentMode(true);
    contentLayout->addWidget(m_tabs, 1);

    m_summary = makeBrowser(u"summaryBrowser"_s, m_tabs);
    //: Inspector tab: what was published
    m_tabs->addTab(m_summary, tr("Message"));

    auto *attempts = new QSplitter(Qt::Horizontal, m_tabs);
    attempts->setObjectName(u"attemptsSplitter"_s);
    m_attemptList = new QListWidget(attempts);
    m_attemptList->setObjectName(u"attemptList"_s);
    m_attemptList->setFrameShape(QFrame::NoFrame);
    m_attemptList->setTextElideMode(Qt::ElideRight);
    m_attemptList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_attemptList->setSpacing(2);
    m_attempt = makeBrowser(u"attemptBrowser"_s, attempts);
    attempts->addWidget(m_attemptList);
    attempts->addWidget(m_attempt);
    attempts->setStretchFactor(0, 0);
    attempts->setStretchFactor(1, 1);
    attempts->setSizes({220, 600});
    m_tabs->addTab(attempts, tr("Attempts"));
    connect(m_attemptList, &QListWidget::currentRowChanged, this, &MessageInspector::showAttempt);

    m_events = new QTreeWidget(m_tabs);
    m_events->setObjectName(u"eventTree"_s);
    m_events->setRootIsDecorated(false);
    m_events->setUniformRowHeights(true);
    m_events->setFrameShape(QFrame::NoFrame);
    //: Columns of the inspector's event timeline
    m_events->setHeaderLabels({tr("Time"), tr("Event"), tr("Details")});
    m_events->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_events->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tabs->addTab(m_events, tr("Events"));

    m_stack->addWidget(content);
    showDetails(std::nullopt);
}

void MessageInspector::setSigningKeys(const Broker::SigningKeys &keys)
{
    m_keys = keys;
    if (m_details)
        showAttempt(m_attemptList->currentRow());
}

QString MessageInspector::messageId() const
{
    return m_details ? m_details->message.id : QString();
}

void MessageInspector::setCurrentTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

void MessageInspector::setCurrentAttempt(int index)
{
    m_attemptList->setCurrentRow(index);
}

void MessageInspector::setHtmlKeepingScroll(QTextBrowser *view, const QString &html)
{
    if (view->property("sourceHtml").toString() == html)
        return; // unchanged: no flicker, no jump
    const int scroll = view->verticalScrollBar()->value();
    view->setHtml(html);
    view->setProperty("sourceHtml", html);
    view->verticalScrollBar()->setValue(scroll);
}

void MessageInspector::showDetails(const std::optional<MessageDetails> &details,
                                   const QString &emptyText)
{
    const bool sameMessage = details && m_details && details->message.id == m_details->message.id;
    m_details = details;
    if (!details) {
        m_empty->setText(emptyText.isEmpty()
                             ? tr("Select a message to see its attempts, its signature and its "
                                  "events.")
                             : emptyText);
        m_stack->setCurrentWidget(m_empty);
        m_summary->setProperty("sourceHtml", QString());
        m_attempt->setProperty("sourceHtml", QString());
        return;
    }
    const MessageDetails &d = *details;
    const QString state = Broker::stateName(d.message.state);
    m_title->setText(u"<b>"_s + d.message.id.toHtmlEscaped() + u"</b> &nbsp;<span style='color:"_s +
                     Format::stateColor(state).name() + u"'>●</span> "_s +
                     Format::stateName(state).toHtmlEscaped());
    setHtmlKeepingScroll(m_summary, InspectorHtml::summary(d, palette()));

    const int previous = sameMessage ? m_attemptList->currentRow() : -1;
    const bool wasLast = previous == m_attemptList->count() - 1;
    {
        const QSignalBlocker blocker(m_attemptList);
        m_attemptList->clear();
        for (int i = 0; i < d.attempts.size(); ++i) {
            auto *item = new QListWidgetItem(InspectorHtml::attemptTitle(d.attempts.at(i), i),
                                             m_attemptList);
            const int status = d.attempts.at(i).status;
            item->setIcon(
                Format::stateIcon(status >= 200 && status < 300 ? u"DELIVERED"_s : u"FAILED"_s));
        }
    }
    //: Inspector tab with the number of attempts
    m_tabs->setTabText(AttemptsTab, tr("Attempts (%1)").arg(d.attempts.size()));
    int current = previous >= 0 && !wasLast ? previous : int(d.attempts.size()) - 1;
    current = std::min(current, int(d.attempts.size()) - 1);
    m_attemptList->setCurrentRow(current);
    showAttempt(current);

    const int eventScroll = m_events->verticalScrollBar()->value();
    m_events->clear();
    for (const EventInfo &e : d.events) {
        auto *item =
            new QTreeWidgetItem(m_events, {Format::timeWithMs(e.time), Format::eventName(e.state),
                                           InspectorHtml::eventDetail(e)});
        item->setIcon(1, Format::stateIcon(e.state));
        item->setToolTip(2, item->text(2));
    }
    if (sameMessage)
        m_events->verticalScrollBar()->setValue(eventScroll);
    //: Inspector tab with the number of log events
    m_tabs->setTabText(EventsTab, tr("Events (%1)").arg(d.events.size()));
    m_stack->setCurrentIndex(1);
}

void MessageInspector::showAttempt(int index)
{
    if (!m_details || index < 0 || index >= m_details->attempts.size()) {
        setHtmlKeepingScroll(m_attempt, u"<p><i>"_s +
                                            tr("No delivery attempt yet.").toHtmlEscaped() +
                                            u"</i></p>"_s);
        return;
    }
    setHtmlKeepingScroll(m_attempt, InspectorHtml::attempt(*m_details, index, m_keys, palette()));
}

} // namespace Dashboard
