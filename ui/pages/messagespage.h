#pragma once
// The Messages page: the whole message log as a virtual table (any size, live), its filters,
// and the inspector of the current message. Actions: cancel, replay, edit and resend — all
// through the broker's API.

#include <QWidget>

class QAction;
class QLabel;
class QSplitter;
class QStackedWidget;
class QTableView;

namespace Dashboard {

class BrokerClient;
class FilterBar;
class MessageBar;
class MessageInspector;
class MessageModel;
struct MessageFilter;
struct PublishDraft;

class MessagesPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessagesPage)
public:
    explicit MessagesPage(BrokerClient *client, QWidget *parent = nullptr);
    ~MessagesPage() override;

    MessageModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    MessageInspector *inspector() const { return m_inspector; }
    MessageBar *messageBar() const { return m_messageBar; }
    FilterBar *filterBar() const { return m_filterBar; }

    // Selects (and shows in the inspector) the message, clearing the filters when they hide it.
    bool selectMessage(const QString &id);
    QString currentMessageId() const;
    QStringList selectedMessageIds() const;
    void focusSearch();

    void cancelSelected();
    void replaySelected();
    void editAndResend();
    void copyId();

    QAction *cancelAction() const { return m_cancelAction; }
    QAction *replayAction() const { return m_replayAction; }
    QAction *editAction() const { return m_editAction; }

signals:
    void composeRequested();

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *createToolBar();
    void applyFilter(const MessageFilter &filter);
    void showCurrent();
    void handleRefreshed();
    void updateEmptyState();
    void updateActions();
    void replay(const QStringList &ids);
    void openEditor(const PublishDraft &draft, const QString &title);

    BrokerClient *m_client;
    MessageModel *m_model = nullptr;
    FilterBar *m_filterBar = nullptr;
    MessageBar *m_messageBar = nullptr;
    QLabel *m_countLabel = nullptr;
    QStackedWidget *m_tableStack = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_empty = nullptr;
    QSplitter *m_splitter = nullptr;
    MessageInspector *m_inspector = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_replayAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_copyIdAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QString m_shownId;
    bool m_stale = false;
};

} // namespace Dashboard
