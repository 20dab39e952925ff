#include "messagedetails.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace Dashboard {

namespace {

const QString kMessageColumns =
    u"id, state, created_at, updated_at, not_before, due_at, url, method, headers, body, "
    "max_retries, retried, timeout_ms, labels, topic_name, endpoint_name, queue_name, "
    "schedule_id, caller_ip, flow_control_key, dedup_id, options"_s;

} // namespace

Broker::Message messageFromRow(const QSqlQuery &q, int first)
{
    Broker::Message m;
    int i = first;
    m.id = q.value(i++).toString();
    m.state = Broker::stateFromName(q.value(i++).toString());
    m.createdAt = q.value(i++).toLongLong();
    ++i; // updated_at
    m.notBefore = q.value(i++).toLongLong();
    m.dueAt = q.value(i++).toLongLong();
    m.url = q.value(i++).toString().toUtf8();
    m.method = q.value(i++).toString().toLatin1();
    m.headers = Broker::MessageStore::headersFromColumn(q.value(i++));
    m.body = q.value(i++).toByteArray();
    m.maxRetries = q.value(i++).toInt();
    m.retried = q.value(i++).toInt();
    m.timeoutMs = q.value(i++).toLongLong();
    m.labels = Broker::MessageStore::decodeLabels(q.value(i++).toString());
    m.topicName = q.value(i++).toString();
    m.endpointName = q.value(i++).toString();
    m.queueName = q.value(i++).toString();
    m.scheduleId = q.value(i++).toString();
    m.callerIp = q.value(i++).toString();
    m.flowControlKey = q.value(i++).toString();
    m.dedupKey = q.value(i++).toString();
    m.options = QJsonDocument::fromJson(q.value(i++).toString().toUtf8()).object();
    return m;
}

std::optional<MessageDetails> loadMessageDetails(const QSqlDatabase &db, const QString &id,
                                                 QString *error)
{
    const auto failed = [&](const QSqlQuery &q) -> std::optional<MessageDetails> {
        if (error)
            *error = q.lastError().text();
        return std::nullopt;
    };
    MessageDetails d;
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(u"SELECT "_s + kMessageColumns + u" FROM messages WHERE id = ?"_s);
        q.addBindValue(id);
        if (!q.exec())
            return failed(q);
        if (!q.next())
            return std::nullopt;
        d.message = messageFromRow(q);
        d.updatedAt = q.value(3).toLongLong();
    }
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(u"SELECT id, retried, started_at, duration_ms, request_url, request_method, "
                  "request_headers, status, response_headers, response_body, error FROM attempts "
                  "WHERE message_id = ? ORDER BY id"_s);
        q.addBindValue(id);
        if (!q.exec())
            return failed(q);
        while (q.next()) {
            Broker::AttemptRecord a;
            a.id = q.value(0).toLongLong();
            a.messageId = id;
            a.retried = q.value(1).toInt();
            a.startedAt = q.value(2).toLongLong();
            a.durationMs = q.value(3).toLongLong();
            a.url = q.value(4).toString().toUtf8();
            a.method = q.value(5).toString().toLatin1();
            a.requestHeaders = Broker::MessageStore::headersFromColumn(q.value(6));
            a.status = q.value(7).toInt();
            a.responseHeaders = Broker::MessageStore::headersFromColumn(q.value(8));
            a.responseBody = q.value(9).toByteArray();
            a.error = q.value(10).toString();
            d.attempts.append(a);
        }
    }
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(u"SELECT time, state, detail FROM events WHERE message_id = ? ORDER BY id"_s);
        q.addBindValue(id);
        if (!q.exec())
            return failed(q);
        while (q.next())
            d.events.append(
                EventInfo{q.value(0).toLongLong(), q.value(1).toString(),
                          QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object()});
    }
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(u"SELECT dlq_id, created_at, response_status, error FROM dlq "
                  "WHERE message_id = ? ORDER BY created_at DESC LIMIT 1"_s);
        q.addBindValue(id);
        // An older schema without the DLQ table is not an error for the inspector.
        if (q.exec() && q.next())
            d.dlq = DlqInfo{q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toInt(),
                            q.value(3).toString()};
    }
    return d;
}

SignatureCheck checkSignature(const Broker::AttemptRecord &attempt, const QByteArray &body,
                              const Broker::SigningKeys &keys)
{
    SignatureCheck check;
    for (const auto &[name, value] : attempt.requestHeaders) {
        if (name.compare("Upstash-Signature", Qt::CaseInsensitive) == 0) {
            check.present = true;
            check.token = value;
        }
    }
    if (!check.present)
        return check;
    const qint64 at = attempt.startedAt / 1000;
    const QString url = QString::fromUtf8(attempt.url);
    check.verdict = Broker::Jwt::verify(check.token, keys.current, body, url, at);
    if (check.verdict.signatureValid) {
        check.matchingKey = u"current"_s;
        return check;
    }
    // Receivers try the next key too (the key was rotated since, or will be).
    const Broker::Jwt::Verdict next = Broker::Jwt::verify(check.token, keys.next, body, url, at);
    if (next.signatureValid) {
        check.verdict = next;
        check.matchingKey = u"next"_s;
    }
    return check;
}

} // namespace Dashboard
