#include "urlgroupmodel.h"

#include "format.h"

using namespace Qt::StringLiterals;

namespace Dashboard {

UrlGroupModel::UrlGroupModel(QObject *parent)
    : ListSqlModel(parent)
{}

QString UrlGroupModel::selectSql() const
{
    return u"SELECT t.name, (SELECT COUNT(*) FROM topic_endpoints e WHERE e.topic = t.name), "
           "t.updated_at FROM topics t ORDER BY t.name"_s;
}

int UrlGroupModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UrlGroupModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QVariantList &r = at(index.row());
    if (role == Qt::TextAlignmentRole && index.column() == EndpointsColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return r.value(0);
    case EndpointsColumn:
        return r.value(1).toInt();
    case UpdatedColumn:
        return Format::time(r.value(2).toLongLong());
    default:
        return {};
    }
}

QVariant UrlGroupModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        //: URL groups table column
        return tr("Name");
    case EndpointsColumn:
        //: URL groups table column: number of endpoints
        return tr("Endpoints");
    case UpdatedColumn:
        //: URL groups table column
        return tr("Updated");
    default:
        return {};
    }
}

EndpointModel::EndpointModel(QObject *parent)
    : ListSqlModel(parent)
{}

void EndpointModel::setGroup(const QString &group)
{
    m_group = group;
    refresh();
}

QString EndpointModel::nameAt(int row) const
{
    return record(row).value(1).toString();
}

QString EndpointModel::selectSql() const
{
    return u"SELECT url, name FROM topic_endpoints WHERE topic = ? ORDER BY position, url"_s;
}

int EndpointModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EndpointModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const QVariantList &r = at(index.row());
    return index.column() == UrlColumn ? r.value(0) : r.value(1);
}

QVariant EndpointModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    //: Endpoints table columns
    return section == UrlColumn ? tr("URL") : section == NameColumn ? tr("Name") : QVariant();
}

} // namespace Dashboard
