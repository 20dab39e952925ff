#include "storeprobe.h"

#include <QSqlDatabase>
#include <QSqlQuery>

namespace TestSupport {

std::optional<QVariantList> readStoreColumn(const QString &dbPath, const QString &sql)
{
    const QString name = QStringLiteral("storeprobe");
    std::optional<QVariantList> out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(dbPath);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql)) {
                out.emplace();
                while (q.next())
                    out->append(q.value(0));
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return out;
}

} // namespace TestSupport
