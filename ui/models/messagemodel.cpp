#include "messagemodel.h"

#include "format.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Dashboard {

namespace {

// Positions in a row: [0] time key and [1] rowid key come first (PagedSqlModel).
enum Field {
    FCreated = 0,
    FId = 2,
    FState,
    FMethod,
    FUrl,
    FTopic,
    FEndpoint,
    FQueue,
    FSchedule,
    FLabels,
    FRetried,
    FAttempts,
    FLastStatus,
    FLastError,
    FDueAt,
};

QStringList statesFor(const QString &filter)
{
    if (filter == u"UNFINISHED")
        return {u"PENDING"_s, u"ACTIVE"_s, u"RETRY"_s};
    return {filter};
}

} // namespace

MessageModel::MessageModel(QObject *parent)
    : PagedSqlModel(parent)
{}

void MessageModel::setFilter(const MessageFilter &filter)
{
    m_filter = filter;
    m_useStateIndex = stateIsSelective();
    reload();
}

bool MessageModel::stateIsSelective() const
{
    // The `state` index finds rare states at once but then needs a sort; for common states the
    // time index (walking in order, skipping others) is faster. Both counts use indexes.
    if (m_filter.state.isEmpty() || connectionName().isEmpty())
        return false;
    QSqlDatabase db = QSqlDatabase::database(connectionName(), false);
    if (!db.isOpen())
        return false;
    QSqlQuery q(db);
    const QStringList states = statesFor(m_filter.state);
    q.prepare(u"SELECT (SELECT COUNT(*) FROM messages WHERE state IN ("_s +
              QStringList(states.size(), u"?"_s).join(u',') +
              u")), (SELECT COUNT(*) FROM messages)"_s);
    for (const QString &state : states)
        q.addBindValue(state);
    if (!q.exec() || !q.next())
        return false;
    return q.value(0).toLongLong() * 20 < q.value(1).toLongLong();
}

PagedSqlModel::QuerySpec MessageModel::buildQuery() const
{
    QuerySpec spec;
    spec.from = u"messages m"_s;
    spec.timeKey = u"m.created_at"_s;
    spec.rowidKey = u"m.rowid"_s;
    spec.idColumn = u"m.id"_s;
    spec.columns =
        u"m.id, m.state, m.method, m.url, m.topic_name, m.endpoint_name, m.queue_name, "
        "m.schedule_id, m.labels, m.retried, "
        "(SELECT COUNT(*) FROM attempts a WHERE a.message_id = m.id), "
        "(SELECT a.status FROM attempts a WHERE a.message_id = m.id ORDER BY a.id DESC LIMIT 1), "
        "(SELECT a.error FROM attempts a WHERE a.message_id = m.id ORDER BY a.id DESC LIMIT 1), "
        "m.due_at"_s;

    const MessageFilter &f = m_filter;
    if (!f.state.isEmpty()) {
        const QStringList states = statesFor(f.state);
        spec.where.append((m_useStateIndex ? u"m.state IN ("_s : u"+m.state IN ("_s) +
                          QStringList(states.size(), u"?"_s).join(u',') + u')');
        for (const QString &state : states)
            spec.binds.append(state);
    }
    if (!f.url.isEmpty()) {
        spec.where.append(u"instr(lower(m.url), ?) > 0"_s);
        spec.binds.append(f.url.toLower());
    }
    const auto exact = [&](const QString &value, const QString &column) {
        if (value.isEmpty())
            return;
        spec.where.append(column + u" = ?"_s);
        spec.binds.append(value);
    };
    exact(f.group, u"m.topic_name"_s);
    exact(f.queue, u"m.queue_name"_s);
    exact(f.schedule, u"m.schedule_id"_s);
    if (!f.label.isEmpty()) {
        spec.where.append(u"instr(m.labels, ',' || ? || ',') > 0"_s);
        spec.binds.append(f.label);
    }
    if (!f.text.isEmpty()) {
        spec.where.append(
            u"instr(lower(m.id), ?) > 0 OR instr(lower(m.url), ?) > 0 OR "
            "instr(lower(m.headers), ?) > 0 OR instr(lower(CAST(m.body AS TEXT)), ?) > 0"_s);
        for (int i = 0; i < 4; ++i)
            spec.binds.append(f.text.toLower());
    }
    if (f.fromMs >= 0) {
        spec.where.append(u"m.created_at >= ?"_s);
        spec.binds.append(f.fromMs);
    }
    if (f.toMs >= 0) {
        spec.where.append(u"m.created_at <= ?"_s);
        spec.binds.append(f.toMs);
    }
    return spec;
}

