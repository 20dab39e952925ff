#include "bulkoperation.h"

#include "brokerclient.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace Dashboard {

BulkOperation::BulkOperation(BrokerClient *client, const QString &title, const QStringList &ids,
                             int chunkSize, Builder build, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_title(title)
    , m_ids(ids)
    , m_chunkSize(std::max(1, chunkSize))
    , m_build(std::move(build))
{}

void BulkOperation::start()
{
    m_running = true;
    emit progressed(0, total());
    next();
}

void BulkOperation::next()
{
    if (m_canceled || m_done >= m_ids.size()) {
        m_running = false;
        emit finished(m_done, total(), m_canceled && m_done < m_ids.size(), QString());
        return;
    }
    const QStringList chunk = m_ids.mid(m_done, m_chunkSize);
    const Request request = m_build(chunk);
    m_client->call(request.method, request.pathAndQuery, request.body, {}, this,
                   [this, size = int(chunk.size())](const ApiResult &r) {
                       if (!r.ok()) {
                           m_running = false;
                           emit finished(m_done, total(), false, r.errorText());
                           return;
                       }
                       m_done += size;
                       emit progressed(m_done, total());
                       // Queued: a Cancel clicked meanwhile is seen before the next chunk.
                       QMetaObject::invokeMethod(this, &BulkOperation::next, Qt::QueuedConnection);
                   });
}

BulkProgress::BulkProgress(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"bulkProgress"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_label = new QLabel(this);
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(u"bulkProgressBar"_s);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(u"bulkCancelButton"_s);
    layout->addWidget(m_label);
    layout->addWidget(m_bar, 1);
    layout->addWidget(m_cancel);
    hide();
}

void BulkProgress::track(BulkOperation *operation)
{
    m_label->setText(operation->title());
    m_bar->setRange(0, std::max(1, operation->total()));
    m_bar->setValue(0);
    m_cancel->setEnabled(true);
    show();
    connect(operation, &BulkOperation::progressed, this, [this](int done, int total) {
        m_bar->setRange(0, std::max(1, total));
        m_bar->setValue(done);
        //: Progress of a bulk operation: %1 done of %2
        m_bar->setFormat(tr("%1 of %2").arg(done).arg(total));
    });
    connect(m_cancel, &QPushButton::clicked, operation, [this, operation] {
        operation->cancel();
        m_cancel->setEnabled(false);
    });
    // The owner deletes the operation when it finishes, which ends the Cancel connection too.
    connect(operation, &BulkOperation::finished, this, &QWidget::hide);
}

bool Confirm::ask(QWidget *parent, const QString &title, const QString &text,
                  const QString &acceptText)
{
    if (s_nextAnswer) {
        const bool answer = *s_nextAnswer;
        s_nextAnswer.reset();
        return answer;
    }
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::Cancel, parent);
    QPushButton *accept = box.addButton(acceptText, QMessageBox::AcceptRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == accept;
}

} // namespace Dashboard
