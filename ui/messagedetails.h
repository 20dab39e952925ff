#pragma once
// Everything the inspector shows about one message, read through the dashboard's read-only
// connection: the stored message, each delivery attempt, the log events and the DLQ entry; and
// the verdict on an attempt's `Upstash-Signature` as a receiver would reach it.

#include "core/message.h"
#include "signing/jwt.h"
#include "signing/keyring.h"
#include "store/messagestore.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QSqlDatabase>

#include <optional>

namespace Dashboard {

struct EventInfo
{
    qint64 time = 0;
    QString state;
    QJsonObject detail;
};

struct DlqInfo
{
    QString dlqId;
    qint64 createdAt = 0;
    int responseStatus = 0;
    QString error;
};

struct MessageDetails
{
    Broker::Message message;
    qint64 updatedAt = 0;
    QList<Broker::AttemptRecord> attempts; // oldest first
    QList<EventInfo> events;               // oldest first
    std::optional<DlqInfo> dlq;
};

// nullopt when the message is not (or no longer) stored; `error` says why a read failed.
std::optional<MessageDetails> loadMessageDetails(const QSqlDatabase &db, const QString &id,
                                                 QString *error = nullptr);
// Reads a `messages` row selected with all columns in table order, starting at `first`.
Broker::Message messageFromRow(const QSqlQuery &query, int first = 0);

struct SignatureCheck
{
    bool present = false;
    QByteArray token;
    Broker::Jwt::Verdict verdict;
    // Which key the signature verifies with: "current", "next", or "" (neither).
    QString matchingKey;
};

// Verifies the attempt's token against the signing keys (current first, then next), the
// delivered body and URL, at the attempt's start time.
SignatureCheck checkSignature(const Broker::AttemptRecord &attempt, const QByteArray &body,
                              const Broker::SigningKeys &keys);

} // namespace Dashboard
