#include "delivery/deliveryservice.h"
#include "httpingress.h"
#include "jsonviews.h"
#include "routes.h"
#include "store/messagestore.h"
#include "store/writebatcher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Broker {

namespace {

const QStringList kCancelFilters = {
    QStringLiteral("topicName"),      QStringLiteral("queueName"),  QStringLiteral("url"),
    QStringLiteral("host"),           QStringLiteral("path"),       QStringLiteral("label"),
    QStringLiteral("flowControlKey"), QStringLiteral("scheduleId"), QStringLiteral("callerIp"),
    QStringLiteral("callerIP"),       QStringLiteral("fromDate"),   QStringLiteral("toDate"),
};
const QStringList kCancelIgnored = {QStringLiteral("count"), QStringLiteral("messageIds"),
                                    QStringLiteral("qstash_token"), QStringLiteral("api")};

// Cancels the given messages one after another; answers {"cancelled": n} when all are done.
void cancelAll(const RouteContext &ctx, const QStringList &ids, const ReplyPtr &reply)
{
    struct Progress
    {
        qsizetype remaining;
        int cancelled = 0;
        bool failed = false;
    };
    if (ids.isEmpty()) {
        reply->json(200, QJsonObject{{QStringLiteral("cancelled"), 0}});
        return;
    }
    auto progress = std::make_shared<Progress>(Progress{ids.size()});
    for (const QString &id : ids) {
        ctx.delivery->cancel(id, [reply, progress](Result<int> r) {
            if (r)
                progress->cancelled += r.value();
            else if (r.error().code != ErrorCode::NotFound)
                progress->failed = true;
            if (--progress->remaining == 0) {
                if (progress->failed)
                    reply->error(ApiError{ErrorCode::StorageFailed,
                                          QStringLiteral("some messages could not be cancelled; "
                                                         "%1 were")
                                              .arg(progress->cancelled)});
                else
                    reply->json(200,
                                QJsonObject{{QStringLiteral("cancelled"), progress->cancelled}});
            }
        });
    }
}

} // namespace

void registerMessageRoutes(HttpIngress &ingress, const RouteContext &ctx)
{
    // Bulk cancel (§6.3): ids (query or JSON body), or filters, or everything; `count` caps it.
    ingress.route(
        "DELETE", QStringLiteral("/v2/messages"),
        [ctx](ApiRequest &request, const ReplyPtr &reply) {
            bool named = false;
            auto explicitList = explicitIds(request, QStringLiteral("messageIds"), &named);
            if (!explicitList) {
                reply->error(explicitList.error());
                return;
            }
            QStringList ids = explicitList.value();
            int count = 0;
            if (const QString c = request.queryValue(QStringLiteral("count")); !c.isEmpty()) {
                bool ok = false;
                count = c.toInt(&ok);
                if (!ok || count < 1 || count > 500) {
                    reply->error(badRequest(QStringLiteral("invalid count: %1 (1 to 500)").arg(c)));
                    return;
                }
            }
            if (ids.isEmpty()) {
                auto filter = FilterSet::fromQuery(request.query, kCancelFilters, kCancelIgnored);
                if (!filter) {
                    reply->error(filter.error());
                    return;
                }
                ctx.batcher->flush();
                auto found = ctx.store->unfinishedMatching(*filter, count);
                if (!found) {
                    reply->error(found.error());
                    return;
                }
                ids = found.value();
            } else if (count > 0 && ids.size() > count) {
                ids.resize(count);
            }
            cancelAll(ctx, ids, reply);
        });
    ingress.route("GET", QStringLiteral("/v2/messages/:id"),
                  [ctx](ApiRequest &request, const ReplyPtr &reply) {
                      ctx.batcher->flush();
                      const auto m = ctx.store->message(request.params.value(0));
                      if (!m || m->state == MessageState::Canceled) {
                          reply->error(notFound(
                              QStringLiteral("message %1 not found").arg(request.params.value(0))));
                          return;
                      }
                      reply->json(200, Json::message(*m));
                  });
    ingress.route("DELETE", QStringLiteral("/v2/messages/:id"),
                  [ctx](ApiRequest &request, const ReplyPtr &reply) {
                      ctx.delivery->cancel(request.params.value(0), [reply](Result<int> r) {
                          if (!r)
                              reply->error(r.error());
                          else
                              reply->json(200, QJsonObject{{QStringLiteral("cancelled"), *r}});
                      });
                  });
}

} // namespace Broker
