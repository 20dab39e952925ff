#include "writebatcher.h"

#include "core/logging.h"
#include "database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Broker {

WriteBatcher::WriteBatcher(Database *db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &WriteBatcher::flush);
}

void WriteBatcher::submit(Write write, Done done)
{
    m_queue.push_back(Item{std::move(write), std::move(done)});
    if (qsizetype(m_queue.size()) >= maxBatch)
        flush();
    else if (!m_timer.isActive())
        m_timer.start();
}

void WriteBatcher::flush()
{
    m_timer.stop();
    if (m_queue.empty())
        return;
    std::vector<Item> batch;
    batch.swap(m_queue);

    QSqlDatabase &db = m_db->connection();
    std::vector<char> okFlags(batch.size(), 0);
    std::vector<QString> errors(batch.size());
    QString batchError;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        batchError = q.lastError().text();
    } else {
        for (size_t i = 0; i < batch.size(); ++i) {
            q.exec(QStringLiteral("SAVEPOINT w"));
            QString err;
            const bool ok = batch[i].write(db, &err);
            okFlags[i] = ok ? 1 : 0;
            if (!ok) {
                errors[i] = err.isEmpty() ? QStringLiteral("write failed") : err;
                q.exec(QStringLiteral("ROLLBACK TO w"));
            }
            q.exec(QStringLiteral("RELEASE w"));
        }
        if (!q.exec(QStringLiteral("COMMIT"))) {
            batchError = q.lastError().text();
            q.exec(QStringLiteral("ROLLBACK"));
        }
    }
    if (!batchError.isEmpty()) {
        qCWarning(lcStore) << "commit failed:" << batchError;
        emit commitFailed(batchError);
        for (auto &item : batch) {
            if (item.done)
                item.done(false, batchError);
        }
        return;
    }
    ++m_commits;
    for (size_t i = 0; i < batch.size(); ++i) {
        if (batch[i].done)
            batch[i].done(okFlags[i] != 0, errors[i]);
    }
    emit committed(int(batch.size()));
}

} // namespace Broker
