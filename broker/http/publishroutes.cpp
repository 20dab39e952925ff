#include "core/clock.h"
#include "httpingress.h"
#include "publishparser.h"
#include "publishpipeline.h"
#include "routes.h"

namespace Broker {

void registerPublishRoutes(HttpIngress &ingress, const RouteContext &ctx)
{
    ingress.route(
        "POST", QStringLiteral("/v2/publish/*"), [ctx](ApiRequest &request, const ReplyPtr &reply) {
            const QString destination = rebuildDestination(request.rest, request.rawQuery);
            auto parsed = parsePublish(request, destination, *ctx.config, ctx.clock->nowMs());
            if (!parsed) {
                reply->error(parsed.error());
                return;
            }
            publishParsed(ctx, *parsed, QString(), [reply](const Result<PublishOutcome> &outcome) {
                replyPublished(reply, outcome);
            });
        });
}

} // namespace Broker
