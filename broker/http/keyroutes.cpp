#include "httpingress.h"
#include "routes.h"
#include "signing/keyring.h"

#include <QJsonObject>

namespace Broker {

namespace {

QJsonObject keysJson(const SigningKeys &keys)
{
    return QJsonObject{{QStringLiteral("current"), keys.current},
                       {QStringLiteral("next"), keys.next}};
}

void rotate(const RouteContext &ctx, const ReplyPtr &reply)
{
    const SigningKeys fresh = ctx.keys->rotated();
    ctx.replaceKeys(fresh, [fresh, reply](Status st) {
        if (!st)
            reply->error(st.error());
        else
            reply->json(200, keysJson(fresh));
    });
}

} // namespace

void registerKeyRoutes(HttpIngress &ingress, const RouteContext &ctx)
{
    ingress.route("GET", QStringLiteral("/v2/keys"), [ctx](ApiRequest &, const ReplyPtr &reply) {
        reply->json(200, keysJson(ctx.keys->keys()));
    });
    ingress.route("POST", QStringLiteral("/v2/keys/rotate"),
                  [ctx](ApiRequest &, const ReplyPtr &reply) { rotate(ctx, reply); });
    // The Go SDK calls this path (an SDK bug); aliased so it works.
    ingress.route("POST", QStringLiteral("/v2/rotate"),
                  [ctx](ApiRequest &, const ReplyPtr &reply) { rotate(ctx, reply); });
}

} // namespace Broker
