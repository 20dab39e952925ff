#pragma once
// WAL checkpoints off the broker thread. A checkpoint copies the WAL into the database file and
// syncs it: tens of milliseconds on a slow disk. Run by SQLite's auto-checkpoint it happens inside
// whichever COMMIT crosses the threshold, stalling the broker thread (due timers, acks,
// deliveries). The write connection turns auto-checkpoint off and asks this class instead; it
// runs PASSIVE checkpoints on its own connection in its own thread, which never block the writer.

#include <QAtomicInt>
#include <QObject>
#include <QString>
#include <QThread>

namespace Broker {

class Checkpointer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Checkpointer)
public:
    // path: the database file; synchronousFull as the write connection.
    Checkpointer(const QString &path, bool synchronousFull);
    ~Checkpointer() override; // stops the thread and closes its connection

    // Asks for a checkpoint soon; cheap, coalesces while one is queued or running.
    void request();
    void setSynchronousFull(bool full) { m_synchronousFull.storeRelaxed(full ? 1 : 0); }
    quint64 checkpoints() const { return quint64(m_done.loadRelaxed()); }

private:
    void run(); // in the thread

    QString m_path;
    QString m_name;
    QThread m_thread;
    QObject *m_worker = nullptr; // lives in m_thread
    QAtomicInt m_queued;
    QAtomicInt m_done;
    QAtomicInt m_synchronousFull;
    int m_appliedSync = -1; // thread only
    bool m_opened = false;  // thread only
};

} // namespace Broker
