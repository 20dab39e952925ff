#include "checkpointer.h"

#include "core/logging.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace Broker {

namespace {
QAtomicInt s_checkpointerCounter;
}

Checkpointer::Checkpointer(const QString &path, bool synchronousFull)
    : m_path(path)
    , m_name(QStringLiteral("localstash-checkpoint-%1")
                 .arg(s_checkpointerCounter.fetchAndAddRelaxed(1)))
    , m_synchronousFull(synchronousFull ? 1 : 0)
{
    m_thread.setObjectName(QStringLiteral("wal-checkpoint"));
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start(QThread::LowPriority);
}

Checkpointer::~Checkpointer()
{
    // The connection is opened, used and closed in the thread only.
    QMetaObject::invokeMethod(
        m_worker,
        [this] {
            if (m_opened) {
                QSqlDatabase::database(m_name, false).close();
                QSqlDatabase::removeDatabase(m_name);
                m_opened = false;
            }
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void Checkpointer::request()
{
    if (m_queued.testAndSetOrdered(0, 1))
        QMetaObject::invokeMethod(
            m_worker, [this] { run(); }, Qt::QueuedConnection);
}

void Checkpointer::run()
{
    m_queued.storeRelease(0);
    if (!m_opened) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(m_path);
        if (!db.open()) {
            qCWarning(lcStore) << "checkpoint connection:" << db.lastError().text();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_name);
            return;
        }
        QSqlQuery q(db);
        q.exec(QStringLiteral("PRAGMA wal_autocheckpoint=0"));
        m_opened = true;
    }
    QSqlDatabase db = QSqlDatabase::database(m_name, false);
    QSqlQuery q(db);
    const int full = m_synchronousFull.loadRelaxed();
    if (full != m_appliedSync) {
        q.exec(full ? QStringLiteral("PRAGMA synchronous=FULL")
                    : QStringLiteral("PRAGMA synchronous=NORMAL"));
        m_appliedSync = full;
    }
    // PASSIVE: copies what no reader still needs, never waits for (or blocks) the writer.
    if (!q.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")))
        qCWarning(lcStore) << "checkpoint failed:" << q.lastError().text();
    q.finish();
    m_done.fetchAndAddRelaxed(1);
}

} // namespace Broker
