#include "sqlutil.h"

#include <QSqlError>

namespace Broker::Sql {

QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

bool fail(const QSqlQuery &query, QString *error)
{
    if (error)
        *error = query.lastError().text();
    return false;
}

bool run(QSqlQuery &query, QString *error)
{
    return query.exec() || fail(query, error);
}

QSqlQuery &StatementCache::prepared(QSqlDatabase &db, const char *sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        auto q = std::make_unique<QSqlQuery>(db);
        q->setForwardOnly(true);
        q->prepare(QString::fromLatin1(sql));
        it = m_statements.emplace(sql, std::move(q)).first;
    }
    return *it->second;
}

} // namespace Broker::Sql
