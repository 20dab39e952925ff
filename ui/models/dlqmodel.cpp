#include "dlqmodel.h"

#include "format.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Dashboard {

namespace {

enum Field {
    FCreated = 0,
    FDlqId = 2,
    FMessageId,
    FMethod,
    FUrl,
    FStatus,
    FError,
    FTopic,
    FQueue,
    FSchedule,
    FLabels,
};

} // namespace

DlqModel::DlqModel(QObject *parent)
    : PagedSqlModel(parent)
{}

void DlqModel::setFilter(const MessageFilter &filter)
{
    m_filter = filter;
    m_filter.state.clear();
    reload();
}

PagedSqlModel::QuerySpec DlqModel::buildQuery() const
{
    QuerySpec spec;
    spec.from = u"dlq d LEFT JOIN messages m ON m.id = d.message_id"_s;
    spec.timeKey = u"d.created_at"_s;
    spec.rowidKey = u"d.rowid"_s;
    spec.idColumn = u"d.dlq_id"_s;
    spec.columns = u"d.dlq_id, d.message_id, COALESCE(m.method, ''), d.url, d.response_status, "
                   "d.error, d.topic_name, d.queue_name, d.schedule_id, d.labels"_s;
    const MessageFilter &f = m_filter;
    if (!f.url.isEmpty()) {
        spec.where.append(u"instr(lower(d.url), ?) > 0"_s);
        spec.binds.append(f.url.toLower());
    }
    const auto exact = [&](const QString &value, const QString &column) {
        if (value.isEmpty())
            return;
        spec.where.append(column + u" = ?"_s);
        spec.binds.append(value);
    };
    exact(f.group, u"d.topic_name"_s);
    exact(f.queue, u"d.queue_name"_s);
    exact(f.schedule, u"d.schedule_id"_s);
    if (!f.label.isEmpty()) {
        spec.where.append(u"instr(d.labels, ',' || ? || ',') > 0"_s);
        spec.binds.append(f.label);
    }
    if (!f.text.isEmpty()) {
        spec.where.append(u"instr(lower(d.dlq_id), ?) > 0 OR instr(lower(d.message_id), ?) > 0 "
                          "OR instr(lower(d.url), ?) > 0 OR instr(lower(d.error), ?) > 0 "
                          "OR instr(lower(CAST(d.response_body AS TEXT)), ?) > 0 "
                          "OR instr(lower(CAST(m.body AS TEXT)), ?) > 0"_s);
        for (int i = 0; i < 6; ++i)
            spec.binds.append(f.text.toLower());
    }
    if (f.fromMs >= 0) {
        spec.where.append(u"d.created_at >= ?"_s);
        spec.binds.append(f.fromMs);
    }
    if (f.toMs >= 0) {
        spec.where.append(u"d.created_at <= ?"_s);
        spec.binds.append(f.toMs);
    }
    return spec;
}

QString DlqModel::dlqId(int row) const
{
    const QVariantList *v = cachedRow(row);
    return v ? v->at(FDlqId).toString() : QString();
}

QString DlqModel::messageIdAt(int row) const
{
    const QVariantList *v = cachedRow(row);
    return v ? v->at(FMessageId).toString() : QString();
}

QStringList DlqModel::matchingDlqIds() const
{
    QStringList ids;
    const QSqlDatabase db = QSqlDatabase::database(connectionName(), false);
    if (!db.isOpen())
        return ids;
    const QuerySpec spec = buildQuery();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    QString sql = u"SELECT d.dlq_id FROM "_s + spec.from;
    if (!spec.where.isEmpty())
        sql += u" WHERE ("_s + spec.where.join(u") AND ("_s) + u')';
    q.prepare(sql + u" ORDER BY d.created_at DESC, d.rowid DESC"_s);
    for (const QVariant &v : spec.binds)
        q.addBindValue(v);
    if (q.exec()) {
        while (q.next())
            ids.append(q.value(0).toString());
    }
    return ids;
}

int DlqModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DlqModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QVariantList *row = cachedRow(index.row());
    if (!row)
        return {};
    const QVariantList &v = *row;
    switch (role) {
    case DlqIdRole:
        return v.at(FDlqId);
    case MessageIdRole:
        return v.at(FMessageId);
    case Qt::DecorationRole:
        return index.column() == StatusColumn ? QVariant(Format::stateIcon(u"FAILED"_s))
                                              : QVariant();
    case Qt::ToolTipRole:
        if (index.column() == StatusColumn)
            return v.at(FError);
        if (index.column() == UrlColumn)
            return v.at(FUrl);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case TimeColumn:
        return Format::time(v.at(FCreated).toLongLong());
    case MessageColumn:
        return v.at(FMessageId);
    case MethodColumn:
        return v.at(FMethod);
    case UrlColumn:
        return v.at(FUrl);
    case StatusColumn:
        return Format::httpStatus(v.at(FStatus).toInt(), v.at(FError).toString());
    case ContextColumn: {
        QStringList parts;
        if (const QString s = v.at(FTopic).toString(); !s.isEmpty())
            parts.append(tr("group %1").arg(s));
        if (const QString s = v.at(FQueue).toString(); !s.isEmpty())
            parts.append(tr("queue %1").arg(s));
        if (const QString s = v.at(FSchedule).toString(); !s.isEmpty())
            parts.append(tr("schedule %1").arg(s));
        return parts.join(u" · "_s);
    }
    case LabelsColumn:
        return v.at(FLabels).toString().split(u',', Qt::SkipEmptyParts).join(u", "_s);
    default:
        return {};
    }
}

QVariant DlqModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        //: DLQ table column: when the message failed
        return tr("Failed at");
    case MessageColumn:
        //: DLQ table column
        return tr("Message");
    case MethodColumn:
        return tr("Method");
    case UrlColumn:
        return tr("URL");
    case StatusColumn:
        //: DLQ table column: the last response
        return tr("Response");
    case ContextColumn:
        return tr("Group / queue / schedule");
    case LabelsColumn:
        return tr("Labels");
    default:
        return {};
    }
}

} // namespace Dashboard
