#pragma once
// Messages, their log events and delivery attempts in SQLite. Write functions take the connection
// they run on so they can be composed inside one WriteBatcher write; reads use the store's own.

#include "core/message.h"
#include "core/result.h"
#include "filters.h"

#include "sqlutil.h"
#include <QHash>
#include <QJsonObject>
#include <QMap>

#include <QSqlQuery>

#include <memory>
#include <optional>
#include <unordered_map>

class QSqlDatabase;

namespace Broker {

class Database;

struct AttemptRecord
{
    qint64 id = 0;
    QString messageId;
    int retried = 0;
    qint64 startedAt = 0; // unix ms
    qint64 durationMs = 0;
    QByteArray url;
    QByteArray method;
    HeaderList requestHeaders;
    int status = 0; // 0 when no HTTP response (timeout, connection error)
    HeaderList responseHeaders;
    QByteArray responseBody;
    QString error;
    // The header lists already encoded (encodeHeaders), when the caller has them; stored as
    // they are instead of encoding the lists again.
    QByteArray requestHeadersJson;
    QByteArray responseHeadersJson;
};

struct EventRecord
{
    qint64 id = 0;
    qint64 time = 0;
    QString messageId;
    QString state;
    QByteArray url;
    QString topicName;
    QString queueName;
    QString scheduleId;
    QStringList labels;
    QString flowControlKey;
    QJsonObject detail;
    // The attempt that made the event (DELIVERED, ERROR, FAILED stored since schema 6): its
    // request and response are stored there, not copied into the detail.
    std::optional<AttemptRecord> attempt;
};

struct DueEntry
{
    qint64 dueAt;
    QString id;
};

class MessageStore final
{
    Q_DISABLE_COPY_MOVE(MessageStore)
public:
    explicit MessageStore(Database *db);

    // --- writes (run inside a WriteBatcher write) ---
    bool insertMessage(QSqlDatabase &db, const Message &m, QString *error);
    bool updateState(QSqlDatabase &db, const QString &id, MessageState state, int retried,
                     qint64 dueAt, qint64 now, QString *error);
    bool appendEvent(QSqlDatabase &db, const Message &m, const char *state, qint64 time,
                     const QJsonObject &detail, QString *error);
    // The same with the detail already written as compact JSON text ("{}" when empty). An event
    // an attempt made (DELIVERED, ERROR, FAILED) names it by `attemptId` (0: none): its request
    // headers, response headers and body are stored once, in the attempt, and events() puts them
    // into the detail when it reads the event.
    bool appendEventJson(QSqlDatabase &db, const Message &m, const char *state, qint64 time,
                         const QByteArray &detailJson, qint64 attemptId, QString *error);
    // A new message's CREATED event (at its creation time) and, right after it, its ACTIVE event
    // (at `activeAt`), both with an empty detail: one statement where the message has no
    // labels, group, queue, schedule or flow key, as most have.
    bool appendCreatedAndActive(QSqlDatabase &db, const Message &m, qint64 activeAt,
                                QString *error);
    // Stores the attempt; its row id goes to *attemptId (for the events it made).
    bool insertAttempt(QSqlDatabase &db, const AttemptRecord &a, qint64 *attemptId, QString *error);
    bool setKv(QSqlDatabase &db, const QString &key, const QString &value, QString *error);
    // The message id a live deduplication key points to, if any.
    std::optional<QString> findDedup(QSqlDatabase &db, const QString &key, qint64 now);
    bool putDedup(QSqlDatabase &db, const QString &key, const QString &messageId, qint64 expiresAt,
                  QString *error);
    bool pruneDedup(QSqlDatabase &db, qint64 now, QString *error);

    // --- reads ---
    std::optional<Message> message(const QString &id);
    QList<DueEntry> dueBetween(qint64 afterExclusive, qint64 untilInclusive);
    QMap<QString, qint64> countsByState();
    QList<AttemptRecord> attempts(const QString &messageId);
    std::optional<QString> kv(const QString &key);
    // Ids of unfinished messages matching the filter (host/path matched on the parsed URL),
    // oldest first, at most `limit` (0 = no limit).
    Result<QStringList> unfinishedMatching(const FilterSet &filter, int limit);
    // Messages an attempt was in flight for when the process died.
    QList<Message> messagesInState(MessageState state);

    // Events newest first. cursor: return events with id < cursor (0 = from the newest).
    Result<QList<EventRecord>> events(const FilterSet &filter, qint64 cursor, int limit);

    static QByteArray encodeHeaders(const HeaderList &headers);
    static HeaderList decodeHeaders(const QByteArray &json);
    // A header list as read back from its column: the Latin-1 text of its JSON (bindLatin1).
    static HeaderList headersFromColumn(const QVariant &column);
    static QString encodeLabels(const QStringList &labels); // ",a,b," for instr() lookups
    static QStringList decodeLabels(const QString &stored);

private:
    QSqlQuery &prepared(QSqlDatabase &db, const char *sql)
    {
        return m_statements.prepared(db, sql);
    }
    // A write-path statement (Sql::Statement), owned by the Database; `db` is its connection.
    Sql::Statement &statement(QSqlDatabase &db, const char *sql);
    Message messageFromQuery(const QSqlQuery &q) const;

    Database *m_db;
    Sql::StatementCache m_statements;
    // Parses the message's URL for its events' url/host/path columns, unless it is the last one's.
    void prepareEventUrl(const Message &m);
    static bool isPlainForEvents(const Message &m);

    // The URL of the last event written and its bound parts (writes run on one thread).
    QByteArray m_eventUrl;
    QByteArray m_eventUrlText; // UTF-8, as bound
    QByteArray m_eventHost;
    QByteArray m_eventPath;
};

} // namespace Broker
