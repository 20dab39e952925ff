#pragma once
// The publish composer ("Send message…", and edit-and-resend): destination (URL, URL group or
// queue), method, headers, body, delay, retries, timeout, callbacks, labels; the equivalent curl
// command updates as you type; Send goes through the broker's API in-process and keeps the
// dialog open with the API's error when the broker refuses.

#include "publishdraft.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace Dashboard {

class BrokerClient;
class MessageBar;

class PublishDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PublishDialog)
public:
    explicit PublishDialog(BrokerClient *client, QWidget *parent = nullptr);

    // A window-modal composer, deleted when closed, pre-filled with `draft`; `title` replaces
    // "Send Message" (e.g. "Edit and Resend").
    static PublishDialog *openComposer(BrokerClient *client, QWidget *parent,
                                       const PublishDraft &draft = {}, const QString &title = {});

    void setDraft(const PublishDraft &draft);
    PublishDraft draft() const;
    // Sends now (what the Send button does); the dialog closes when the broker accepted.
    void send();

signals:
    // The ids the broker answered with (one per URL-group endpoint).
    void published(const QStringList &messageIds);

private:
    QWidget *createDestinationGroup();
    QWidget *createOptionsGroup();
    QWidget *createHeadersGroup();
    QWidget *createBodyGroup();
    QWidget *createCurlGroup();
    void addHeaderRow(const QString &name = {}, const QString &value = {});
    void updateKind();
    void updatePreview();
    void formatBody();

    BrokerClient *m_client;
    QComboBox *m_kind = nullptr;
    QLabel *m_queueLabel = nullptr;
    QLineEdit *m_queue = nullptr;
    QLineEdit *m_destination = nullptr;
    QComboBox *m_method = nullptr;
    QTableWidget *m_headers = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QLineEdit *m_delay = nullptr;
    QSpinBox *m_retries = nullptr;
    QLineEdit *m_timeout = nullptr;
    QLineEdit *m_callback = nullptr;
    QLineEdit *m_failureCallback = nullptr;
    QLineEdit *m_labels = nullptr;
    QLineEdit *m_dedupId = nullptr;
    QPlainTextEdit *m_curl = nullptr;
    MessageBar *m_messageBar = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_sendButton = nullptr;
    StringPairs m_extraOptions; // kept from the draft, not editable here
    QString m_retryDelay;
    QString m_flowControlKey;
    QString m_flowControlValue;
};

} // namespace Dashboard
