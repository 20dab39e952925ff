#include "queuemodel.h"

#include "format.h"

using namespace Qt::StringLiterals;

namespace Dashboard {

QueueModel::QueueModel(QObject *parent)
    : ListSqlModel(parent)
{}

QString QueueModel::selectSql() const
{
    return u"SELECT q.name, q.parallelism, q.paused, "
           "(SELECT COUNT(*) FROM messages m WHERE m.queue_name = q.name "
           "AND m.state IN ('PENDING', 'ACTIVE', 'RETRY')), q.created_at "
           "FROM queues q ORDER BY q.name"_s;
}

int QueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QVariantList &r = at(index.row());
    const bool paused = r.value(2).toBool();
    if (role == Qt::DecorationRole && index.column() == StateColumn)
        return Format::stateIcon(paused ? u"RETRY"_s : u"DELIVERED"_s);
    if (role == Qt::TextAlignmentRole &&
        (index.column() == ParallelismColumn || index.column() == LagColumn))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return r.value(0);
    case ParallelismColumn:
        return r.value(1).toInt();
    case StateColumn:
        //: Queue state
        return paused ? tr("Paused") : tr("Running");
    case LagColumn:
        return r.value(3).toLongLong();
    case CreatedColumn:
        return Format::time(r.value(4).toLongLong());
    default:
        return {};
    }
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        //: Queues table column
        return tr("Name");
    case ParallelismColumn:
        //: Queues table column
        return tr("Parallelism");
    case StateColumn:
        //: Queues table column
        return tr("State");
    case LagColumn:
        //: Queues table column: messages waiting or in flight
        return tr("Lag");
    case CreatedColumn:
        //: Queues table column
        return tr("Created");
    default:
        return {};
    }
}

} // namespace Dashboard
