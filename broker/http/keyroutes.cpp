#include "httpingress.h"
#include "routes.h"
#include "signing/keyring.h"
#include "store/messagestore.h"
#include "store/writebatcher.h"

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
    ctx.batcher->submit(
        [ctx, fresh](QSqlDatabase &db, QString *error) {
            return ctx.store->setKv(db, QLatin1String(KeyRing::CurrentKey), fresh.current, error) &&
                   ctx.store->setKv(db, QLatin1String(KeyRing::NextKey), fresh.next, error);
        },
        [ctx, fresh, reply](bool ok, const QString &error) {
            if (!ok) {
                reply->error(ApiError{ErrorCode::StorageFailed,
                                      QStringLiteral("keys not rotated: %1").arg(error)});
                return;
            }
            ctx.keys->set(fresh);
            if (ctx.keysRotated)
                ctx.keysRotated(fresh);
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
