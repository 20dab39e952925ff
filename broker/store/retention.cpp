#include "retention.h"

#include "core/clock.h"
#include "core/logging.h"
#include "sqlutil.h"
#include "writebatcher.h"

#include <QSqlQuery>
#include <QStringList>

#include <algorithm>
#include <climits>
#include <limits>
#include <memory>
#include <vector>

namespace Broker {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

// Oldest finished messages first, through the partial index of finished messages; a message
// whose DLQ entry still exists stays (the entry needs its body to be retried).
constexpr const char *kSelectAged =
    "SELECT id, state FROM messages INDEXED BY messages_finished "
    "WHERE (state = 'DELIVERED' OR state = 'FAILED' OR state = 'CANCELED') AND updated_at < ? "
    "AND NOT EXISTS (SELECT 1 FROM dlq WHERE dlq.message_id = messages.id) "
    "ORDER BY updated_at LIMIT ?";
constexpr const char *kCountFinished =
    "SELECT count(*) FROM messages INDEXED BY messages_finished "
    "WHERE (state = 'DELIVERED' OR state = 'FAILED' OR state = 'CANCELED')";

bool deleteMessages(QSqlQuery &select, QSqlDatabase &db, RetentionStats *out, QString *error)
{
    QStringList ids;
    QStringList states;
    if (!Sql::run(select, error))
        return false;
    while (select.next()) {
        ids.append(select.value(0).toString());
        states.append(select.value(1).toString());
    }
    select.finish();
    // Children first; the message row last.
    const char *const sql[] = {"DELETE FROM events WHERE message_id = ?",
                               "DELETE FROM attempts WHERE message_id = ?",
                               "DELETE FROM messages WHERE id = ?"};
    std::vector<QSqlQuery> deletes;
    for (const char *text : sql) {
        deletes.emplace_back(db);
        if (!deletes.back().prepare(QString::fromLatin1(text)))
            return Sql::fail(deletes.back(), error);
    }
    for (qsizetype i = 0; i < ids.size(); ++i) {
        for (QSqlQuery &q : deletes) {
            q.addBindValue(ids.at(i));
            if (!Sql::run(q, error))
                return false;
        }
        out->messages += 1;
        out->messagesByState[states.at(i)] += 1;
    }
    return true;
}

} // namespace

Retention::Retention(IClock *clock, WriteBatcher *batcher, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_batcher(batcher)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &Retention::runNow);
}

void Retention::setPolicy(const RetentionPolicy &policy)
{
    m_policy = policy;
}

void Retention::start()
{
    m_stopped = false;
    if (m_clock->isManual())
        return; // tests: passes run when asked (runNow), like everything else on a manual clock
    m_timer.start(int(std::clamp<qint64>(m_policy.firstPassMs, 0, INT_MAX)));
}

void Retention::stop()
{
    m_stopped = true;
    m_timer.stop();
}

void Retention::runNow()
{
    if (m_passRunning)
        return;
    m_stopped = false;
    m_timer.stop();
    m_passRunning = true;
    m_total = RetentionStats{};
    m_step = Step::Dlq;
    m_excessLeft = -1;
    runBatch();
}

void Retention::runBatch()
{
    if (m_step == Step::Done)
        return;
    if (m_stopped) { // stop() during a pass: the rest waits for the next start
        m_passRunning = false;
        m_step = Step::Done;
        return;
    }
    auto batch = std::make_shared<RetentionStats>();
    auto full = std::make_shared<bool>(false);
    const Step step = m_step;
    const qint64 now = m_clock->nowMs();
    m_batcher->submit(
        [this, step, now, batch, full](QSqlDatabase &db, QString *error) {
            *batch = RetentionStats{}; // a batch that is rolled back and run again starts over
            return pruneBatch(db, step, now, batch.get(), full.get(), error);
        },
        [this, step, batch, full](bool ok, const QString &error) {
            if (!ok) {
                qCWarning(lcStore) << "retention pass stopped, will try again later:" << error;
                finishPass();
                return;
            }
            m_total.messages += batch->messages;
            for (auto it = batch->messagesByState.cbegin(); it != batch->messagesByState.cend();
                 ++it)
                m_total.messagesByState[it.key()] += it.value();
            m_total.dlqEntries += batch->dlqEntries;
            m_total.dedupKeys += batch->dedupKeys;
            if (batch->messages || batch->dlqEntries || batch->dedupKeys)
                emit pruned(*batch);
            if (step == Step::Excess)
                m_excessLeft = std::max<qint64>(0, m_excessLeft - batch->messages);
            if (!*full || (step == Step::Excess && m_excessLeft <= 0))
                m_step = Step(int(step) + 1);
            if (m_step == Step::Done) {
                finishPass();
                return;
            }
            // Yield between batches: publishes and deliveries run in between.
            QTimer::singleShot(0, this, &Retention::runBatch);
        });
}

