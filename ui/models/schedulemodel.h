#pragma once
// Schedules (the `schedules` table): cron with its plain-language description, destination,
// paused, the next and the last fire time.

#include "listsqlmodel.h"

#include <QHash>

namespace Dashboard {

class ScheduleModel final : public ListSqlModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScheduleModel)
public:
    enum Column {
        IdColumn,
        CronColumn,
        DescriptionColumn,
        DestinationColumn,
        StateColumn,
        NextColumn,
        LastColumn,
        ColumnCount
    };

    explicit ScheduleModel(QObject *parent = nullptr);
    QString cronAt(int row) const { return record(row).value(1).toString(); }
    QString destinationAt(int row) const { return record(row).value(2).toString(); }
    bool pausedAt(int row) const { return record(row).value(3).toBool(); }
    qint64 nextFireAt(int row) const { return record(row).value(4).toLongLong(); }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    QString selectSql() const override;

private:
    QString description(const QString &cron) const;
    mutable QHash<QString, QString> m_descriptions;
};

} // namespace Dashboard
