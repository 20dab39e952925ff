// URL groups (QStash "topics"), qstash-api.md §7: create-or-add endpoints, remove endpoints (a
// group left empty is deleted), list, get, delete. Writes answer only after their commit.

#include "core/clock.h"
#include "httpingress.h"
#include "publishparser.h"
#include "routes.h"
#include "store/topicstore.h"
#include "store/writebatcher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <memory>

namespace Broker {

namespace {

bool validName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9._-]+$"));
    return re.match(name).hasMatch();
}

Status checkGroupName(const QString &name)
{
    if (validName(name))
        return Ok{};
    return badRequest(QStringLiteral("invalid URL group name '%1': use letters, digits, '.', '_' "
                                     "and '-' only")
                          .arg(name.left(200)));
}

QJsonObject groupJson(const UrlGroup &g)
{
    QJsonArray endpoints;
    for (const Endpoint &e : g.endpoints) {
        QJsonObject o;
        if (!e.name.isEmpty())
            o.insert(QStringLiteral("name"), e.name);
        o.insert(QStringLiteral("url"), e.url);
        endpoints.append(o);
    }
    return QJsonObject{{QStringLiteral("name"), g.name},
                       {QStringLiteral("createdAt"), g.createdAt},
                       {QStringLiteral("updatedAt"), g.updatedAt},
                       {QStringLiteral("endpoints"), endpoints}};
}

// `{"endpoints":[{"url","name"?}]}`. Adding needs a valid url on each; removing needs a url or a
// name. Errors name the offending element.
Result<QList<Endpoint>> parseEndpoints(const QByteArray &body, bool adding)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return badRequest(QStringLiteral("invalid JSON body: %1 at offset %2")
                              .arg(parseError.errorString())
                              .arg(parseError.offset));
    const QJsonValue list = doc.object().value(QStringLiteral("endpoints"));
    if (!doc.isObject() || !list.isArray())
        return badRequest(QStringLiteral("missing field 'endpoints': expected "
                                         "{\"endpoints\":[{\"url\":\"...\",\"name\":\"...\"}]}"));
    const QJsonArray items = list.toArray();
    if (items.isEmpty())
        return badRequest(QStringLiteral("'endpoints' must not be empty"));
    QList<Endpoint> out;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString where = QStringLiteral("endpoints[%1]").arg(i);
        if (!items.at(i).isObject())
            return badRequest(where + QStringLiteral(": expected an object {url, name?}"));
        const QJsonObject item = items.at(i).toObject();
        const QJsonValue url = item.value(QStringLiteral("url"));
        const QJsonValue name = item.value(QStringLiteral("name"));
        if (!url.isUndefined() && !url.isNull() && !url.isString())
            return badRequest(where + QStringLiteral(".url: expected a string"));
        if (!name.isUndefined() && !name.isNull() && !name.isString())
            return badRequest(where + QStringLiteral(".name: expected a string"));
        Endpoint e{name.toString(), url.toString()};
        if (!e.name.isEmpty() && !validName(e.name))
            return badRequest(where +
                              QStringLiteral(".name '%1': use letters, digits, '.', '_' and "
                                             "'-' only")
                                  .arg(e.name.left(200)));
        if (adding) {
            if (e.url.isEmpty())
                return badRequest(where + QStringLiteral(".url is required"));
            auto valid = validateUrl(e.url);
            if (!valid)
                return badRequest(where + QStringLiteral(".url: ") + valid.error().message);
        } else if (e.url.isEmpty() && e.name.isEmpty()) {
            return badRequest(where + QStringLiteral(": give a url or a name to remove"));
        }
        out.append(e);
    }
    return out;
}

// Within one add request the last mention of a URL wins; one name for two URLs is an error.
Result<QList<Endpoint>> collapseAdds(const QList<Endpoint> &endpoints)
{
    QList<Endpoint> out;
    for (const Endpoint &e : endpoints) {
        auto same =
            std::find_if(out.begin(), out.end(), [&](const Endpoint &o) { return o.url == e.url; });
        if (same != out.end()) {
            if (!e.name.isEmpty())
                same->name = e.name;
        } else {
            out.append(e);
        }
    }
    for (qsizetype i = 0; i < out.size(); ++i) {
        for (qsizetype j = i + 1; j < out.size(); ++j) {
            if (!out[i].name.isEmpty() && out[i].name == out[j].name)
                return badRequest(QStringLiteral("endpoint name '%1' is given for two URLs: %2 "
                                                 "and %3")
                                      .arg(out[i].name, out[i].url, out[j].url));
        }
    }
    return out;
}

