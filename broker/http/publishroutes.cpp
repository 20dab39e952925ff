#include "core/clock.h"
#include "delivery/deliveryservice.h"
#include "httpingress.h"
#include "publishparser.h"
#include "routes.h"

#include <QJsonObject>

namespace Broker {

void registerPublishRoutes(HttpIngress &ingress, const RouteContext &ctx)
{
    ingress.route(
        "POST", QStringLiteral("/v2/publish/*"), [ctx](ApiRequest &request, const ReplyPtr &reply) {
            const QString destination = rebuildDestination(request.rest, request.rawQuery);
            auto parsed = parsePublish(request, destination, ctx.config, ctx.clock->nowMs());
            if (!parsed) {
                reply->error(parsed.error());
                return;
            }
            if (!parsed->groupName.isEmpty()) {
                reply->error(
                    notFound(QStringLiteral("URL group %1 not found").arg(parsed->groupName)));
                return;
            }
            const Message &m = parsed->message;
            const QString url = QString::fromUtf8(m.url);
            ctx.delivery->accept(
                {m}, [reply, url](const Result<QList<DeliveryService::Accepted>> &r) {
                    if (!r) {
                        reply->error(r.error());
                        return;
                    }
                    const auto &accepted = r->constFirst();
                    QJsonObject answer{{QStringLiteral("messageId"), accepted.messageId},
                                       {QStringLiteral("url"), url}};
                    if (accepted.deduplicated)
                        answer.insert(QStringLiteral("deduplicated"), true);
                    reply->json(accepted.deduplicated ? 202 : 200, answer);
                });
        });
}

} // namespace Broker
