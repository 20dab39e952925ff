#pragma once
// The inspector of the Messages page: one message's summary, each attempt in full (request,
// decoded signature with its verdict, response, timing) and its log events as a timeline.
// Showing the same message again (a live refresh) keeps the chosen tab, attempt and scroll
// positions.

#include "messagedetails.h"

#include <QWidget>

#include <optional>

class QLabel;
class QListWidget;
class QStackedWidget;
class QTabWidget;
class QTextBrowser;
class QTreeWidget;

namespace Dashboard {

class MessageInspector final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageInspector)
public:
    explicit MessageInspector(QWidget *parent = nullptr);

    void setSigningKeys(const Broker::SigningKeys &keys);
    // nullopt: the empty state with `emptyText` (default: "select a message").
    void showDetails(const std::optional<MessageDetails> &details, const QString &emptyText = {});
    QString messageId() const;
    const std::optional<MessageDetails> &details() const { return m_details; }

    enum Tab { SummaryTab, AttemptsTab, EventsTab };
    void setCurrentTab(Tab tab);
    void setCurrentAttempt(int index);

private:
    void showAttempt(int index);
    void setHtmlKeepingScroll(QTextBrowser *view, const QString &html);

    Broker::SigningKeys m_keys;
    std::optional<MessageDetails> m_details;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_title = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTextBrowser *m_summary = nullptr;
    QListWidget *m_attemptList = nullptr;
    QTextBrowser *m_attempt = nullptr;
    QTreeWidget *m_events = nullptr;
};

} // namespace Dashboard
