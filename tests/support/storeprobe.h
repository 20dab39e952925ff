#pragma once
// Reads a broker's database file through a connection of its own (WAL lets it read while the
// broker writes): the first column of every row `sql` returns, or nothing when the file cannot
// be opened or the query fails.

#include <QString>
#include <QVariantList>

#include <optional>

namespace TestSupport {

std::optional<QVariantList> readStoreColumn(const QString &dbPath, const QString &sql);

} // namespace TestSupport
