#pragma once
// The Dead-letter queue page: messages that failed for good, with their last response; the
// inspector shows every attempt. Replay or delete one entry, the selection, or everything
// matching the filter (in chunks, with progress and Cancel); edit and resend.

#include <QWidget>

class QAction;
class QLabel;
class QStackedWidget;
class QTableView;

namespace Dashboard {

class BrokerClient;
class BulkOperation;
class BulkProgress;
class DlqModel;
class FilterBar;
class MessageBar;
class MessageInspector;
struct MessageFilter;

class DlqPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DlqPage)
public:
    explicit DlqPage(BrokerClient *client, QWidget *parent = nullptr);

    DlqModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    MessageBar *messageBar() const { return m_messageBar; }
    FilterBar *filterBar() const { return m_filterBar; }
    MessageInspector *inspector() const { return m_inspector; }
    BulkOperation *runningOperation() const { return m_operation; }

    QStringList selectedDlqIds() const;
    void replaySelected();
    void replayAllMatching();
    void deleteSelected();
    void deleteAllMatching();
    void editAndResend();
    void cancelOperation();
    void focusSearch();

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *createToolBar();
    void run(const QString &title, const QStringList &ids, bool replay);
    void showCurrent();
    static QString replayingText(int n);
    static QString deletingText(int n);
    void updateState();

    BrokerClient *m_client;
    DlqModel *m_model = nullptr;
    FilterBar *m_filterBar = nullptr;
    MessageBar *m_messageBar = nullptr;
    BulkProgress *m_progress = nullptr;
    QLabel *m_countLabel = nullptr;
    QStackedWidget *m_tableStack = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_empty = nullptr;
    MessageInspector *m_inspector = nullptr;
    BulkOperation *m_operation = nullptr;
    QAction *m_replayAction = nullptr;
    QAction *m_replayAllAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_deleteAllAction = nullptr;
    QString m_shownMessageId;
    bool m_stale = false;
};

} // namespace Dashboard
