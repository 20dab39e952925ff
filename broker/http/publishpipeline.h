#pragma once
// From a parsed publish to stored messages and QStash's answer, shared by publish, enqueue, batch
// and schedule ticks: resolves a URL group into one message per endpoint (§7, §13.6), stores
// everything in one accept() and shapes the response (§3.3).

#include "apirequest.h"
#include "delivery/deliveryservice.h"
#include "publishparser.h"
#include "scheduling/scheduleservice.h"

#include <QJsonValue>

#include <functional>

namespace Broker {

struct RouteContext;

// The messages one publish produces, before they are stored.
struct PublishPlan
{
    QList<Message> messages;
    bool group = false; // answered as an array, one element per endpoint
};

struct PublishOutcome
{
    QByteArray response;       // JSON: an object for a URL, an array for a URL group
    bool deduplicated = false; // every message was a duplicate: answered 202
    QList<QString> messageIds; // ids of the messages stored now (duplicates excluded)
    QList<DeliveryService::Accepted> accepted; // one per message, in plan order
};

// Resolves the destination: a URL gives one message; a group name gives one per endpoint, each
// with its own id, topicName, endpointName and url, and a dedup key made per endpoint so each
// endpoint's copy deduplicates on its own. queueName (may be empty) is set on every message.
// An unknown group is a 404.
Result<PublishPlan> planPublish(const RouteContext &ctx, const PublishRequest &parsed,
                                const QString &queueName);

// The answer for one plan as JSON text, given its slice of accept()'s results (same order as
// plan.messages).
QByteArray publishResponse(const PublishPlan &plan,
                           const QList<DeliveryService::Accepted> &accepted);

// planPublish + one accept() + publishResponse. `done` runs after the commit (or its failure).
void publishParsed(const RouteContext &ctx, const PublishRequest &parsed, const QString &queueName,
                   std::function<void(Result<PublishOutcome>)> done);

// Answers an HTTP request with publishParsed's outcome: 200, or 202 when deduplicated.
void replyPublished(const ReplyPtr &reply, const Result<PublishOutcome> &outcome);

// How a schedule tick produces its messages: re-parses the stored template at the tick's time
// exactly as a publish would, marks the messages with the schedule id, and publishes them.
ScheduleService::Producer scheduleProducer(const RouteContext &ctx);

} // namespace Broker
