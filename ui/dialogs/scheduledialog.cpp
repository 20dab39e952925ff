#include "scheduledialog.h"

#include "brokerclient.h"
#include "crondescriber.h"
#include "widgets/messagebar.h"
#include "widgets/pagewidgets.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Dashboard {

ScheduleDraft ScheduleDraft::fromJson(const QJsonObject &s)
{
    ScheduleDraft d;
    d.id = s.value(u"scheduleId"_s).toString();
    d.destination = s.value(u"destination"_s).toString();
    d.cron = s.value(u"cron"_s).toString();
    d.method = s.value(u"method"_s).toString(u"POST"_s);
    const QJsonObject header = s.value(u"header"_s).toObject();
    for (auto it = header.begin(); it != header.end(); ++it) {
        for (const QJsonValue &v : it.value().toArray())
            d.headers.append({it.key(), v.toString()});
    }
    if (s.contains(u"bodyBase64"_s))
        d.body = QByteArray::fromBase64(s.value(u"bodyBase64"_s).toString().toLatin1());
    else
        d.body = s.value(u"body"_s).toString().toUtf8();
    d.queue = s.value(u"queueName"_s).toString();
    d.retries = s.contains(u"retries"_s) ? s.value(u"retries"_s).toInt() : -1;
    if (const int delay = s.value(u"delay"_s).toInt(); delay > 0)
        d.delay = QString::number(delay) + u's';
    d.callback = s.value(u"callback"_s).toString();
    d.failureCallback = s.value(u"failureCallback"_s).toString();
    return d;
}

QString ScheduleDraft::path() const
{
    return u"/v2/schedules/"_s + encodedDestination(destination.trimmed());
}

Broker::HeaderList ScheduleDraft::apiHeaders() const
{
    PublishDraft p = publishDraft();
    p.method = method; // Upstash-Method only when not POST, as for publish
    Broker::HeaderList out = p.apiHeaders();
    out.prepend({"Upstash-Cron", cron.trimmed().toUtf8()});
    if (!id.trimmed().isEmpty())
        out.append({"Upstash-Schedule-Id", id.trimmed().toUtf8()});
    if (!queue.trimmed().isEmpty())
        out.append({"Upstash-Queue-Name", queue.trimmed().toUtf8()});
    return out;
}

PublishDraft ScheduleDraft::publishDraft() const
{
    PublishDraft p;
    const QString dest = destination.trimmed();
    const bool url = dest.startsWith(u"http://"_s, Qt::CaseInsensitive) ||
                     dest.startsWith(u"https://"_s, Qt::CaseInsensitive);
    p.kind = url ? PublishDraft::ToUrl : PublishDraft::ToGroup;
    p.destination = dest;
    p.method = method;
    p.headers = headers;
    p.body = body;
    p.retries = retries;
    p.delay = delay;
    p.callback = callback;
    p.failureCallback = failureCallback;
    return p;
}

