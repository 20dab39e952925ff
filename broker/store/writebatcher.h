#pragma once
// Group commit. Writes submitted within a 1 ms window (or up to a batch limit) run
// in a single transaction; each write's completion runs only after COMMIT returned, so an
// acknowledgement sent from a completion is a durability promise. A write that fails is rolled
// back to its own savepoint and reported failed; the others in the batch still commit.

#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <vector>

class QSqlDatabase;

namespace Broker {

class Database;

class WriteBatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WriteBatcher)
public:
    // Returns false and fills *error when the write could not be done.
    using Write = std::function<bool(QSqlDatabase &db, QString *error)>;
    using Done = std::function<void(bool ok, const QString &error)>;

    explicit WriteBatcher(Database *db, QObject *parent = nullptr);
    ~WriteBatcher() override;

    void submit(Write write, Done done = {});
    // Commits whatever is queued now (readers call this to see their own writes).
    void flush();
    qsizetype pending() const { return qsizetype(m_queue.size()); }
    quint64 commits() const { return m_commits; }

    int maxBatch = 2000;

signals:
    void committed(int writes);
    void commitFailed(const QString &error);

private:
    struct Item
    {
        Write write;
        Done done;
    };

    Database *m_db;
    std::vector<Item> m_queue;
    QTimer m_timer;
    quint64 m_commits = 0;
    quint64 m_writes = 0;
    qint64 m_commitNs = 0; // time in COMMIT
    qint64 m_flushNs = 0;  // time in flush(), writes and completions included
};

} // namespace Broker
