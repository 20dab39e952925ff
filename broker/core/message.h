#pragma once
// The message as the broker stores and delivers it, its lifecycle states, and the log event
// states of qstash-api.md §10.3.

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Broker {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// Where a message is in its life. Stored as text in messages.state.
enum class MessageState {
    Pending,   // accepted, waiting for its due time or for a delivery slot
    Active,    // an attempt is in flight
    Retry,     // an attempt failed, the next one is scheduled
    Delivered, // final: 2xx
    Failed,    // final: retries exhausted or non-retryable
    Canceled,  // final: cancelled through the API
};

QString stateName(MessageState state);
MessageState stateFromName(QStringView name);
bool isFinal(MessageState state);
// Go's canonical header form, as QStash answers: "content-type" -> "Content-Type".
QString canonicalHeaderName(const QByteArray &name);
// Every byte below 0x80 (then Latin-1 and UTF-8 read it alike).
bool isAscii(const QByteArray &bytes);

// Log event states exactly as the SDKs parse them (Python raises on anything else).
namespace EventState {
inline constexpr auto Created = "CREATED";
inline constexpr auto Active = "ACTIVE";
inline constexpr auto Delivered = "DELIVERED";
inline constexpr auto Error = "ERROR";
inline constexpr auto Retry = "RETRY";
inline constexpr auto Failed = "FAILED";
inline constexpr auto CancelRequested = "CANCEL_REQUESTED";
inline constexpr auto Canceled = "CANCELED";
} // namespace EventState

struct Message
{
    QString id;
    QByteArray url;     // destination, exactly as given (still percent-encoded)
    QByteArray method;  // GET POST PUT DELETE PATCH
    HeaderList headers; // delivered headers: forwarded (prefix stripped) + Content-Type, wire order
    QByteArray body;
    qint64 createdAt = 0; // unix ms
    qint64 notBefore = 0; // unix ms, first attempt not before this
    qint64 dueAt = 0;     // unix ms, next attempt not before this
    int maxRetries = 3;
    int retried = 0; // retries performed so far
    qint64 timeoutMs = 0;
    MessageState state = MessageState::Pending;

    QStringList labels;
    QString topicName;
    QString endpointName;
    QString queueName;
    QString scheduleId;
    QString callerIp;
    QString flowControlKey;
    QString deduplicationId;
    // Deduplication key ("id:<Upstash-Deduplication-Id>" or "content:<sha256>"), "" for none.
    QString dedupKey;

    // Options that only some features read (retry delay expression, callbacks and their options,
    // redaction, flow-control values...). Stored as JSON so adding one needs no migration.
    QJsonObject options;

    QString option(const char *key) const;
};

} // namespace Broker
