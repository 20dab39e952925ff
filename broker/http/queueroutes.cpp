// Queues (qstash-api.md §4): upsert, get (with lag), list, delete, pause, resume, and
// `POST /v2/enqueue/{queue}/{destination}`, which creates a missing queue with parallelism 1.

#include "core/clock.h"
#include "delivery/deliveryservice.h"
#include "delivery/gates.h"
#include "httpingress.h"
#include "publishparser.h"
#include "publishpipeline.h"
#include "routes.h"
#include "store/gatestore.h"
#include "store/writebatcher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace Broker {

namespace {

constexpr int kMaxParallelism = 1000;

bool validQueueName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9._-]{1,256}$"));
    return re.match(name).hasMatch();
}

QJsonObject queueJson(const RouteContext &ctx, const QueueRow &q)
{
    return QJsonObject{{QStringLiteral("name"), q.name},
                       {QStringLiteral("parallelism"), q.parallelism},
                       {QStringLiteral("createdAt"), q.createdAt},
                       {QStringLiteral("updatedAt"), q.updatedAt},
                       {QStringLiteral("lag"), ctx.gateStore->queueLag(q.name)},
                       {QStringLiteral("paused"), q.paused}};
}

// Stores the queue row, then applies it to the gates; answers after the commit.
void saveQueue(const RouteContext &ctx, const QueueRow &row, std::function<void(Status)> done)
{
    GateStore *store = ctx.gateStore;
    Gates *gates = ctx.delivery->gates();
    ctx.batcher->submit(
        [store, row](QSqlDatabase &db, QString *error) {
            return store->upsertQueue(db, row, error);
        },
        [gates, row, done](bool ok, const QString &error) {
            if (!ok) {
                done(ApiError{ErrorCode::StorageFailed, error});
                return;
            }
            gates->configureQueue(row.name, Gates::QueueConfig{row.parallelism, row.paused});
            done(Ok{});
        });
}

void setPaused(const RouteContext &ctx, const QString &name, bool paused, const ReplyPtr &reply)
{
    ctx.batcher->flush();
    auto row = ctx.gateStore->queue(name);
    if (!row) {
        reply->error(notFound(QStringLiteral("queue %1 not found").arg(name)));
        return;
    }
    row->paused = paused;
    row->updatedAt = ctx.clock->nowMs();
    saveQueue(ctx, *row, [reply](Status st) {
        if (st)
            reply->json(200, QJsonObject());
        else
            reply->error(st.error());
    });
}

} // namespace

