#include "publishdialog.h"

#include "brokerclient.h"
#include "widgets/messagebar.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Dashboard {

namespace {

QFont monospace()
{
    return QFontDatabase::systemFont(QFontDatabase::FixedFont);
}

QLineEdit *lineEdit(const QString &name, const QString &placeholder, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    return edit;
}

} // namespace

PublishDialog::PublishDialog(BrokerClient *client, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
{
    setObjectName(u"publishDialog"_s);
    //: Dialog title of the publish composer
    setWindowTitle(tr("Send Message"));
    auto *layout = new QVBoxLayout(this);

    auto *top = new QHBoxLayout;
    top->addWidget(createDestinationGroup(), 3);
    top->addWidget(createOptionsGroup(), 2);
    layout->addLayout(top);

    auto *middle = new QHBoxLayout;
    middle->addWidget(createHeadersGroup(), 2);
    middle->addWidget(createBodyGroup(), 3);
    layout->addLayout(middle, 1);

    layout->addWidget(createCurlGroup());

    m_messageBar = new MessageBar(this);
    layout->addWidget(m_messageBar);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    //: Button of the publish composer
    m_sendButton = m_buttons->addButton(tr("&Send"), QDialogButtonBox::AcceptRole);
    m_sendButton->setObjectName(u"sendButton"_s);
    m_sendButton->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &PublishDialog::send);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    updateKind();
    resize(900, 700);
}

PublishDialog *PublishDialog::openComposer(BrokerClient *client, QWidget *parent,
                                           const PublishDraft &draft, const QString &title)
{
    auto *dialog = new PublishDialog(client, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setDraft(draft);
    if (!title.isEmpty())
        dialog->setWindowTitle(title);
    dialog->open();
    return dialog;
}

QWidget *PublishDialog::createDestinationGroup()
{
    auto *group = new QGroupBox(tr("Destination"), this);
    auto *form = new QFormLayout(group);
    m_kind = new QComboBox(group);
    m_kind->setObjectName(u"kindComboBox"_s);
    //: Publish composer: where the message goes
    m_kind->addItem(tr("URL"), PublishDraft::ToUrl);
    m_kind->addItem(tr("URL group"), PublishDraft::ToGroup);
    m_kind->addItem(tr("Queue, then URL"), PublishDraft::ToQueue);
    form->addRow(tr("Send &to:"), m_kind);

    m_queue = lineEdit(u"queueLineEdit"_s, tr("queue name"), group);
    m_queueLabel = new QLabel(tr("&Queue:"), group);
    m_queueLabel->setBuddy(m_queue);
    form->addRow(m_queueLabel, m_queue);

    m_destination = lineEdit(u"destinationLineEdit"_s, {}, group);
    form->addRow(tr("&Destination:"), m_destination);

    m_method = new QComboBox(group);
    m_method->setObjectName(u"methodComboBox"_s);
    m_method->addItems({u"POST"_s, u"GET"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s});
    form->addRow(tr("&Method:"), m_method);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &PublishDialog::updateKind);
    for (QLineEdit *edit : {m_queue, m_destination})
        connect(edit, &QLineEdit::textChanged, this, &PublishDialog::updatePreview);
    connect(m_method, &QComboBox::currentIndexChanged, this, &PublishDialog::updatePreview);
    return group;
}

QWidget *PublishDialog::createOptionsGroup()
{
    auto *group = new QGroupBox(tr("Delivery"), this);
    auto *form = new QFormLayout(group);
    m_delay = lineEdit(u"delayLineEdit"_s, tr("now — or e.g. 10s, 5m, 1h30m"), group);
    form->addRow(tr("De&lay:"), m_delay);
    m_retries = new QSpinBox(group);
    m_retries->setObjectName(u"retriesSpinBox"_s);
    m_retries->setRange(-1, 100);
    //: Retries spin box at its lowest value: the broker decides
    m_retries->setSpecialValueText(tr("Default"));
    m_retries->setValue(-1);
    form->addRow(tr("&Retries:"), m_retries);
    m_timeout = lineEdit(u"timeoutLineEdit"_s, tr("default — or e.g. 30s"), group);
    form->addRow(tr("T&imeout:"), m_timeout);
    m_callback = lineEdit(u"callbackLineEdit"_s, tr("https://… called after each attempt"), group);
    form->addRow(tr("&Callback:"), m_callback);
    m_failureCallback =
        lineEdit(u"failureCallbackLineEdit"_s, tr("https://… called when it fails"), group);
    form->addRow(tr("&Failure callback:"), m_failureCallback);
    m_labels = lineEdit(u"labelsLineEdit"_s, tr("comma-separated"), group);
    form->addRow(tr("&Labels:"), m_labels);
    m_dedupId = lineEdit(u"dedupLineEdit"_s, tr("optional"), group);
    form->addRow(tr("Deduplication &id:"), m_dedupId);
    for (QLineEdit *edit : {m_delay, m_timeout, m_callback, m_failureCallback, m_labels, m_dedupId})
        connect(edit, &QLineEdit::textChanged, this, &PublishDialog::updatePreview);
    connect(m_retries, &QSpinBox::valueChanged, this, &PublishDialog::updatePreview);
    return group;
}