void addEndpoints(const RouteContext &ctx, const ApiRequest &request, const ReplyPtr &reply)
{
    const QString group = request.params.value(0);
    if (auto st = checkGroupName(group); !st) {
        reply->error(st.error());
        return;
    }
    auto parsed = parseEndpoints(request.body, true);
    if (!parsed) {
        reply->error(parsed.error());
        return;
    }
    auto endpoints = collapseAdds(*parsed);
    if (!endpoints) {
        reply->error(endpoints.error());
        return;
    }
    const qint64 now = ctx.clock->nowMs();
    auto conflict = std::make_shared<QString>();
    TopicStore *topics = ctx.topics;
    ctx.batcher->submit(
        [topics, group, list = *endpoints, now, conflict](QSqlDatabase &db, QString *error) {
            return topics->addEndpoints(db, group, list, now, conflict.get(), error);
        },
        [reply, conflict](bool ok, const QString &error) {
            if (!ok)
                reply->error(ApiError{ErrorCode::StorageFailed,
                                      QStringLiteral("URL group not saved: %1").arg(error)});
            else if (!conflict->isEmpty())
                reply->error(badRequest(*conflict));
            else
                reply->empty(200);
        });
}

void removeEndpoints(const RouteContext &ctx, const ApiRequest &request, const ReplyPtr &reply)
{
    const QString group = request.params.value(0);
    auto selectors = parseEndpoints(request.body, false);
    if (!selectors) {
        reply->error(selectors.error());
        return;
    }
    ctx.batcher->flush();
    if (!ctx.topics->group(group)) {
        reply->error(notFound(QStringLiteral("URL group %1 not found").arg(group)));
        return;
    }
    const qint64 now = ctx.clock->nowMs();
    TopicStore *topics = ctx.topics;
    ctx.batcher->submit(
        [topics, group, list = *selectors, now](QSqlDatabase &db, QString *error) {
            int removed = 0;
            bool deleted = false;
            return topics->removeEndpoints(db, group, list, now, &removed, &deleted, error);
        },
        [reply](bool ok, const QString &error) {
            if (!ok)
                reply->error(ApiError{ErrorCode::StorageFailed,
                                      QStringLiteral("URL group not saved: %1").arg(error)});
            else
                reply->empty(200);
        });
}

void deleteGroup(const RouteContext &ctx, const ApiRequest &request, const ReplyPtr &reply)
{
    const QString group = request.params.value(0);
    TopicStore *topics = ctx.topics;
    // Idempotent: a group also disappears by itself when its last endpoint is removed, and a
    // cleanup that deletes it afterwards must not fail.
    ctx.batcher->submit(
        [topics, group](QSqlDatabase &db, QString *error) {
            bool existed = false;
            return topics->deleteGroup(db, group, &existed, error);
        },
        [reply](bool ok, const QString &error) {
            if (!ok)
                reply->error(ApiError{ErrorCode::StorageFailed,
                                      QStringLiteral("URL group not deleted: %1").arg(error)});
            else
                reply->empty(200);
        });
}

} // namespace

void registerTopicRoutes(HttpIngress &ingress, const RouteContext &ctx)
{
    ingress.route(
        "POST", QStringLiteral("/v2/topics/:name/endpoints"),
        [ctx](ApiRequest &request, const ReplyPtr &reply) { addEndpoints(ctx, request, reply); });
    ingress.route("DELETE", QStringLiteral("/v2/topics/:name/endpoints"),
                  [ctx](ApiRequest &request, const ReplyPtr &reply) {
                      removeEndpoints(ctx, request, reply);
                  });
    ingress.route("GET", QStringLiteral("/v2/topics"), [ctx](ApiRequest &, const ReplyPtr &reply) {
        ctx.batcher->flush();
        QJsonArray out;
        for (const UrlGroup &g : ctx.topics->groups())
            out.append(groupJson(g));
        reply->json(200, out);
    });
    ingress.route(
        "GET", QStringLiteral("/v2/topics/:name"),
        [ctx](ApiRequest &request, const ReplyPtr &reply) {
            ctx.batcher->flush();
            const auto g = ctx.topics->group(request.params.value(0));
            if (!g) {
                reply->error(notFound(
                    QStringLiteral("URL group %1 not found").arg(request.params.value(0))));
                return;
            }
            reply->json(200, groupJson(*g));
        });
    ingress.route(
        "DELETE", QStringLiteral("/v2/topics/:name"),
        [ctx](ApiRequest &request, const ReplyPtr &reply) { deleteGroup(ctx, request, reply); });
}

} // namespace Broker
