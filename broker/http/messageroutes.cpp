#include "delivery/deliveryservice.h"
#include "httpingress.h"
#include "jsonviews.h"
#include "routes.h"
#include "store/messagestore.h"
#include "store/writebatcher.h"

#include <QJsonObject>

namespace Broker {

void registerMessageRoutes(HttpIngress &ingress, const RouteContext &ctx)
{
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