ScheduleDialog::ScheduleDialog(BrokerClient *client, bool creating, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
{
    setObjectName(u"scheduleDialog"_s);
    setWindowTitle(creating ? tr("New Schedule") : tr("Edit Schedule"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    layout->addLayout(form);

    const auto edit = [this](const QString &name, const QString &placeholder) {
        auto *e = new QLineEdit(this);
        e->setObjectName(name);
        e->setPlaceholderText(placeholder);
        return e;
    };
    m_id = edit(u"scheduleIdLineEdit"_s, tr("optional — the broker picks one"));
    m_id->setReadOnly(!creating);
    form->addRow(tr("Schedule &id:"), m_id);
    m_destination = edit(u"scheduleDestinationLineEdit"_s, tr("https://… or a URL group name"));
    form->addRow(tr("&Destination:"), m_destination);
    m_cron = edit(u"cronLineEdit"_s, u"*/5 * * * *"_s);
    m_cron->setFont(monospaceFont());
    form->addRow(tr("&Cron:"), m_cron);
    m_cronInfo = new QLabel(this);
    m_cronInfo->setObjectName(u"cronInfoLabel"_s);
    // Two short lines; no word wrap, whose height-for-width leaves a gap in a form layout.
    m_cronInfo->setWordWrap(false);
    m_cronInfo->setTextFormat(Qt::RichText);
    m_cronInfo->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    m_cronInfo->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    form->addRow(QString(), m_cronInfo);
    m_method = new QComboBox(this);
    m_method->addItems({u"POST"_s, u"GET"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s});
    form->addRow(tr("&Method:"), m_method);
    m_headers = new QPlainTextEdit(this);
    m_headers->setObjectName(u"scheduleHeadersEdit"_s);
    m_headers->setPlaceholderText(u"Content-Type: application/json"_s);
    m_headers->setFont(monospaceFont());
    m_headers->setFixedHeight(QFontMetrics(m_headers->font()).lineSpacing() * 3 + 12);
    m_headers->setTabChangesFocus(true);
    form->addRow(tr("&Headers:"), m_headers);
    m_body = new QPlainTextEdit(this);
    m_body->setObjectName(u"scheduleBodyEdit"_s);
    m_body->setFont(monospaceFont());
    m_body->setFixedHeight(QFontMetrics(m_body->font()).lineSpacing() * 5 + 12);
    m_body->setTabChangesFocus(true);
    form->addRow(tr("&Body:"), m_body);
    m_queue = edit(u"scheduleQueueLineEdit"_s, tr("optional — enqueue each message"));
    form->addRow(tr("&Queue:"), m_queue);
    m_retries = new QSpinBox(this);
    m_retries->setRange(-1, 100);
    m_retries->setSpecialValueText(tr("Default"));
    m_retries->setValue(-1);
    form->addRow(tr("&Retries:"), m_retries);
    m_delay = edit(u"scheduleDelayLineEdit"_s, tr("none — or e.g. 30s"));
    form->addRow(tr("De&lay:"), m_delay);
    m_callback = edit(u"scheduleCallbackLineEdit"_s, tr("optional"));
    form->addRow(tr("Call&back:"), m_callback);
    m_failureCallback = edit(u"scheduleFailureCallbackLineEdit"_s, tr("optional"));
    form->addRow(tr("&Failure callback:"), m_failureCallback);

    m_messageBar = new MessageBar(this);
    layout->addWidget(m_messageBar);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Save)->setObjectName(u"saveScheduleButton"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ScheduleDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
    connect(m_cron, &QLineEdit::textChanged, this, &ScheduleDialog::updateCron);
    connect(m_destination, &QLineEdit::textChanged, this, &ScheduleDialog::updateCron);
    updateCron();
    resize(640, sizeHint().height());
}

void ScheduleDialog::updateCron()
{
    QString error;
    const QString text = m_cron->text().trimmed();
    const auto parsed = Broker::CronExpression::parse(text);
    m_cronValid = !text.isEmpty() && bool(parsed);
    if (text.isEmpty()) {
        m_cronInfo->setText(tr("Five fields: minute hour day-of-month month day-of-week, "
                               "optionally prefixed with CRON_TZ=&lt;zone&gt;."));
    } else if (!parsed) {
        m_cronInfo->setText(u"<span style='color:#d0312d'>"_s +
                            parsed.error().message.toHtmlEscaped() + u"</span>"_s);
    } else {
        QStringList times;
        for (const QDateTime &t :
             CronDescriber::nextFireTimes(parsed.value(), QDateTime::currentMSecsSinceEpoch(), 3))
            times.append(t.toString(u"ddd yyyy-MM-dd HH:mm"_s));
        //: %1 is the cron in words, %2 the next fire times
        m_cronInfo->setText(tr("<b>%1</b><br/>Next: %2")
                                .arg(CronDescriber::describe(parsed.value()).toHtmlEscaped(),
                                     times.join(u", "_s).toHtmlEscaped()));
    }
    m_buttons->button(QDialogButtonBox::Save)
        ->setEnabled(m_cronValid && !m_destination->text().trimmed().isEmpty());
}

void ScheduleDialog::setDraft(const ScheduleDraft &d)
{
    m_id->setText(d.id);
    m_destination->setText(d.destination);
    m_cron->setText(d.cron);
    const int method = m_method->findText(d.method.toUpper());
    m_method->setCurrentIndex(std::max(0, method));
    QStringList lines;
    for (const auto &[name, value] : d.headers)
        lines.append(name + u": "_s + value);
    m_headers->setPlainText(lines.join(u'\n'));
    m_body->setPlainText(QString::fromUtf8(d.body));
    m_queue->setText(d.queue);
    m_retries->setValue(d.retries);
    m_delay->setText(d.delay);
    m_callback->setText(d.callback);
    m_failureCallback->setText(d.failureCallback);
    updateCron();
}

ScheduleDraft ScheduleDialog::draft() const
{
    ScheduleDraft d;
    d.id = m_id->text().trimmed();
    d.destination = m_destination->text().trimmed();
    d.cron = m_cron->text().trimmed();
    d.method = m_method->currentText();
    for (const QString &line : m_headers->toPlainText().split(u'\n', Qt::SkipEmptyParts)) {
        const qsizetype colon = line.indexOf(u':');
        if (colon > 0)
            d.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    d.body = m_body->toPlainText().toUtf8();
    d.queue = m_queue->text().trimmed();
    d.retries = m_retries->value();
    d.delay = m_delay->text().trimmed();
    d.callback = m_callback->text().trimmed();
    d.failureCallback = m_failureCallback->text().trimmed();
    return d;
}

void ScheduleDialog::save()
{
    const ScheduleDraft d = draft();
    if (!m_cronValid) {
        m_messageBar->showError(tr("Fix the cron expression first."));
        return;
    }
    if (!m_client) {
        m_messageBar->showError(tr("The broker is not running."));
        return;
    }
    m_buttons->setEnabled(false);
    m_client->call("POST", d.path(), d.body, d.apiHeaders(), this, [this](const ApiResult &r) {
        m_buttons->setEnabled(true);
        if (!r.ok()) {
            m_messageBar->showError(tr("The broker refused the schedule: %1").arg(r.errorText()));
            return;
        }
        emit saved(r.json().toObject().value(u"scheduleId"_s).toString());
        accept();
    });
}

} // namespace Dashboard
