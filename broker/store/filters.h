#pragma once
// The multi-value filters of the list, cancel and DLQ endpoints (qstash-api.md §6.3, §9.1, §10.2):
// OR within a key, AND across keys; repeated keys or comma-separated values. Turned into a SQL
// WHERE clause with bound values against a table whose columns follow the events/messages naming.

#include "core/result.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariantList>

namespace Broker {

struct SqlFilter
{
    QString where; // "" or "(...) AND (...)", ready to follow WHERE
    QVariantList values;
};

class FilterSet
{
public:
    // values per key, already split on commas
    QMap<QString, QStringList> values;

    bool isEmpty() const { return values.isEmpty(); }
    QStringList get(const QString &key) const { return values.value(key); }

    // Builds the filter from raw query pairs, keeping only `allowed` keys; `ignored` keys are
    // accepted and dropped; any other key is an error naming it (a typo must not match everything).
    static Result<FilterSet> fromQuery(const QList<QPair<QString, QString>> &query,
                                       const QStringList &allowed, const QStringList &ignored);

    // Column names: message_id, state, url, host, path, labels (",a,b,"), topic_name, queue_name,
    // schedule_id, flow_control_key, caller_ip; time column given (events.time, created_at...).
    Result<SqlFilter> toSql(const QString &timeColumn) const;
};

} // namespace Broker
