// POST /v2/batch, qstash-api.md §5: a JSON array of publishes. The whole batch is validated first
// (an invalid item is an error naming its index and nothing is stored), then every message of
// every item is stored in one accept(); the answer lists the items in input order, a URL-group
// item as a nested array.

#include "core/clock.h"
#include "httpingress.h"
#include "publishparser.h"
#include "publishpipeline.h"
#include "routes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <memory>

namespace Broker {

namespace {

// Each item is a full publish; a cap keeps one request from tying up the broker thread.
constexpr qsizetype kMaxBatchItems = 1000;

ApiError atItem(qsizetype index, const ApiError &error)
{
    return ApiError{error.code, QStringLiteral("batch item %1: %2").arg(index).arg(error.message)};
}

// Builds the publish request an item describes. Header values may be a string (JS, Python) or
// an array of strings (Go marshals http.Header); body and queue may be absent, null or "".
Result<ApiRequest> itemRequest(const QJsonObject &item, const ApiRequest &outer, QString *queue,
                               QString *destination)
{
    const QJsonValue dest = item.value(QStringLiteral("destination"));
    if (!dest.isString() || dest.toString().isEmpty())
        return badRequest(QStringLiteral("'destination' is required (a URL or a URL group name)"));
    *destination = dest.toString();

    ApiRequest r;
    r.method = "POST";
    r.remoteIp = outer.remoteIp;
    const QJsonValue headers = item.value(QStringLiteral("headers"));
    if (headers.isObject()) {
        const QJsonObject map = headers.toObject();
        for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
            const QByteArray name = it.key().toLatin1();
            if (it.value().isString()) {
                r.headers.append({name, it.value().toString().toUtf8()});
                continue;
            }
            if (!it.value().isArray())
                return badRequest(QStringLiteral("header '%1' must be a string or an array of "
                                                 "strings")
                                      .arg(it.key()));
            // One header per name: the values joined as HTTP folds repeated fields, so none is
            // lost on the way to the destination.
            QByteArrayList values;
            for (const QJsonValue &v : it.value().toArray()) {
                if (!v.isString())
                    return badRequest(QStringLiteral("header '%1' must be a string or an array "
                                                     "of strings")
                                          .arg(it.key()));
                values.append(v.toString().toUtf8());
            }
            if (!values.isEmpty())
                r.headers.append({name, values.join(", ")});
        }
    } else if (!headers.isUndefined() && !headers.isNull()) {
        return badRequest(QStringLiteral("'headers' must be an object"));
    }

    const QJsonValue body = item.value(QStringLiteral("body"));
    if (body.isString())
        r.body = body.toString().toUtf8();
    else if (!body.isUndefined() && !body.isNull())
        return badRequest(QStringLiteral("'body' must be a string"));

    const QJsonValue q = item.value(QStringLiteral("queue"));
    if (q.isString()) {
        static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9._-]+$"));
        *queue = q.toString();
        if (!queue->isEmpty() && !re.match(*queue).hasMatch())
            return badRequest(QStringLiteral("invalid queue name '%1': use letters, digits, '.', "
                                             "'_' and '-' only")
                                  .arg(queue->left(200)));
    } else if (!q.isUndefined() && !q.isNull()) {
        return badRequest(QStringLiteral("'queue' must be a string"));
    }
    return r;
}

void batch(const RouteContext &ctx, const ApiRequest &request, const ReplyPtr &reply)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        reply->error(badRequest(QStringLiteral("invalid JSON body: %1 at offset %2")
                                    .arg(parseError.errorString())
                                    .arg(parseError.offset)));
        return;
    }
    if (!doc.isArray()) {
        reply->error(badRequest(QStringLiteral("expected a JSON array of {destination, headers?, "
                                               "body?, queue?}")));
        return;
    }
    const QJsonArray items = doc.array();
    if (items.size() > kMaxBatchItems) {
        reply->error(badRequest(QStringLiteral("too many batch items: %1, at most %2")
                                    .arg(items.size())
                                    .arg(kMaxBatchItems)));
        return;
    }

    const qint64 now = ctx.clock->nowMs();
    auto plans = std::make_shared<QList<PublishPlan>>();
    QList<Message> messages;
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isObject()) {
            reply->error(atItem(i, badRequest(QStringLiteral("expected an object"))));
            return;
        }
        QString queue;
        QString destination;
        auto itemReq = itemRequest(items.at(i).toObject(), request, &queue, &destination);
        if (!itemReq) {
            reply->error(atItem(i, itemReq.error()));
            return;
        }
        auto parsed = parsePublish(*itemReq, destination, *ctx.config, now);
        if (!parsed) {
            reply->error(atItem(i, parsed.error()));
            return;
        }
        auto plan = planPublish(ctx, *parsed, queue);
        if (!plan) {
            reply->error(atItem(i, plan.error()));
            return;
        }
        messages.append(plan->messages);
        plans->append(std::move(plan).value());
    }

    ctx.delivery->accept(messages,
                         [reply, plans](const Result<QList<DeliveryService::Accepted>> &result) {
                             if (!result) {
                                 reply->error(result.error());
                                 return;
                             }
                             QByteArray out = "[";
                             qsizetype offset = 0;
                             for (const PublishPlan &plan : *plans) {
                                 const qsizetype n = plan.messages.size();
                                 if (out.size() > 1)
                                     out += ',';
                                 out += publishResponse(plan, result->mid(offset, n));
                                 offset += n;
                             }
                             out += ']';
                             reply->jsonBytes(200, out);
                         });
}

} // namespace

void registerBatchRoutes(HttpIngress &ingress, const RouteContext &ctx)
{
    ingress.route(
        "POST", QStringLiteral("/v2/batch"),
        [ctx](ApiRequest &request, const ReplyPtr &reply) { batch(ctx, request, reply); });
}

} // namespace Broker
