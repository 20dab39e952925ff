#pragma once
// Small helpers every store uses: binding text that must not become NULL, reporting a failed
// statement, and a cache of prepared statements per SQL text.

#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <memory>
#include <unordered_map>

class QSqlDatabase;

namespace Broker::Sql {

// A null QString binds as SQL NULL; our text columns are NOT NULL and hold '' instead.
QVariant text(const QString &value);
// Copies the statement's error into *error (when given) and returns false.
bool fail(const QSqlQuery &query, QString *error);
// Executes the prepared statement; on failure reports like fail().
bool run(QSqlQuery &query, QString *error);

class StatementCache final
{
    Q_DISABLE_COPY_MOVE(StatementCache)
public:
    StatementCache() = default;
    // The statement for `sql` (a string literal: its address is the key), prepared once.
    QSqlQuery &prepared(QSqlDatabase &db, const char *sql);

private:
    std::unordered_map<const char *, std::unique_ptr<QSqlQuery>> m_statements;
};

} // namespace Broker::Sql