void registerQueueRoutes(HttpIngress &ingress, const RouteContext &ctx)
{
    ingress.route(
        "POST", QStringLiteral("/v2/queues"), [ctx](ApiRequest &request, const ReplyPtr &reply) {
            QJsonParseError err;
            const QJsonDocument doc = QJsonDocument::fromJson(request.body, &err);
            if (err.error != QJsonParseError::NoError || !doc.isObject()) {
                reply->error(
                    badRequest(QStringLiteral("invalid JSON body: expected "
                                              "{\"queueName\", \"parallelism\", \"paused\"}")));
                return;
            }
            const QJsonObject o = doc.object();
            const QString name = o.value(QStringLiteral("queueName")).toString();
            if (!validQueueName(name)) {
                reply->error(badRequest(
                    QStringLiteral("invalid queueName '%1': use [A-Za-z0-9._-]").arg(name)));
                return;
            }
            ctx.batcher->flush();
            QueueRow row = ctx.gateStore->queue(name).value_or(
                QueueRow{name, 1, false, ctx.clock->nowMs(), 0});
            if (o.contains(QStringLiteral("parallelism"))) {
                const QJsonValue p = o.value(QStringLiteral("parallelism"));
                if (!p.isDouble() || p.toDouble() < 1 || p.toDouble() != std::floor(p.toDouble())) {
                    reply->error(badRequest(QStringLiteral("parallelism must be an integer >= 1")));
                    return;
                }
                if (p.toDouble() > kMaxParallelism) {
                    reply->error(ApiError{ErrorCode::QuotaExceeded,
                                          QStringLiteral("parallelism above the maximum of %1")
                                              .arg(kMaxParallelism)});
                    return;
                }
                row.parallelism = p.toInt();
            }
            if (o.contains(QStringLiteral("paused"))) {
                if (!o.value(QStringLiteral("paused")).isBool()) {
                    reply->error(badRequest(QStringLiteral("paused must be true or false")));
                    return;
                }
                row.paused = o.value(QStringLiteral("paused")).toBool();
            }
            row.updatedAt = ctx.clock->nowMs();
            saveQueue(ctx, row, [reply](Status st) {
                if (st)
                    reply->json(200, QJsonObject());
                else
                    reply->error(st.error());
            });
        });
    ingress.route("GET", QStringLiteral("/v2/queues"), [ctx](ApiRequest &, const ReplyPtr &reply) {
        ctx.batcher->flush();
        QJsonArray out;
        for (const QueueRow &q : ctx.gateStore->queues())
            out.append(queueJson(ctx, q));
        reply->json(200, out);
    });
    ingress.route("GET", QStringLiteral("/v2/queues/:name"),
                  [ctx](ApiRequest &request, const ReplyPtr &reply) {
                      ctx.batcher->flush();
                      const auto q = ctx.gateStore->queue(request.params.value(0));
                      if (!q)
                          reply->error(notFound(
                              QStringLiteral("queue %1 not found").arg(request.params.value(0))));
                      else
                          reply->json(200, queueJson(ctx, *q));
                  });
    ingress.route("DELETE", QStringLiteral("/v2/queues/:name"),
                  [ctx](ApiRequest &request, const ReplyPtr &reply) {
                      ctx.batcher->flush();
                      const QString name = request.params.value(0);
                      if (!ctx.gateStore->queue(name)) {
                          reply->error(notFound(QStringLiteral("queue %1 not found").arg(name)));
                          return;
                      }
                      // Messages already enqueued stay and are still delivered in order, one at a
                      // time (the default of an implicit queue); nothing accepted is dropped by
                      // deleting its queue.
                      GateStore *store = ctx.gateStore;
                      Gates *gates = ctx.delivery->gates();
                      ctx.batcher->submit(
                          [store, name](QSqlDatabase &db, QString *error) {
                              return store->deleteQueue(db, name, error);
                          },
                          [gates, name, reply](bool ok, const QString &error) {
                              if (!ok) {
                                  reply->error(ApiError{ErrorCode::StorageFailed, error});
                                  return;
                              }
                              gates->configureQueue(name, Gates::QueueConfig{});
                              reply->json(200, QJsonObject());
                          });
                  });
    ingress.route("POST", QStringLiteral("/v2/queues/:name/pause"),
                  [ctx](ApiRequest &request, const ReplyPtr &reply) {
                      setPaused(ctx, request.params.value(0), true, reply);
                  });
    ingress.route("POST", QStringLiteral("/v2/queues/:name/resume"),
                  [ctx](ApiRequest &request, const ReplyPtr &reply) {
                      setPaused(ctx, request.params.value(0), false, reply);
                  });
    ingress.route(
        "POST", QStringLiteral("/v2/enqueue/:queue/*"),
        [ctx](ApiRequest &request, const ReplyPtr &reply) {
            const QString queue = request.params.value(0);
            if (!validQueueName(queue)) {
                reply->error(badRequest(
                    QStringLiteral("invalid queue name '%1': use [A-Za-z0-9._-]").arg(queue)));
                return;
            }
            const QString destination = rebuildDestination(request.rest, request.rawQuery);
            auto parsed = parsePublish(request, destination, *ctx.config, ctx.clock->nowMs());
            if (!parsed) {
                reply->error(parsed.error());
                return;
            }
            const auto publish = [ctx, reply, queue, parsed = parsed.value()] {
                publishParsed(ctx, parsed, queue,
                              [reply](Result<PublishOutcome> r) { replyPublished(reply, r); });
            };
            ctx.batcher->flush();
            if (ctx.gateStore->queue(queue)) {
                publish();
                return;
            }
            const qint64 now = ctx.clock->nowMs();
            saveQueue(ctx, QueueRow{queue, 1, false, now, now}, [reply, publish](Status st) {
                if (!st)
                    reply->error(st.error());
                else
                    publish();
            });
        });
}

} // namespace Broker
