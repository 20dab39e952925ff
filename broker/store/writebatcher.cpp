#include "writebatcher.h"

#include "core/logging.h"
#include "database.h"
#include "sqlutil.h"
#include "walvfs.h"

#include <QElapsedTimer>

namespace Broker {

namespace {

// Group-commit window (design §3: "everything that arrived in the last <= 1 ms"). After a commit,
// writes gather for this long before the next one, so a busy broker commits at most once per
// window and each commit's page writes are shared; an idle broker commits on the next pass.
constexpr int kGroupCommitWindowMs = 1;

} // namespace

WriteBatcher::WriteBatcher(Database *db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &WriteBatcher::flush);
}

WriteBatcher::~WriteBatcher()
{
    // QT_LOGGING_RULES=localstash.store.debug=true: how well group commit batched this run.
    if (m_commits > 0) {
        const Sql::WalWriteStats wal = Sql::walWriteStats(); // the process's, all connections
        qCDebug(lcStore).nospace()
            << "group commit: " << m_commits << " commits, " << double(m_writes) / m_commits
            << " writes each, COMMIT " << double(m_commitNs) / m_commits / 1000.0 << " us, flush "
            << double(m_flushNs) / m_commits / 1000.0 << " us; WAL writes " << wal.requested
            << " gathered into " << wal.issued;
    }
}

void WriteBatcher::submit(Write write, Done done)
{
    m_queue.push_back(Item{std::move(write), std::move(done)});
    if (qsizetype(m_queue.size()) >= maxBatch)
        flush();
    else if (!m_timer.isActive())
        m_timer.start(0); // idle: commit on the next pass (an active timer is the window)
}

void WriteBatcher::flush()
{
    m_timer.stop();
    if (m_queue.empty())
        return;
    QElapsedTimer flushTime;
    flushTime.start();
    std::vector<Item> batch;
    batch.swap(m_queue);

    QSqlDatabase &db = m_db->connection();
    std::vector<char> okFlags(batch.size(), 0);
    std::vector<QString> errors(batch.size());
    QString batchError;
    // Transaction control as statements prepared once on the connection (QSqlQuery::exec(QString)
    // compiled them again for every batch).
    Sql::Statement &begin = m_db->statement("BEGIN IMMEDIATE");
    Sql::Statement &commit = m_db->statement("COMMIT");
    Sql::Statement &rollback = m_db->statement("ROLLBACK");
    const auto savepoint = [this](const char *sql) { m_db->statement(sql).exec(nullptr); };
    // Fast path: every write in one transaction, no savepoints (two statements per write saved).
    // Writes only touch the database, so when one fails the whole batch rolls back and runs
    // again with a savepoint per write, isolating the failure as before.
    bool isolate = false;
    for (int attempt = 0; attempt < 2; ++attempt) {
        batchError.clear();
        if (!begin.exec(&batchError)) {
            if (batchError.isEmpty())
                batchError = QStringLiteral("cannot begin a transaction");
            break;
        }
        bool failed = false;
        for (size_t i = 0; i < batch.size(); ++i) {
            if (isolate)
                savepoint("SAVEPOINT w");
            QString err;
            const bool ok = batch[i].write(db, &err);
            okFlags[i] = ok ? 1 : 0;
            errors[i].clear();
            if (!ok) {
                errors[i] = err.isEmpty() ? QStringLiteral("write failed") : err;
                if (!isolate) {
                    failed = true;
                    break;
                }
                savepoint("ROLLBACK TO w");
            }
            if (isolate)
                savepoint("RELEASE w");
        }
        if (failed) {
            rollback.exec(nullptr);
            isolate = true;
            continue;
        }
        QElapsedTimer commitTime;
        commitTime.start();
        const bool committedOk = commit.exec(&batchError);
        m_commitNs += commitTime.nsecsElapsed();
        if (!committedOk) {
            if (batchError.isEmpty())
                batchError = QStringLiteral("commit failed");
            rollback.exec(nullptr);
        }
        break;
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
    m_db->noteCommit();
    // The window starts now: writes submitted from the completions below, or before it ends,
    // share the next commit.
    m_timer.start(kGroupCommitWindowMs);
    for (size_t i = 0; i < batch.size(); ++i) {
        if (batch[i].done)
            batch[i].done(okFlags[i] != 0, errors[i]);
    }
    m_writes += batch.size();
    m_flushNs += flushTime.nsecsElapsed();
    emit committed(int(batch.size()));
}

} // namespace Broker
