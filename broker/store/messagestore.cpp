#include "messagestore.h"

#include "core/jsontext.h"
#include "database.h"
#include "sqlutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QUrl>

namespace Broker {

using Sql::fail;
using Sql::run;
using Sql::text;

namespace {

constexpr auto kMessageColumns =
    "id, state, created_at, not_before, due_at, url, method, headers, body, max_retries, "
    "retried, timeout_ms, labels, topic_name, endpoint_name, queue_name, schedule_id, caller_ip, "
    "flow_control_key, dedup_id, options";

// A null QString binds as SQL NULL; the text columns are NOT NULL and hold '' instead.
} // namespace

MessageStore::MessageStore(Database *db)
    : m_db(db)
{}

QByteArray MessageStore::encodeHeaders(const HeaderList &headers)
{
    // Written directly: a QJsonArray of QJsonArrays cost more than the INSERT it feeds.
    QByteArray out;
    qsizetype size = 2;
    for (const auto &[name, value] : headers)
        size += name.size() + value.size() + 8;
    out.reserve(size);
    out += '[';
    bool first = true;
    for (const auto &[name, value] : headers) {
        if (!first)
            out += ',';
        first = false;
        out += '[';
        JsonText::appendLatin1(out, name);
        out += ',';
        JsonText::appendLatin1(out, value);
        out += ']';
    }
    out += ']';
    return out;
}

HeaderList MessageStore::headersFromColumn(const QVariant &column)
{
    return decodeHeaders(column.toString().toLatin1());
}

HeaderList MessageStore::decodeHeaders(const QByteArray &json)
{
    HeaderList out;
    const QJsonArray arr = QJsonDocument::fromJson(json).array();
    out.reserve(arr.size());
    for (const QJsonValue &v : arr) {
        const QJsonArray pair = v.toArray();
        out.append({pair.at(0).toString().toLatin1(), pair.at(1).toString().toLatin1()});
    }
    return out;
}

QString MessageStore::encodeLabels(const QStringList &labels)
{
    return labels.isEmpty() ? QString() : u',' + labels.join(u',') + u',';
}

QStringList MessageStore::decodeLabels(const QString &stored)
{
    return stored.split(u',', Qt::SkipEmptyParts);
}

Sql::Statement &MessageStore::statement(QSqlDatabase &db, const char *sql)
{
    Q_ASSERT(db.connectionName() == m_db->connectionName());
    Q_UNUSED(db);
    return m_db->statement(sql);
}

bool MessageStore::insertMessage(QSqlDatabase &db, const Message &m, QString *error)
{
    // Most messages name no labels, topic, endpoint, queue, schedule, flow key or dedup id: those
    // '' columns are then written as literals, one bind each saved.
    const bool plain = m.labels.isEmpty() && m.topicName.isEmpty() && m.endpointName.isEmpty() &&
                       m.queueName.isEmpty() && m.scheduleId.isEmpty() &&
                       m.flowControlKey.isEmpty() && m.dedupKey.isEmpty();
    Sql::Statement &q =
        plain
            ? statement(db, "INSERT INTO messages (id, state, created_at, updated_at, "
                            "not_before, due_at, url, method, headers, body, max_retries, "
                            "retried, timeout_ms, caller_ip, options, labels, topic_name, "
                            "endpoint_name, queue_name, schedule_id, flow_control_key, "
                            "dedup_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'','','','','','','')")
            : statement(db, "INSERT INTO messages (id, state, created_at, updated_at, "
                            "not_before, due_at, url, method, headers, body, max_retries, "
                            "retried, timeout_ms, caller_ip, options, labels, topic_name, "
                            "endpoint_name, queue_name, schedule_id, flow_control_key, "
                            "dedup_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    q.bindText(0, m.id);
    q.bindText(1, stateName(m.state));
    q.bind(2, m.createdAt);
    q.bind(3, m.createdAt);
    q.bind(4, m.notBefore);
    q.bind(5, m.dueAt);
    q.bindLatin1(6, m.url); // stored as before: its bytes read as Latin-1
    q.bindLatin1(7, m.method);
    q.bindLatin1(8, encodeHeaders(m.headers));
    q.bindBlob(9, m.body);
    q.bind(10, m.maxRetries);
    q.bind(11, m.retried);
    q.bind(12, m.timeoutMs);
    q.bindText(13, m.callerIp);
    if (m.options.isEmpty())
        q.bindText(14, QByteArrayView("{}"));
    else
        q.bindText(14, QByteArrayView(QJsonDocument(m.options).toJson(QJsonDocument::Compact)));
    if (!plain) {
        q.bindText(15, encodeLabels(m.labels));
        q.bindText(16, m.topicName);
        q.bindText(17, m.endpointName);
        q.bindText(18, m.queueName);
        q.bindText(19, m.scheduleId);
        q.bindText(20, m.flowControlKey);
        q.bindText(21, m.dedupKey);
    }
    return q.exec(error);
}

bool MessageStore::updateState(QSqlDatabase &db, const QString &id, MessageState state, int retried,
                               qint64 dueAt, qint64 now, QString *error)
{
    Sql::Statement &q = statement(
        db, "UPDATE messages SET state = ?, retried = ?, due_at = ?, updated_at = ? WHERE id = ?");
    q.bindText(0, stateName(state));
    q.bind(1, retried);
    q.bind(2, dueAt);
    q.bind(3, now);
    q.bindText(4, id);
    return q.exec(error);
}

bool MessageStore::appendEvent(QSqlDatabase &db, const Message &m, const char *state, qint64 time,
                               const QJsonObject &detail, QString *error)
{
    return appendEventJson(db, m, state, time,
                           detail.isEmpty() ? QByteArrayLiteral("{}")
                                            : QJsonDocument(detail).toJson(QJsonDocument::Compact),
                           0, error);
}

bool MessageStore::appendEventJson(QSqlDatabase &db, const Message &m, const char *state,
                                   qint64 time, const QByteArray &detailJson, qint64 attemptId,
                                   QString *error)
{
    // As in insertMessage: the usual all-'' columns as literals rather than binds.
    const bool plain = isPlainForEvents(m);
    Sql::Statement &q =
        plain ? statement(db, "INSERT INTO events (time, message_id, state, url, host, path, "
                              "caller_ip, detail, attempt_id, labels, topic_name, queue_name, "
                              "schedule_id, flow_control_key) "
                              "VALUES (?,?,?,?,?,?,?,?,?,'','','','','')")
              : statement(db, "INSERT INTO events (time, message_id, state, url, host, path, "
                              "caller_ip, detail, attempt_id, labels, topic_name, queue_name, "
                              "schedule_id, flow_control_key) "
                              "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    prepareEventUrl(m);
    q.bind(0, time);
    q.bindText(1, m.id);
    q.bindText(2, QByteArrayView(state));
    q.bindText(3, m_eventUrlText);
    q.bindText(4, m_eventHost);
    q.bindText(5, m_eventPath);
    q.bindText(6, m.callerIp);
    // TEXT, not a BLOB: the logs filters compare it as text.
    q.bindText(7, detailJson);
    q.bind(8, attemptId);
    if (!plain) {
        q.bindText(9, encodeLabels(m.labels));
        q.bindText(10, m.topicName);
        q.bindText(11, m.queueName);
        q.bindText(12, m.scheduleId);
        q.bindText(13, m.flowControlKey);
    }
    return q.exec(error);
}

bool MessageStore::isPlainForEvents(const Message &m)
{
    return m.labels.isEmpty() && m.topicName.isEmpty() && m.queueName.isEmpty() &&
           m.scheduleId.isEmpty() && m.flowControlKey.isEmpty();
}

void MessageStore::prepareEventUrl(const Message &m)
{
    if (m.url == m_eventUrl)
        return; // a message's events come in runs (CREATED, ACTIVE, DELIVERED): parsed once
    const QUrl url = QUrl::fromEncoded(m.url);
    m_eventUrl = m.url;
    m_eventUrlText = QString::fromLatin1(m.url).toUtf8();
    m_eventHost = url.host().toUtf8();
    m_eventPath = url.path().toUtf8();
}

bool MessageStore::appendCreatedAndActive(QSqlDatabase &db, const Message &m, qint64 activeAt,
                                          QString *error)
{
    if (!isPlainForEvents(m))
        return appendEventJson(db, m, EventState::Created, m.createdAt, "{}", 0, error) &&
               appendEventJson(db, m, EventState::Active, activeAt, "{}", 0, error);
    // Each statement run costs its own start, cursors and halt (a few thousand instructions);
    // the two rows of every message sent at once share one.
    Sql::Statement &q =
        statement(db, "INSERT INTO events (time, message_id, state, url, host, path, caller_ip, "
                      "detail, labels, topic_name, queue_name, schedule_id, flow_control_key) "
                      "VALUES (?,?,'CREATED',?,?,?,?,'{}','','','','',''), "
                      "(?,?,'ACTIVE',?,?,?,?,'{}','','','','','')");
    prepareEventUrl(m);
    for (int row = 0; row < 2; ++row) {
        const int at = row * 6;
        q.bind(at, row == 0 ? m.createdAt : activeAt);
        q.bindText(at + 1, m.id);
        q.bindText(at + 2, m_eventUrlText);
        q.bindText(at + 3, m_eventHost);
        q.bindText(at + 4, m_eventPath);
        q.bindText(at + 5, m.callerIp);
    }
    return q.exec(error);
}

bool MessageStore::insertAttempt(QSqlDatabase &db, const AttemptRecord &a, qint64 *attemptId,
                                 QString *error)
{
    Sql::Statement &q = statement(db, "INSERT INTO attempts (message_id, retried, started_at, "
                                      "duration_ms, request_url, request_method, "
                                      "request_headers, status, response_headers, "
                                      "response_body, error) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    q.bindText(0, a.messageId);
    q.bind(1, a.retried);
    q.bind(2, a.startedAt);
    q.bind(3, a.durationMs);
    q.bindLatin1(4, a.url);
    q.bindLatin1(5, a.method);
    q.bindLatin1(6, a.requestHeadersJson.isNull() ? encodeHeaders(a.requestHeaders)
                                                  : a.requestHeadersJson);
    q.bind(7, a.status);
    q.bindLatin1(8, a.responseHeadersJson.isNull() ? encodeHeaders(a.responseHeaders)
                                                   : a.responseHeadersJson);
    q.bindBlob(9, a.responseBody);
    q.bindText(10, a.error);
    if (!q.exec(error))
        return false;
    *attemptId = q.lastInsertId();
    return true;
}

bool MessageStore::setKv(QSqlDatabase &db, const QString &key, const QString &value, QString *error)
{
    QSqlQuery &q = prepared(db, "INSERT INTO kv (key, value) VALUES (?, ?) "
                                "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    q.addBindValue(text(key));
    q.addBindValue(text(value));
    return q.exec() || fail(q, error);
}

std::optional<QString> MessageStore::findDedup(QSqlDatabase &db, const QString &key, qint64 now)
{
    QSqlQuery &q = prepared(db, "SELECT message_id FROM dedup WHERE key = ? AND expires_at > ?");
    q.addBindValue(key);
    q.addBindValue(now);
    std::optional<QString> out;
    if (q.exec() && q.next())
        out = q.value(0).toString();
    q.finish();
    return out;
}

bool MessageStore::putDedup(QSqlDatabase &db, const QString &key, const QString &messageId,
                            qint64 expiresAt, QString *error)
{
    QSqlQuery &q = prepared(db, "INSERT INTO dedup (key, message_id, expires_at) VALUES (?, ?, ?) "
                                "ON CONFLICT(key) DO UPDATE SET message_id = excluded.message_id, "
                                "expires_at = excluded.expires_at");
    q.addBindValue(key);
    q.addBindValue(messageId);
    q.addBindValue(expiresAt);
    return q.exec() || fail(q, error);
}

bool MessageStore::pruneDedup(QSqlDatabase &db, qint64 now, QString *error)
{
    QSqlQuery &q = prepared(db, "DELETE FROM dedup WHERE expires_at <= ?");
    q.addBindValue(now);
    return q.exec() || fail(q, error);
}

Message MessageStore::messageFromQuery(const QSqlQuery &q) const
{
    Message m;
    m.id = q.value(0).toString();
    m.state = stateFromName(q.value(1).toString());
    m.createdAt = q.value(2).toLongLong();
    m.notBefore = q.value(3).toLongLong();
    m.dueAt = q.value(4).toLongLong();
    m.url = q.value(5).toString().toLatin1();
    m.method = q.value(6).toString().toLatin1();
    m.headers = headersFromColumn(q.value(7));
    m.body = q.value(8).toByteArray();
    m.maxRetries = q.value(9).toInt();
    m.retried = q.value(10).toInt();
    m.timeoutMs = q.value(11).toLongLong();
    m.labels = decodeLabels(q.value(12).toString());
    m.topicName = q.value(13).toString();
    m.endpointName = q.value(14).toString();
    m.queueName = q.value(15).toString();
    m.scheduleId = q.value(16).toString();
    m.callerIp = q.value(17).toString();
    m.flowControlKey = q.value(18).toString();
    m.dedupKey = q.value(19).toString();
    m.options = QJsonDocument::fromJson(q.value(20).toString().toUtf8()).object();
    return m;
}

std::optional<Message> MessageStore::message(const QString &id)
{
    static const QByteArray sql =
        QByteArray("SELECT ") + kMessageColumns + " FROM messages WHERE id = ?";
    QSqlQuery &q = prepared(m_db->connection(), sql.constData());
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Message m = messageFromQuery(q);
    q.finish();
    return m;
}

QList<Message> MessageStore::messagesInState(MessageState state)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT %1 FROM messages WHERE state = ?")
                  .arg(QLatin1String(kMessageColumns)));
    q.addBindValue(stateName(state));
    QList<Message> out;
    if (q.exec()) {
        while (q.next())
            out.append(messageFromQuery(q));
    }
    return out;
}

QList<DueEntry> MessageStore::dueBetween(qint64 afterExclusive, qint64 untilInclusive)
{
    QSqlQuery &q = prepared(m_db->connection(), "SELECT due_at, id FROM messages INDEXED BY "
                                                "messages_due WHERE state IN ('PENDING', 'RETRY') "
                                                "AND due_at > ? AND due_at <= ? ORDER BY due_at");
    q.addBindValue(afterExclusive);
    q.addBindValue(untilInclusive);
    QList<DueEntry> out;
    if (q.exec()) {
        while (q.next())
            out.append(DueEntry{q.value(0).toLongLong(), q.value(1).toString()});
    }
    q.finish();
    return out;
}

QMap<QString, qint64> MessageStore::countsByState()
{
    QSqlQuery q(m_db->connection());
    QMap<QString, qint64> out;
    if (q.exec(QStringLiteral("SELECT state, COUNT(*) FROM messages GROUP BY state"))) {
        while (q.next())
            out.insert(q.value(0).toString(), q.value(1).toLongLong());
    }
    return out;
}

QList<AttemptRecord> MessageStore::attempts(const QString &messageId)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral(
        "SELECT id, retried, started_at, duration_ms, request_url, request_method, "
        "request_headers, status, response_headers, response_body, error FROM attempts "
        "WHERE message_id = ? ORDER BY id"));
    q.addBindValue(messageId);
    QList<AttemptRecord> out;
    if (q.exec()) {
        while (q.next()) {
            AttemptRecord a;
            a.id = q.value(0).toLongLong();
            a.messageId = messageId;
            a.retried = q.value(1).toInt();
            a.startedAt = q.value(2).toLongLong();
            a.durationMs = q.value(3).toLongLong();
            a.url = q.value(4).toString().toLatin1();
            a.method = q.value(5).toString().toLatin1();
            a.requestHeaders = headersFromColumn(q.value(6));
            a.status = q.value(7).toInt();
            a.responseHeaders = headersFromColumn(q.value(8));
            a.responseBody = q.value(9).toByteArray();
            a.error = q.value(10).toString();
            out.append(a);
        }
    }
    return out;
}

std::optional<QString> MessageStore::kv(const QString &key)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT value FROM kv WHERE key = ?"));
    q.addBindValue(key);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return std::nullopt;
}

