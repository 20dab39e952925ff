// Flow control (qstash-api.md §12): inspect keys, pause/resume, pin/unpin limits, reset the rate
// window, and the global parallelism figure.

#include "core/clock.h"
#include "delivery/deliveryservice.h"
#include "delivery/gates.h"
#include "httpingress.h"
#include "routes.h"
#include "store/writebatcher.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Broker {

namespace {

QJsonObject flowJson(Gates *gates, const QString &key)
{
    const Gates::FlowConfig c = gates->flowConfig(key).value_or(Gates::FlowConfig{});
    const Gates::FlowStats s = gates->flowStats(key);
    return QJsonObject{{QStringLiteral("flowControlKey"), key},
                       {QStringLiteral("waitListSize"), s.waiting},
                       {QStringLiteral("parallelismMax"), c.parallelism},
                       {QStringLiteral("parallelismCount"), s.active},
                       {QStringLiteral("rateMax"), c.rate},
                       {QStringLiteral("rateCount"), s.rateCount},
                       {QStringLiteral("ratePeriod"), c.periodMs / 1000},
                       {QStringLiteral("ratePeriodStart"), s.windowStartMs / 1000},
                       {QStringLiteral("isPaused"), c.paused},
                       {QStringLiteral("isPinnedParallelism"), c.pinnedParallelism},
                       {QStringLiteral("isPinnedRate"), c.pinnedRate}};
}

using Change = std::function<Status(Gates::FlowConfig &config, const ApiRequest &request)>;

// Applies a change to a known key, stores it, answers 200.
void change(const RouteContext &ctx, ApiRequest &request, const ReplyPtr &reply, const Change &fn)
{
    Gates *gates = ctx.delivery->gates();
    const QString key = request.params.value(0);
    auto config = gates->flowConfig(key);
    if (!config) {
        reply->error(notFound(QStringLiteral("flow control key %1 not found").arg(key)));
        return;
    }
    if (auto st = fn(*config, request); !st) {
        reply->error(st.error());
        return;
    }
    gates->configureFlow(key, *config);
    ctx.delivery->persistFlow(key);
    ctx.batcher->flush();
    reply->json(200, QJsonObject());
}

Status readPositive(const ApiRequest &request, const QString &name, int *out)
{
    const QString v = request.queryValue(name);
    if (v.isEmpty())
        return Ok{};
    bool ok = false;
    const int n = v.toInt(&ok);
    if (!ok || n < 0)
        return badRequest(QStringLiteral("invalid %1: %2 (a non-negative integer)").arg(name, v));
    *out = n;
    return Ok{};
}

} // namespace

void registerFlowControlRoutes(HttpIngress &ingress, const RouteContext &ctx)
{
    ingress.route("GET", QStringLiteral("/v2/flowControl"),
                  [ctx](ApiRequest &request, const ReplyPtr &reply) {
                      const QString search = request.queryValue(QStringLiteral("search"));
                      QJsonArray out;
                      QStringList keys = ctx.delivery->gates()->flowKeys();
                      keys.sort();
                      for (const QString &key : keys) {
                          if (search.isEmpty() || key.contains(search, Qt::CaseInsensitive))
                              out.append(flowJson(ctx.delivery->gates(), key));
                      }
                      reply->json(200, out);
                  });
    ingress.route("GET", QStringLiteral("/v2/flowControl/:key"),
                  [ctx](ApiRequest &request, const ReplyPtr &reply) {
                      const QString key = request.params.value(0);
                      if (!ctx.delivery->gates()->flowConfig(key)) {
                          reply->error(
                              notFound(QStringLiteral("flow control key %1 not found").arg(key)));
                          return;
                      }
                      reply->json(200, flowJson(ctx.delivery->gates(), key));
                  });
    ingress.route("POST", QStringLiteral("/v2/flowControl/:key/pause"),
                  [ctx](ApiRequest &request, const ReplyPtr &reply) {
                      change(ctx, request, reply, [](Gates::FlowConfig &c, const ApiRequest &) {
                          c.paused = true;
                          return Status(Ok{});
                      });
                  });
    ingress.route("POST", QStringLiteral("/v2/flowControl/:key/resume"),
                  [ctx](ApiRequest &request, const ReplyPtr &reply) {
                      change(ctx, request, reply, [](Gates::FlowConfig &c, const ApiRequest &) {
                          c.paused = false;
                          return Status(Ok{});
                      });
                  });
    const auto resetRate = [ctx](ApiRequest &request, const ReplyPtr &reply) {
        change(ctx, request, reply,
               [](Gates::FlowConfig &, const ApiRequest &) { return Status(Ok{}); });
        ctx.delivery->gates()->resetRate(request.params.value(0));
    };
    ingress.route("POST", QStringLiteral("/v2/flowControl/:key/resetRate"), resetRate);
    ingress.route("POST", QStringLiteral("/v2/flowControl/:key/reset"), resetRate);
    ingress.route("POST", QStringLiteral("/v2/flowControl/:key/pin"),
                  [ctx](ApiRequest &request, const ReplyPtr &reply) {
                      change(ctx, request, reply,
                             [](Gates::FlowConfig &c, const ApiRequest &r) -> Status {
                                 int parallelism = -1, rate = -1, period = -1;
                                 for (const auto &[name, target] :
                                      {std::pair{QStringLiteral("parallelism"), &parallelism},
                                       std::pair{QStringLiteral("rate"), &rate},
                                       std::pair{QStringLiteral("period"), &period}}) {
                                     if (auto st = readPositive(r, name, target); !st)
                                         return st;
                                 }
                                 if (parallelism >= 0) {
                                     c.parallelism = parallelism;
                                     c.pinnedParallelism = true;
                                 }
                                 if (rate >= 0) {
                                     c.rate = rate;
                                     c.pinnedRate = true;
                                 }
                                 if (period > 0)
                                     c.periodMs = qint64(period) * 1000;
                                 return Ok{};
                             });
                      ctx.delivery->gates()->resetRate(request.params.value(0));
                  });
    ingress.route("POST", QStringLiteral("/v2/flowControl/:key/unpin"),
                  [ctx](ApiRequest &request, const ReplyPtr &reply) {
                      change(ctx, request, reply, [](Gates::FlowConfig &c, const ApiRequest &r) {
                          // Limits keep their pinned values until a new message brings its own.
                          if (r.queryValue(QStringLiteral("parallelism")) == QStringLiteral("true"))
                              c.pinnedParallelism = false;
                          if (r.queryValue(QStringLiteral("rate")) == QStringLiteral("true"))
                              c.pinnedRate = false;
                          return Status(Ok{});
                      });
                  });
    ingress.route("GET", QStringLiteral("/v2/globalParallelism"),
                  [ctx](ApiRequest &, const ReplyPtr &reply) {
                      reply->json(200, QJsonObject{{QStringLiteral("parallelismMax"), 0},
                                                   {QStringLiteral("parallelismCount"),
                                                    ctx.delivery->gates()->activeRequests()}});
                  });
}

} // namespace Broker
