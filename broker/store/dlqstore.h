#pragma once
// The dead-letter queue: one row per message that failed for good, with the last response. The
// message itself stays in `messages` (state FAILED) so a DLQ entry shows everything it had.

#include "core/message.h"
#include "core/result.h"
#include "filters.h"

#include <QSqlQuery>

#include <optional>

class QSqlDatabase;

namespace Broker {

class Database;

struct DlqEntry
{
    qint64 rowId = 0;
    QString dlqId;
    QString messageId;
    qint64 createdAt = 0;
    int responseStatus = 0;
    HeaderList responseHeaders;
    QByteArray responseBody;
    QString error;
};

class DlqStore final
{
    Q_DISABLE_COPY_MOVE(DlqStore)
public:
    explicit DlqStore(Database *db);

    static QString newDlqId(qint64 nowMs);

    bool insert(QSqlDatabase &db, const Message &m, const DlqEntry &entry, QString *error);
    bool remove(QSqlDatabase &db, const QStringList &dlqIds, QString *error);

    std::optional<DlqEntry> entry(const QString &dlqId);
    // Newest first; cursor: entries with rowid < cursor (0 = from the newest).
    Result<QList<DlqEntry>> list(const FilterSet &filter, qint64 cursor, int limit);
    qint64 count();

private:
    Database *m_db;
};

} // namespace Broker