Result<QStringList> MessageStore::unfinishedMatching(const FilterSet &filter, int limit)
{
    FilterSet sqlPart = filter;
    const QStringList hosts = sqlPart.values.take(QStringLiteral("host"));
    const QStringList paths = sqlPart.values.take(QStringLiteral("path"));
    auto sqlFilter = sqlPart.toSql(QStringLiteral("created_at"));
    if (!sqlFilter)
        return sqlFilter.error();
    QString sql = QStringLiteral("SELECT id, url FROM messages WHERE state IN ('PENDING', "
                                 "'RETRY', 'ACTIVE')");
    if (!sqlFilter->where.isEmpty())
        sql += QStringLiteral(" AND ") + sqlFilter->where;
    sql += QStringLiteral(" ORDER BY rowid");
    QSqlQuery q(m_db->connection());
    q.prepare(sql);
    for (const QVariant &v : sqlFilter->values)
        q.addBindValue(v);
    if (!q.exec())
        return ApiError{ErrorCode::StorageFailed, q.lastError().text()};
    QStringList out;
    while (q.next() && (limit <= 0 || out.size() < limit)) {
        if (!hosts.isEmpty() || !paths.isEmpty()) {
            const QUrl url = QUrl::fromEncoded(q.value(1).toString().toLatin1());
            if (!hosts.isEmpty() && !hosts.contains(url.host()))
                continue;
            if (!paths.isEmpty() && !paths.contains(url.path()))
                continue;
        }
        out.append(q.value(0).toString());
    }
    return out;
}

