#include "filters.h"

namespace Broker {

namespace {

QString columnFor(const QString &key)
{
    static const QMap<QString, QString> columns = {
        {QStringLiteral("messageId"), QStringLiteral("message_id")},
        {QStringLiteral("messageIds"), QStringLiteral("message_id")},
        {QStringLiteral("state"), QStringLiteral("state")},
        {QStringLiteral("url"), QStringLiteral("url")},
        {QStringLiteral("host"), QStringLiteral("host")},
        {QStringLiteral("path"), QStringLiteral("path")},
        {QStringLiteral("topicName"), QStringLiteral("topic_name")},
        {QStringLiteral("queueName"), QStringLiteral("queue_name")},
        {QStringLiteral("scheduleId"), QStringLiteral("schedule_id")},
        {QStringLiteral("flowControlKey"), QStringLiteral("flow_control_key")},
        {QStringLiteral("callerIp"), QStringLiteral("caller_ip")},
        {QStringLiteral("callerIP"), QStringLiteral("caller_ip")},
        {QStringLiteral("dlqId"), QStringLiteral("dlq_id")},
        {QStringLiteral("dlqIds"), QStringLiteral("dlq_id")},
        {QStringLiteral("responseStatus"), QStringLiteral("response_status")},
    };
    return columns.value(key);
}

} // namespace

Result<FilterSet> FilterSet::fromQuery(const QList<QPair<QString, QString>> &query,
                                       const QStringList &allowed, const QStringList &ignored)
{
    FilterSet set;
    for (const auto &[key, value] : query) {
        if (ignored.contains(key))
            continue;
        if (!allowed.contains(key))
            return badRequest(QStringLiteral("unknown filter parameter: %1").arg(key));
        QStringList &list = set.values[key];
        for (const QString &part : value.split(u',', Qt::SkipEmptyParts)) {
            const QString trimmed = part.trimmed();
            if (!trimmed.isEmpty())
                list.append(trimmed);
        }
        if (list.isEmpty())
            set.values.remove(key);
    }
    return set;
}

Result<SqlFilter> FilterSet::toSql(const QString &timeColumn) const
{
    SqlFilter out;
    QStringList clauses;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const QString &key = it.key();
        const QStringList &vals = it.value();
        if (key == QStringLiteral("fromDate") || key == QStringLiteral("toDate")) {
            bool ok = false;
            const qint64 ms = vals.constFirst().toLongLong(&ok);
            if (!ok || ms < 0)
                return badRequest(QStringLiteral("invalid %1: %2 (expected unix milliseconds)")
                                      .arg(key, vals.constFirst()));
            clauses << QStringLiteral("%1 %2 ?").arg(timeColumn, key == QStringLiteral("fromDate")
                                                                     ? QStringLiteral(">=")
                                                                     : QStringLiteral("<="));
            out.values << ms;
            continue;
        }
        if (key == QStringLiteral("label")) {
            QStringList ors;
            for (const QString &v : vals) {
                ors << QStringLiteral("instr(labels, ?) > 0");
                out.values << QString(u',' + v + u',');
            }
            clauses << u'(' + ors.join(QStringLiteral(" OR ")) + u')';
            continue;
        }
        QStringList expanded = vals;
        if (key == QStringLiteral("state")) {
            expanded.clear();
            for (const QString &v : vals) {
                const QString upper = v.toUpper();
                if (upper == QStringLiteral("IN_PROGRESS"))
                    expanded << QStringLiteral("ACTIVE") << QStringLiteral("RETRY")
                             << QStringLiteral("ERROR");
                else if (upper == QStringLiteral("CANCELLED"))
                    expanded << QStringLiteral("CANCELED");
                else
                    expanded << upper;
            }
        }
        if (key == QStringLiteral("responseStatus")) {
            for (const QString &v : vals) {
                bool ok = false;
                v.toInt(&ok);
                if (!ok)
                    return badRequest(QStringLiteral("invalid responseStatus: %1").arg(v));
            }
        }
        const QString column = columnFor(key);
        if (column.isEmpty())
            return badRequest(QStringLiteral("unknown filter parameter: %1").arg(key));
        QStringList marks;
        for (const QString &v : expanded) {
            marks << QStringLiteral("?");
            out.values << v;
        }
        clauses << QStringLiteral("%1 IN (%2)").arg(column, marks.join(u','));
    }
    out.where = clauses.join(QStringLiteral(" AND "));
    return out;
}

} // namespace Broker
