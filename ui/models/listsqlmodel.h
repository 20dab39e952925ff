#pragma once
// A read-only table over a small SQL result (URL groups, endpoints, schedules, queues), read
// whole at each refresh. Row 0 of each record is its key: when the keys are the same as before
// only dataChanged is emitted, so selections and scroll positions survive a live refresh.

#include <QAbstractTableModel>
#include <QList>
#include <QSqlDatabase>
#include <QVariantList>

namespace Dashboard {

class ListSqlModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListSqlModel)
public:
    explicit ListSqlModel(QObject *parent = nullptr);

    void setConnectionName(const QString &name);
    QString connectionName() const { return m_connection; }
    // Re-reads the rows. Returns false (and emits errorOccurred) when the query fails; a
    // missing table (an older schema) reads as empty.
    bool refresh();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariantList record(int row) const { return m_rows.value(row); }
    QString keyAt(int row) const;
    int rowOfKey(const QString &key) const;
    QString lastError() const { return m_lastError; }

signals:
    void refreshed();
    void errorOccurred(const QString &message);

protected:
    // The SELECT, its first column the key; binds for its placeholders.
    virtual QString selectSql() const = 0;
    virtual QVariantList selectBinds() const { return {}; }
    const QVariantList &at(int row) const { return m_rows.at(row); }
    QSqlDatabase db() const;

private:
    QString m_connection;
    QList<QVariantList> m_rows;
    QString m_lastError;
};

} // namespace Dashboard
