#pragma once
// Queues (the `queues` table) with their lag: messages waiting or in flight on each.

#include "listsqlmodel.h"

namespace Dashboard {

class QueueModel final : public ListSqlModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueModel)
public:
    enum Column {
        NameColumn,
        ParallelismColumn,
        StateColumn,
        LagColumn,
        CreatedColumn,
        ColumnCount
    };

    explicit QueueModel(QObject *parent = nullptr);
    int parallelismAt(int row) const { return record(row).value(1).toInt(); }
    bool pausedAt(int row) const { return record(row).value(2).toBool(); }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    QString selectSql() const override;
};

} // namespace Dashboard
