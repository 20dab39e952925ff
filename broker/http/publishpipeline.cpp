#include "publishpipeline.h"

#include "core/clock.h"
#include "core/ids.h"
#include "core/jsontext.h"
#include "routes.h"
#include "store/topicstore.h"

#include <memory>

namespace Broker {

Result<PublishPlan> planPublish(const RouteContext &ctx, const PublishRequest &parsed,
                                const QString &queueName)
{
    PublishPlan plan;
    Message base = parsed.message;
    if (!queueName.isEmpty())
        base.queueName = queueName;
    if (parsed.groupName.isEmpty()) {
        plan.messages.append(base);
        return plan;
    }
    const auto group = ctx.topics->group(parsed.groupName);
    if (!group)
        return notFound(QStringLiteral("URL group %1 not found").arg(parsed.groupName));
    plan.group = true;
    plan.messages.reserve(group->endpoints.size());
    for (const Endpoint &endpoint : group->endpoints) {
        Message m = base;
        m.id = Ids::newMessageId();
        m.url = endpoint.url.toUtf8();
        m.topicName = group->name;
        m.endpointName = endpoint.name;
        // One key per endpoint: a retried publish is a duplicate for every endpoint alike, and
        // an endpoint added since still gets its first copy.
        if (!base.dedupKey.isEmpty())
            m.dedupKey = base.dedupKey + u'|' + endpoint.url;
        plan.messages.append(m);
    }
    return plan;
}

QByteArray publishResponse(const PublishPlan &plan,
                           const QList<DeliveryService::Accepted> &accepted)
{
    // Written directly, byte-identical to the QJsonObject it replaces (keys in sorted order):
    // building and serialising that object cost more per publish than parsing the request.
    QByteArray out;
    out.reserve(16 + plan.messages.size() * 128);
    const auto element = [&](qsizetype i) {
        const DeliveryService::Accepted a = accepted.value(i);
        out += '{';
        if (a.deduplicated)
            out += "\"deduplicated\":true,";
        out += "\"messageId\":";
        JsonText::appendString(out, a.messageId);
        out += ",\"url\":";
        JsonText::appendUtf8(out, plan.messages.at(i).url);
        out += '}';
    };
    if (!plan.group) {
        if (plan.messages.isEmpty())
            out += "{}";
        else
            element(0);
        return out;
    }
    out += '[';
    for (qsizetype i = 0; i < plan.messages.size(); ++i) {
        if (i > 0)
            out += ',';
        element(i);
    }
    out += ']';
    return out;
}

void publishParsed(const RouteContext &ctx, const PublishRequest &parsed, const QString &queueName,
                   std::function<void(Result<PublishOutcome>)> done)
{
    auto planned = planPublish(ctx, parsed, queueName);
    if (!planned) {
        done(planned.error());
        return;
    }
    auto plan = std::make_shared<PublishPlan>(std::move(planned).value());
    ctx.delivery->accept(
        plan->messages,
        [plan, done = std::move(done)](const Result<QList<DeliveryService::Accepted>> &result) {
            if (!result) {
                done(result.error());
                return;
            }
            PublishOutcome out;
            out.accepted = *result;
            out.response = publishResponse(*plan, *result);
            out.deduplicated = !result->isEmpty();
            for (const DeliveryService::Accepted &a : *result) {
                if (a.deduplicated)
                    continue;
                out.deduplicated = false;
                out.messageIds.append(a.messageId);
            }
            done(out);
        });
}

void replyPublished(const ReplyPtr &reply, const Result<PublishOutcome> &outcome)
{
    if (!outcome) {
        reply->error(outcome.error());
        return;
    }
    reply->jsonBytes(outcome->deduplicated ? 202 : 200, outcome->response);
}

ScheduleService::Producer scheduleProducer(const RouteContext &ctx)
{
    return [ctx](const Schedule &schedule, ScheduleService::ProduceDone done) {
        ApiRequest request;
        request.method = "POST";
        request.headers = schedule.headers;
        request.body = schedule.body;
        request.remoteIp = schedule.callerIp; // Upstash-Caller-Ip: the schedule's creator
        auto parsed = parsePublish(request, schedule.destination, *ctx.config, ctx.clock->nowMs());
        if (!parsed) {
            done(parsed.error());
            return;
        }
        PublishRequest publish = std::move(parsed).value();
        publish.message.scheduleId = schedule.id;
        publishParsed(ctx, publish, schedule.queueName,
                      [done = std::move(done)](const Result<PublishOutcome> &outcome) {
                          if (!outcome)
                              done(outcome.error());
                          else
                              done(outcome->messageIds);
                      });
    };
}

} // namespace Broker