QWidget *PublishDialog::createHeadersGroup()
{
    auto *group = new QGroupBox(tr("Headers"), this);
    auto *layout = new QVBoxLayout(group);
    m_headers = new QTableWidget(0, 2, group);
    m_headers->setObjectName(u"headersTable"_s);
    //: Columns of the publish composer's header table
    m_headers->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->verticalHeader()->hide();
    m_headers->setColumnWidth(0, 150);
    layout->addWidget(m_headers, 1);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add"), group);
    add->setObjectName(u"addHeaderButton"_s);
    auto *remove = new QPushButton(tr("Remove"), group);
    remove->setObjectName(u"removeHeaderButton"_s);
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    auto *hint = new QLabel(tr("Delivered to the destination as they are (forwarded)."), group);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(hint);
    connect(add, &QPushButton::clicked, this, [this] {
        addHeaderRow();
        m_headers->setCurrentCell(m_headers->rowCount() - 1, 0);
        m_headers->editItem(m_headers->item(m_headers->rowCount() - 1, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_headers->currentRow() >= 0)
            m_headers->removeRow(m_headers->currentRow());
        updatePreview();
    });
    connect(m_headers, &QTableWidget::itemChanged, this, &PublishDialog::updatePreview);
    return group;
}

QWidget *PublishDialog::createBodyGroup()
{
    auto *group = new QGroupBox(tr("Body"), this);
    auto *layout = new QVBoxLayout(group);
    m_body = new QPlainTextEdit(group);
    m_body->setObjectName(u"bodyEdit"_s);
    m_body->setFont(monospace());
    m_body->setPlaceholderText(u"{\"hello\": \"world\"}"_s);
    m_body->setTabChangesFocus(true);
    layout->addWidget(m_body, 1);
    auto *buttons = new QHBoxLayout;
    auto *format = new QPushButton(tr("Format JSON"), group);
    format->setObjectName(u"formatJsonButton"_s);
    buttons->addWidget(format);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(format, &QPushButton::clicked, this, &PublishDialog::formatBody);
    connect(m_body, &QPlainTextEdit::textChanged, this, &PublishDialog::updatePreview);
    return group;
}

QWidget *PublishDialog::createCurlGroup()
{
    auto *group = new QGroupBox(tr("Equivalent curl command"), this);
    auto *layout = new QHBoxLayout(group);
    m_curl = new QPlainTextEdit(group);
    m_curl->setObjectName(u"curlEdit"_s);
    m_curl->setReadOnly(true);
    m_curl->setFont(monospace());
    m_curl->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_curl->setFixedHeight(QFontMetrics(m_curl->font()).lineSpacing() * 6 + 12);
    layout->addWidget(m_curl, 1);
    auto *copy = new QPushButton(tr("Copy"), group);
    copy->setObjectName(u"copyCurlButton"_s);
    connect(copy, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_curl->toPlainText()); });
    layout->addWidget(copy, 0, Qt::AlignTop);
    return group;
}

void PublishDialog::addHeaderRow(const QString &name, const QString &value)
{
    const QSignalBlocker blocker(m_headers);
    const int row = m_headers->rowCount();
    m_headers->insertRow(row);
    m_headers->setItem(row, 0, new QTableWidgetItem(name));
    m_headers->setItem(row, 1, new QTableWidgetItem(value));
}

void PublishDialog::updateKind()
{
    const auto kind = PublishDraft::Kind(m_kind->currentData().toInt());
    m_queueLabel->setVisible(kind == PublishDraft::ToQueue);
    m_queue->setVisible(kind == PublishDraft::ToQueue);
    m_destination->setPlaceholderText(kind == PublishDraft::ToGroup
                                          ? tr("URL group name, e.g. orders")
                                          : tr("https://example.com/api/webhook"));
    updatePreview();
}

