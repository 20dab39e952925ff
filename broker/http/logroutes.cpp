#include "httpingress.h"
#include "jsonviews.h"
#include "routes.h"
#include "store/messagestore.h"
#include "store/writebatcher.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Broker {

namespace {

const QStringList kLogFilters = {
    QStringLiteral("messageId"),  QStringLiteral("messageIds"), QStringLiteral("state"),
    QStringLiteral("url"),        QStringLiteral("topicName"),  QStringLiteral("queueName"),
    QStringLiteral("scheduleId"), QStringLiteral("label"),      QStringLiteral("flowControlKey"),
    QStringLiteral("callerIp"),   QStringLiteral("callerIP"),   QStringLiteral("host"),
    QStringLiteral("path"),       QStringLiteral("fromDate"),   QStringLiteral("toDate"),
};
const QStringList kLogIgnored = {QStringLiteral("cursor"), QStringLiteral("count"),
                                 QStringLiteral("api"),    QStringLiteral("qstash_token"),
                                 QStringLiteral("order"),  QStringLiteral("trimBody"),
                                 QStringLiteral("groupBy")};

void listEvents(const RouteContext &ctx, const ApiRequest &request, const ReplyPtr &reply)
{
    auto filter = FilterSet::fromQuery(request.query, kLogFilters, kLogIgnored);
    if (!filter) {
        reply->error(filter.error());
        return;
    }
    qint64 cursor = 0;
    if (const QString c = request.queryValue(QStringLiteral("cursor")); !c.isEmpty()) {
        bool ok = false;
        cursor = c.toLongLong(&ok);
        if (!ok || cursor < 0) {
            reply->error(badRequest(QStringLiteral("invalid cursor: %1").arg(c)));
            return;
        }
    }
    int count = 100;
    if (const QString c = request.queryValue(QStringLiteral("count")); !c.isEmpty()) {
        bool ok = false;
        count = c.toInt(&ok);
        if (!ok || count < 1 || count > 1000) {
            reply->error(badRequest(QStringLiteral("invalid count: %1 (1 to 1000)").arg(c)));
            return;
        }
    }
    ctx.batcher->flush();
    auto events = ctx.store->events(*filter, cursor, count + 1);
    if (!events) {
        reply->error(events.error());
        return;
    }
    QList<EventRecord> list = std::move(events).value();
    const bool more = list.size() > count;
    if (more)
        list.resize(count);
    QHash<QString, std::optional<Message>> messages;
    QJsonArray out;
    for (const EventRecord &e : list) {
        auto it = messages.find(e.messageId);
        if (it == messages.end())
            it = messages.insert(e.messageId, ctx.store->message(e.messageId));
        out.append(Json::event(e, it->has_value() ? &it->value() : nullptr));
    }
    QJsonObject body{{QStringLiteral("events"), out}, {QStringLiteral("logs"), out}};
    if (more)
        body.insert(QStringLiteral("cursor"), QString::number(list.constLast().id));
    reply->json(200, body);
}

} // namespace

void registerLogRoutes(HttpIngress &ingress, const RouteContext &ctx)
{
    ingress.route(
        "GET", QStringLiteral("/v2/events"),
        [ctx](ApiRequest &request, const ReplyPtr &reply) { listEvents(ctx, request, reply); });
    ingress.route(
        "GET", QStringLiteral("/v2/logs"),
        [ctx](ApiRequest &request, const ReplyPtr &reply) { listEvents(ctx, request, reply); });
}

} // namespace Broker
