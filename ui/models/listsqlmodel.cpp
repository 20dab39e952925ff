#include "listsqlmodel.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace Dashboard {

ListSqlModel::ListSqlModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ListSqlModel::setConnectionName(const QString &name)
{
    m_connection = name;
    refresh();
}

QSqlDatabase ListSqlModel::db() const
{
    if (m_connection.isEmpty() || !QSqlDatabase::contains(m_connection))
        return {};
    return QSqlDatabase::database(m_connection, false);
}

int ListSqlModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QString ListSqlModel::keyAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).value(0).toString() : QString();
}

int ListSqlModel::rowOfKey(const QString &key) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).value(0).toString() == key)
            return row;
    }
    return -1;
}

bool ListSqlModel::refresh()
{
    QList<QVariantList> rows;
    bool ok = true;
    if (db().isOpen()) {
        QSqlQuery q(db());
        q.setForwardOnly(true);
        q.prepare(selectSql());
        for (const QVariant &v : selectBinds())
            q.addBindValue(v);
        if (q.exec()) {
            const int fields = q.record().count();
            while (q.next()) {
                QVariantList row;
                row.reserve(fields);
                for (int i = 0; i < fields; ++i)
                    row.append(q.value(i));
                rows.append(std::move(row));
            }
        } else if (!q.lastError().text().contains(u"no such table"_s)) {
            ok = false;
            const QString error = q.lastError().text();
            if (error != m_lastError) {
                m_lastError = error;
                emit errorOccurred(error);
            }
            rows = m_rows; // keep what is shown
        }
    }
    if (ok)
        m_lastError.clear();

    bool sameKeys = rows.size() == m_rows.size();
    for (qsizetype i = 0; sameKeys && i < rows.size(); ++i)
        sameKeys = rows.at(i).value(0) == m_rows.at(i).value(0);
    if (sameKeys) {
        const bool changed = rows != m_rows;
        m_rows = std::move(rows);
        if (changed && !m_rows.isEmpty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    } else {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    }
    emit refreshed();
    return ok;
}

} // namespace Dashboard
