#pragma once
// Long operations over many ids (replay or delete thousands of DLQ entries): the ids go to the
// API in chunks, one call at a time, with progress, and can be cancelled between chunks. The
// progress widget shows one operation inline with a Cancel button. Confirm is the one place
// that asks a yes/no question, with a seam for tests.

#include <QObject>
#include <QStringList>
#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;

namespace Dashboard {

class BrokerClient;

class BulkOperation final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkOperation)
public:
    struct Request
    {
        QByteArray method;
        QString pathAndQuery;
        QByteArray body;
    };
    using Builder = std::function<Request(const QStringList &chunk)>;

    BulkOperation(BrokerClient *client, const QString &title, const QStringList &ids, int chunkSize,
                  Builder build, QObject *parent = nullptr);

    void start();
    void cancel() { m_canceled = true; }
    QString title() const { return m_title; }
    int done() const { return m_done; }
    int total() const { return int(m_ids.size()); }
    bool isRunning() const { return m_running; }

signals:
    void progressed(int done, int total);
    // error: the API's text when a chunk failed (the operation stops there), else empty.
    void finished(int done, int total, bool canceled, const QString &error);

private:
    void next();

    BrokerClient *m_client;
    QString m_title;
    QStringList m_ids;
    int m_chunkSize;
    Builder m_build;
    int m_done = 0;
    bool m_canceled = false;
    bool m_running = false;
};

class BulkProgress final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkProgress)
public:
    explicit BulkProgress(QWidget *parent = nullptr);
    void track(BulkOperation *operation);

private:
    QLabel *m_label = nullptr;
    QProgressBar *m_bar = nullptr;
    QPushButton *m_cancel = nullptr;
};

class Confirm final
{
public:
    static bool ask(QWidget *parent, const QString &title, const QString &text,
                    const QString &acceptText);
    // Tests: answer the next question without showing a box.
    static void setNextAnswer(std::optional<bool> answer) { s_nextAnswer = answer; }

private:
    static inline std::optional<bool> s_nextAnswer;
};

} // namespace Dashboard
