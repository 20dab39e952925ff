#pragma once
// Create or edit a schedule: destination, cron (validated as you type, described in words, with
// the next fire times in its time zone), method, headers, body, queue, retries, delay,
// callback. Saving is `POST /v2/schedules/<destination>` (an existing id is replaced whole);
// the broker's error stays in the dialog.

#include "publishdraft.h"

#include <QDialog>
#include <QJsonObject>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace Dashboard {

class BrokerClient;
class MessageBar;

struct ScheduleDraft
{
    QString id; // empty: the broker makes one
    QString destination;
    QString cron;
    QString method = QStringLiteral("POST");
    StringPairs headers;
    QByteArray body;
    QString queue;
    int retries = -1;
    QString delay; // a duration, applied to each produced message
    QString callback;
    QString failureCallback;

    // From the API's Schedule object (qstash-api.md §17.3).
    static ScheduleDraft fromJson(const QJsonObject &schedule);
    QString path() const;
    Broker::HeaderList apiHeaders() const;
    // The message one tick produces, for "Trigger Now".
    PublishDraft publishDraft() const;
};

class ScheduleDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScheduleDialog)
public:
    ScheduleDialog(BrokerClient *client, bool creating, QWidget *parent = nullptr);

    void setDraft(const ScheduleDraft &draft);
    ScheduleDraft draft() const;
    void save();

signals:
    void saved(const QString &scheduleId);

private:
    void updateCron();

    BrokerClient *m_client;
    QLineEdit *m_id = nullptr;
    QLineEdit *m_destination = nullptr;
    QLineEdit *m_cron = nullptr;
    QLabel *m_cronInfo = nullptr;
    QComboBox *m_method = nullptr;
    QPlainTextEdit *m_headers = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QLineEdit *m_queue = nullptr;
    QSpinBox *m_retries = nullptr;
    QLineEdit *m_delay = nullptr;
    QLineEdit *m_callback = nullptr;
    QLineEdit *m_failureCallback = nullptr;
    MessageBar *m_messageBar = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_cronValid = false;
};

} // namespace Dashboard