Result<QList<EventRecord>> MessageStore::events(const FilterSet &filter, qint64 cursor, int limit)
{
    auto sqlFilter = filter.toSql(QStringLiteral("time"));
    if (!sqlFilter)
        return sqlFilter.error();
    // The page of events (the filters name events' columns), then the attempt each one names.
    QString sql = QStringLiteral("SELECT id, time, message_id, state, url, topic_name, queue_name, "
                                 "schedule_id, labels, flow_control_key, detail, attempt_id "
                                 "FROM events");
    QStringList where;
    if (cursor > 0)
        where << QStringLiteral("id < %1").arg(cursor);
    if (!sqlFilter->where.isEmpty())
        where << sqlFilter->where;
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY id DESC LIMIT %1").arg(limit);
    sql = QStringLiteral("SELECT e.*, a.id, a.request_headers, a.status, a.response_headers, "
                         "a.response_body FROM (") +
          sql +
          QStringLiteral(") AS e LEFT JOIN attempts a ON a.id = e.attempt_id ORDER BY e.id DESC");
    QSqlQuery q(m_db->connection());
    q.prepare(sql);
    for (const QVariant &v : sqlFilter->values)
        q.addBindValue(v);
    if (!q.exec())
        return ApiError{ErrorCode::StorageFailed, q.lastError().text()};
    QList<EventRecord> out;
    while (q.next()) {
        EventRecord e;
        e.id = q.value(0).toLongLong();
        e.time = q.value(1).toLongLong();
        e.messageId = q.value(2).toString();
        e.state = q.value(3).toString();
        e.url = q.value(4).toString().toLatin1();
        e.topicName = q.value(5).toString();
        e.queueName = q.value(6).toString();
        e.scheduleId = q.value(7).toString();
        e.labels = decodeLabels(q.value(8).toString());
        e.flowControlKey = q.value(9).toString();
        e.detail = QJsonDocument::fromJson(q.value(10).toString().toUtf8()).object();
        if (!q.value(12).isNull()) {
            AttemptRecord &a = e.attempt.emplace();
            a.id = q.value(12).toLongLong();
            a.requestHeaders = headersFromColumn(q.value(13));
            a.status = q.value(14).toInt();
            a.responseHeaders = headersFromColumn(q.value(15));
            a.responseBody = q.value(16).toByteArray();
        }
        out.append(e);
    }
    return out;
}

} // namespace Broker