void PublishDialog::formatBody()
{
    const QJsonDocument doc = QJsonDocument::fromJson(m_body->toPlainText().toUtf8());
    if (doc.isNull()) {
        m_messageBar->showError(tr("The body is not valid JSON."));
        return;
    }
    m_body->setPlainText(QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed());
}

void PublishDialog::setDraft(const PublishDraft &d)
{
    m_kind->setCurrentIndex(m_kind->findData(int(d.kind)));
    m_queue->setText(d.queue);
    m_destination->setText(d.destination);
    const int method = m_method->findText(d.method.toUpper());
    if (method >= 0)
        m_method->setCurrentIndex(method);
    else
        m_method->addItem(d.method.toUpper());
    m_headers->setRowCount(0);
    for (const auto &[name, value] : d.headers)
        addHeaderRow(name, value);
    m_body->setPlainText(QString::fromUtf8(d.body));
    m_delay->setText(d.delay);
    m_retries->setValue(d.retries);
    m_timeout->setText(d.timeout);
    m_callback->setText(d.callback);
    m_failureCallback->setText(d.failureCallback);
    m_labels->setText(d.labels.join(u", "_s));
    m_dedupId->setText(d.deduplicationId);
    m_extraOptions = d.extraOptions;
    m_retryDelay = d.retryDelay;
    m_flowControlKey = d.flowControlKey;
    m_flowControlValue = d.flowControlValue;
    updateKind();
}

PublishDraft PublishDialog::draft() const
{
    PublishDraft d;
    d.kind = PublishDraft::Kind(m_kind->currentData().toInt());
    d.queue = m_queue->text().trimmed();
    d.destination = m_destination->text().trimmed();
    d.method = m_method->currentText();
    for (int row = 0; row < m_headers->rowCount(); ++row) {
        const QString name = m_headers->item(row, 0) ? m_headers->item(row, 0)->text() : QString();
        const QString value = m_headers->item(row, 1) ? m_headers->item(row, 1)->text() : QString();
        if (!name.trimmed().isEmpty())
            d.headers.append({name.trimmed(), value});
    }
    d.body = m_body->toPlainText().toUtf8();
    d.delay = m_delay->text().trimmed();
    d.retries = m_retries->value();
    d.timeout = m_timeout->text().trimmed();
    d.callback = m_callback->text().trimmed();
    d.failureCallback = m_failureCallback->text().trimmed();
    for (const QString &label : m_labels->text().split(u',', Qt::SkipEmptyParts)) {
        if (!label.trimmed().isEmpty())
            d.labels.append(label.trimmed());
    }
    d.deduplicationId = m_dedupId->text().trimmed();
    d.extraOptions = m_extraOptions;
    d.retryDelay = m_retryDelay;
    d.flowControlKey = m_flowControlKey;
    d.flowControlValue = m_flowControlValue;
    return d;
}

void PublishDialog::updatePreview()
{
    const PublishDraft d = draft();
    const QString base = m_client && !m_client->baseUrl().isEmpty() ? m_client->baseUrl()
                                                                    : u"http://127.0.0.1:8080"_s;
    const QString token = m_client ? m_client->token() : QString();
    m_curl->setPlainText(d.curlCommand(base, token.isEmpty() ? u"$QSTASH_TOKEN"_s : token));
}

void PublishDialog::send()
{
    const PublishDraft d = draft();
    if (const QString problem = d.validate(); !problem.isEmpty()) {
        m_messageBar->showError(problem);
        return;
    }
    if (!m_client) {
        m_messageBar->showError(tr("The broker is not running."));
        return;
    }
    m_sendButton->setEnabled(false);
    m_messageBar->showInfo(tr("Sending…"));
    m_client->call("POST", d.path(), d.body, d.apiHeaders(), this, [this](const ApiResult &r) {
        m_sendButton->setEnabled(true);
        if (!r.ok()) {
            //: %1 is the broker's error message
            m_messageBar->showError(tr("The broker refused the message: %1").arg(r.errorText()));
            return;
        }
        QStringList ids;
        const QJsonValue json = r.json();
        const QJsonArray items = json.isArray() ? json.toArray() : QJsonArray{json};
        for (const QJsonValue &item : items) {
            if (const QString id = item.toObject().value(u"messageId"_s).toString(); !id.isEmpty())
                ids.append(id);
        }
        emit published(ids);
        accept();
    });
}

} // namespace Dashboard
