#include "schedulemodel.h"

#include "crondescriber.h"
#include "format.h"

using namespace Qt::StringLiterals;

namespace Dashboard {

ScheduleModel::ScheduleModel(QObject *parent)
    : ListSqlModel(parent)
{}

QString ScheduleModel::selectSql() const
{
    return u"SELECT id, cron, destination, paused, next_fire, last_fire, created_at "
           "FROM schedules ORDER BY created_at, id"_s;
}

QString ScheduleModel::description(const QString &cron) const
{
    if (const auto it = m_descriptions.constFind(cron); it != m_descriptions.cend())
        return it.value();
    QString error;
    QString text = CronDescriber::describe(cron, &error);
    if (text.isEmpty())
        //: Description of a cron expression that does not parse; %1 is the reason
        text = tr("invalid: %1").arg(error);
    m_descriptions.insert(cron, text);
    return text;
}

int ScheduleModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ScheduleModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QVariantList &r = at(index.row());
    const bool paused = r.value(3).toBool();
    if (role == Qt::DecorationRole && index.column() == StateColumn)
        return Format::stateIcon(paused ? u"RETRY"_s : u"DELIVERED"_s);
    if (role == Qt::ToolTipRole && index.column() == DescriptionColumn)
        return description(r.value(1).toString());
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case IdColumn:
        return r.value(0);
    case CronColumn:
        return r.value(1);
    case DescriptionColumn:
        return description(r.value(1).toString());
    case DestinationColumn:
        return r.value(2);
    case StateColumn:
        //: Schedule state
        return paused ? tr("Paused") : tr("Active");
    case NextColumn: {
        const qint64 next = r.value(4).toLongLong();
        return paused || next <= 0 ? u"—"_s : Format::time(next);
    }
    case LastColumn:
        return Format::time(r.value(5).toLongLong());
    default:
        return {};
    }
}

QVariant ScheduleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        //: Schedules table column
        return tr("Schedule");
    case CronColumn:
        //: Schedules table column
        return tr("Cron");
    case DescriptionColumn:
        //: Schedules table column: the cron in words
        return tr("Runs");
    case DestinationColumn:
        //: Schedules table column
        return tr("Destination");
    case StateColumn:
        //: Schedules table column
        return tr("State");
    case NextColumn:
        //: Schedules table column
        return tr("Next run");
    case LastColumn:
        //: Schedules table column
        return tr("Last run");
    default:
        return {};
    }
}

} // namespace Dashboard