QString MessageModel::messageId(int row) const
{
    const QVariantList *values = cachedRow(row);
    return values ? values->at(FId).toString() : QString();
}

int MessageModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MessageModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QVariantList *row = cachedRow(index.row());
    if (!row)
        return {};
    const QVariantList &v = *row;
    const QString state = v.at(FState).toString();

    switch (role) {
    case MessageIdRole:
        return v.at(FId);
    case StateRole:
        return state;
    case UrlRole:
        return v.at(FUrl);
    case Qt::DecorationRole:
        return index.column() == StateColumn ? QVariant(Format::stateIcon(state)) : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == AttemptsColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case UrlColumn:
            return v.at(FUrl);
        case StateColumn:
            if (state == u"RETRY" || state == u"PENDING")
                //: Tool tip of a message's state; %1 is a date and time
                return tr("Next attempt at %1").arg(Format::time(v.at(FDueAt).toLongLong()));
            return {};
        case StatusColumn:
            return v.at(FLastError).toString();
        default:
            return {};
        }
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }

    switch (index.column()) {
    case TimeColumn:
        return Format::time(v.at(FCreated).toLongLong());
    case StateColumn:
        return Format::stateName(state);
    case MethodColumn:
        return v.at(FMethod);
    case UrlColumn:
        return v.at(FUrl);
    case ContextColumn: {
        QStringList parts;
        if (const QString topic = v.at(FTopic).toString(); !topic.isEmpty()) {
            const QString endpoint = v.at(FEndpoint).toString();
            //: Messages table, context column; %1 is a URL group name
            parts.append(endpoint.isEmpty() ? tr("group %1").arg(topic)
                                            //: %1 is a URL group, %2 an endpoint name
                                            : tr("group %1 (%2)").arg(topic, endpoint));
        }
        if (const QString queue = v.at(FQueue).toString(); !queue.isEmpty())
            //: Messages table, context column; %1 is a queue name
            parts.append(tr("queue %1").arg(queue));
        if (const QString schedule = v.at(FSchedule).toString(); !schedule.isEmpty())
            //: Messages table, context column; %1 is a schedule id
            parts.append(tr("schedule %1").arg(schedule));
        return parts.join(u" · "_s);
    }
    case LabelsColumn:
        return v.at(FLabels).toString().split(u',', Qt::SkipEmptyParts).join(u", "_s);
    case AttemptsColumn:
        return v.at(FAttempts).toInt();
    case StatusColumn: {
        if (v.at(FAttempts).toInt() == 0)
            return QString();
        return Format::httpStatus(v.at(FLastStatus).toInt(), v.at(FLastError).toString());
    }
    default:
        return {};
    }
}

QVariant MessageModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        //: Messages table column: when the message was published
        return tr("Time");
    case StateColumn:
        //: Messages table column
        return tr("State");
    case MethodColumn:
        //: Messages table column: HTTP method
        return tr("Method");
    case UrlColumn:
        //: Messages table column: the destination
        return tr("URL");
    case ContextColumn:
        //: Messages table column: URL group, queue or schedule
        return tr("Group / queue / schedule");
    case LabelsColumn:
        //: Messages table column
        return tr("Labels");
    case AttemptsColumn:
        //: Messages table column: delivery attempts made
        return tr("Attempts");
    case StatusColumn:
        //: Messages table column: the last attempt's HTTP status
        return tr("Last status");
    default:
        return {};
    }
}

} // namespace Dashboard
