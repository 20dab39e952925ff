// Schedules, qstash-api.md §8: create or replace (`POST /v2/schedules/<destination>` with
// Upstash-Cron), list, get, delete, pause and resume (PATCH as the SDKs send, POST as the OpenAPI
// file documents). The create request's publish headers and body become the schedule's template.

#include "core/clock.h"
#include "core/ids.h"
#include "httpingress.h"
#include "jsonviews.h"
#include "publishparser.h"
#include "routes.h"
#include "scheduling/scheduleservice.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace Broker {

namespace {

bool validId(const QString &id)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9._-]{1,256}$"));
    return re.match(id).hasMatch();
}

bool isTrue(const QByteArray &value)
{
    const QByteArray v = value.trimmed().toLower();
    return v == "true" || v == "1";
}

// Request headers plus `upstash-*` query parameters (a header of the same name wins), as
// parsePublish reads them.
HeaderList effectiveHeaders(const ApiRequest &request)
{
    HeaderList out = request.headers;
    for (const auto &[key, value] : request.query) {
        const QByteArray lower = key.toLower().toUtf8();
        if (lower.startsWith("upstash-") && !request.hasHeader(lower))
            out.append({key.toUtf8(), value.toUtf8()});
    }
    return out;
}

QByteArray lastValue(const HeaderList &headers, QByteArrayView name)
{
    QByteArray found;
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            found = value.trimmed();
    }
    return found;
}

// What a tick re-parses: Content-Type and the publish headers. Not kept: the schedule's own
// headers, credentials, telemetry, and what has no meaning for a recurring message (a fixed
// not-before; a deduplication id would swallow every tick after the first).
HeaderList templateHeaders(const HeaderList &effective)
{
    static const QByteArrayList dropped = {
        "upstash-cron",       "upstash-schedule-id",      "upstash-queue-name",
        "upstash-not-before", "upstash-deduplication-id", "upstash-content-based-deduplication"};
    const bool forwardAll = isTrue(lastValue(effective, "upstash-header-forward"));
    HeaderList out;
    for (const auto &[name, value] : effective) {
        const QByteArray lower = name.toLower();
        if (lower == "content-type") {
            out.append({name, value});
        } else if (lower.startsWith("upstash-")) {
            if (!dropped.contains(lower) && !lower.startsWith("upstash-telemetry-"))
                out.append({name, value});
        } else if (forwardAll && !isHopOrTransportHeader(lower)) {
            out.append({name, value}); // webhook mode forwards the caller's own headers
        }
    }
    return out;
}

// The keys of a message view that describe a schedule's produced messages as well.
const QStringList kTemplateKeys = {
    QStringLiteral("header"),
    QStringLiteral("body"),
    QStringLiteral("bodyBase64"),
    QStringLiteral("callback"),
    QStringLiteral("failureCallback"),
    QStringLiteral("callbackHeader"),
    QStringLiteral("failureCallbackHeader"),
    QStringLiteral("flowControlKey"),
    QStringLiteral("parallelism"),
    QStringLiteral("rate"),
    QStringLiteral("period"),
    QStringLiteral("retryDelayExpression"),
    QStringLiteral("label"),
    QStringLiteral("labels"),
    QStringLiteral("timeout"),
};

QJsonObject scheduleJson(const RouteContext &ctx, const Schedule &s)
{
    QJsonObject o;
    o.insert(QStringLiteral("scheduleId"), s.id);
    o.insert(QStringLiteral("cron"), s.cron);
    o.insert(QStringLiteral("createdAt"), s.createdAt);
    o.insert(QStringLiteral("updatedAt"), s.updatedAt);
    o.insert(QStringLiteral("destination"), s.destination);
    o.insert(QStringLiteral("isPaused"), s.paused);

    ApiRequest request;
    request.method = "POST";
    request.headers = s.headers;
    request.body = s.body;
    request.remoteIp = s.callerIp;
    const auto parsed = parsePublish(request, s.destination, *ctx.config, ctx.clock->nowMs());
    if (parsed) {
        const Message &m = parsed->message;
        o.insert(QStringLiteral("method"), QString::fromLatin1(m.method));
        o.insert(QStringLiteral("retries"), m.maxRetries);
        if (parsed->delayMs > 0)
            o.insert(QStringLiteral("delay"), parsed->delayMs / 1000);
        const QJsonObject view = Json::message(m);
        for (const QString &key : kTemplateKeys) {
            if (view.contains(key))
                o.insert(key, view.value(key));
        }
    } else {
        // Stored under an older configuration that no longer accepts it: show why.
        o.insert(QStringLiteral("method"), QStringLiteral("POST"));
        o.insert(QStringLiteral("retries"), ctx.config->defaultRetries);
        o.insert(QStringLiteral("error"), parsed.error().message);
    }
    if (!s.queueName.isEmpty())
        o.insert(QStringLiteral("queueName"), s.queueName);
    if (!s.callerIp.isEmpty()) {
        o.insert(QStringLiteral("callerIp"), s.callerIp);
        o.insert(QStringLiteral("callerIP"), s.callerIp);
    }
    if (s.lastFire > 0)
        o.insert(QStringLiteral("lastScheduleTime"), s.lastFire);
    if (s.nextFire >= 0)
        o.insert(QStringLiteral("nextScheduleTime"), s.nextFire);
    if (!s.lastStates.isEmpty())
        o.insert(QStringLiteral("lastScheduleStates"), s.lastStates);
    if (!s.error.isEmpty())
        o.insert(QStringLiteral("error"), s.error);
    return o;
}