void Retention::finishPass()
{
    m_passRunning = false;
    m_step = Step::Done;
    if (m_total.messages || m_total.dlqEntries || m_total.dedupKeys)
        qCInfo(lcStore) << "retention pruned" << m_total.messages << "messages,"
                        << m_total.dlqEntries << "DLQ entries," << m_total.dedupKeys
                        << "deduplication keys";
    emit passFinished(m_total);
    if (!m_stopped && m_policy.intervalMs > 0 && !m_clock->isManual())
        m_timer.start(int(std::clamp<qint64>(m_policy.intervalMs, 1, INT_MAX)));
}

bool Retention::pruneBatch(QSqlDatabase &db, Step step, qint64 now, RetentionStats *out, bool *full,
                           QString *error)
{
    *full = false;
    const qint64 cutoff = now - qint64(m_policy.days) * kDayMs;
    const int limit = std::max(1, m_policy.batchSize);
    switch (step) {
    case Step::Dlq: {
        if (m_policy.days <= 0)
            return true;
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
            "DELETE FROM dlq WHERE dlq_id IN "
            "(SELECT dlq_id FROM dlq WHERE created_at < ? ORDER BY created_at LIMIT ?)"));
        q.addBindValue(cutoff);
        q.addBindValue(limit);
        if (!Sql::run(q, error))
            return false;
        out->dlqEntries = std::max(0, q.numRowsAffected());
        *full = out->dlqEntries >= limit;
        return true;
    }
    case Step::Aged: {
        if (m_policy.days <= 0)
            return true;
        QSqlQuery q(db);
        q.prepare(QString::fromLatin1(kSelectAged));
        q.addBindValue(cutoff);
        q.addBindValue(limit);
        if (!deleteMessages(q, db, out, error))
            return false;
        *full = out->messages >= limit;
        return true;
    }
    case Step::Excess: {
        if (m_policy.maxMessages <= 0)
            return true;
        if (m_excessLeft < 0) { // counted once per pass, then tracked
            QSqlQuery count(db);
            if (!count.exec(QString::fromLatin1(kCountFinished)) || !count.next())
                return Sql::fail(count, error);
            m_excessLeft = std::max<qint64>(0, count.value(0).toLongLong() - m_policy.maxMessages);
        }
        if (m_excessLeft == 0)
            return true;
        const qint64 take = std::min<qint64>(limit, m_excessLeft);
        QSqlQuery q(db);
        q.prepare(QString::fromLatin1(kSelectAged));
        q.addBindValue(std::numeric_limits<qint64>::max()); // any age
        q.addBindValue(take);
        if (!deleteMessages(q, db, out, error))
            return false;
        *full = out->messages >= take;
        return true;
    }
    case Step::Dedup: {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM dedup WHERE rowid IN "
                                 "(SELECT rowid FROM dedup WHERE expires_at <= ? LIMIT ?)"));
        q.addBindValue(now);
        q.addBindValue(limit);
        if (!Sql::run(q, error))
            return false;
        out->dedupKeys = std::max(0, q.numRowsAffected());
        *full = out->dedupKeys >= limit;
        return true;
    }
    case Step::Done:
        return true;
    }
    return true;
}

} // namespace Broker