void create(const RouteContext &ctx, const ApiRequest &request, const ReplyPtr &reply)
{
    const HeaderList effective = effectiveHeaders(request);
    const QByteArray cron = lastValue(effective, "upstash-cron");
    if (cron.isEmpty()) {
        reply->error(badRequest(QStringLiteral("missing Upstash-Cron header: a cron expression "
                                               "such as \"*/5 * * * *\"")));
        return;
    }
    Schedule s;
    s.id = QString::fromUtf8(lastValue(effective, "upstash-schedule-id"));
    if (s.id.isEmpty()) {
        s.id = QStringLiteral("scd_") + Ids::randomBase58(26);
    } else if (!validId(s.id)) {
        reply->error(badRequest(QStringLiteral("invalid Upstash-Schedule-Id header value '%1': use "
                                               "1 to 256 letters, digits, '.', '_' or '-'")
                                    .arg(s.id.left(200))));
        return;
    }
    s.queueName = QString::fromUtf8(lastValue(effective, "upstash-queue-name"));
    if (!s.queueName.isEmpty() && !validId(s.queueName)) {
        reply->error(badRequest(QStringLiteral("invalid Upstash-Queue-Name header value '%1': use "
                                               "letters, digits, '.', '_' or '-'")
                                    .arg(s.queueName.left(200))));
        return;
    }
    s.cron = QString::fromUtf8(cron);
    s.destination = rebuildDestination(request.rest, request.rawQuery);
    s.callerIp = request.remoteIp;
    s.headers = templateHeaders(effective);
    s.body = request.body;

    // Everything a tick would reject is rejected now, with the same messages as a publish.
    ApiRequest probe;
    probe.method = "POST";
    probe.headers = s.headers;
    probe.body = s.body;
    probe.remoteIp = s.callerIp;
    if (auto parsed = parsePublish(probe, s.destination, *ctx.config, ctx.clock->nowMs());
        !parsed) {
        reply->error(parsed.error());
        return;
    }
    const QString id = s.id;
    ctx.schedules->upsert(std::move(s), [reply, id](const Status &st) {
        if (!st)
            reply->error(st.error());
        else
            reply->json(200, QJsonObject{{QStringLiteral("scheduleId"), id}});
    });
}

void answerStatus(const ReplyPtr &reply, const Status &st)
{
    if (!st)
        reply->error(st.error());
    else
        reply->empty(200);
}

} // namespace

void registerScheduleRoutes(HttpIngress &ingress, const RouteContext &ctx)
{
    // Before the create route: `<id>/pause` would otherwise read as a destination.
    for (const char *method : {"PATCH", "POST"}) {
        for (const bool pause : {true, false}) {
            ingress.route(method,
                          pause ? QStringLiteral("/v2/schedules/:id/pause")
                                : QStringLiteral("/v2/schedules/:id/resume"),
                          [ctx, pause](ApiRequest &request, const ReplyPtr &reply) {
                              ctx.schedules->setPaused(
                                  request.params.value(0), pause,
                                  [reply](const Status &st) { answerStatus(reply, st); });
                          });
        }
    }
    ingress.route(
        "POST", QStringLiteral("/v2/schedules/*"),
        [ctx](ApiRequest &request, const ReplyPtr &reply) { create(ctx, request, reply); });
    ingress.route("GET", QStringLiteral("/v2/schedules"),
                  [ctx](ApiRequest &, const ReplyPtr &reply) {
                      QJsonArray out;
                      for (const Schedule &s : ctx.schedules->schedules())
                          out.append(scheduleJson(ctx, s));
                      reply->json(200, out);
                  });
    ingress.route(
        "GET", QStringLiteral("/v2/schedules/:id"),
        [ctx](ApiRequest &request, const ReplyPtr &reply) {
            const auto s = ctx.schedules->schedule(request.params.value(0));
            if (!s) {
                reply->error(
                    notFound(QStringLiteral("schedule %1 not found").arg(request.params.value(0))));
                return;
            }
            reply->json(200, scheduleJson(ctx, *s));
        });
    ingress.route("DELETE", QStringLiteral("/v2/schedules/:id"),
                  [ctx](ApiRequest &request, const ReplyPtr &reply) {
                      ctx.schedules->remove(request.params.value(0),
                                            [reply](const Status &st) { answerStatus(reply, st); });
                  });
}

} // namespace Broker
