// The dead-letter queue API (qstash-api.md §9): list with filters and cursor paging, get, delete
// (one, many, by filter), and retry (replay as a new message, removing the entry atomically).

#include "core/clock.h"
#include "core/duration.h"
#include "core/ids.h"
#include "delivery/deliveryservice.h"
#include "httpingress.h"
#include "jsonviews.h"
#include "routes.h"
#include "store/dlqstore.h"
#include "store/messagestore.h"
#include "store/writebatcher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Broker {

namespace {

const QStringList kDlqFilters = {
    QStringLiteral("messageId"),      QStringLiteral("url"),       QStringLiteral("topicName"),
    QStringLiteral("scheduleId"),     QStringLiteral("queueName"), QStringLiteral("label"),
    QStringLiteral("flowControlKey"), QStringLiteral("callerIp"),  QStringLiteral("callerIP"),
    QStringLiteral("responseStatus"), QStringLiteral("fromDate"),  QStringLiteral("toDate"),
    QStringLiteral("dlqIds"),         QStringLiteral("dlqId"),
};
const QStringList kDlqIgnored = {QStringLiteral("cursor"), QStringLiteral("count"),
                                 QStringLiteral("api"), QStringLiteral("qstash_token"),
                                 QStringLiteral("order")};

QJsonObject dlqJson(const DlqEntry &e, const Message &m)
{
    QJsonObject o = Json::message(m);
    o.insert(QStringLiteral("dlqId"), e.dlqId);
    o.insert(QStringLiteral("responseStatus"), e.responseStatus);
    o.insert(QStringLiteral("responseHeader"), Json::headerMap(e.responseHeaders));
    Json::putBody(o, e.responseBody, QStringLiteral("responseBody"),
                  QStringLiteral("responseBodyBase64"));
    if (!e.error.isEmpty())
        o.insert(QStringLiteral("error"), e.error);
    return o;
}

struct Selection
{
    QList<DlqEntry> entries;
    QString cursor; // empty when nothing is left
};

// Ids (query `dlqIds` or JSON body {"dlqIds": [...]}) win over filters; filters page by cursor.
Result<Selection> select(const RouteContext &ctx, const ApiRequest &request, int defaultCount)
{
    bool named = false;
    auto explicitList = explicitIds(request, QStringLiteral("dlqIds"), &named);
    if (!explicitList)
        return explicitList.error();
    const QStringList ids = explicitList.value();
    ctx.batcher->flush();
    Selection out;
    if (!ids.isEmpty()) {
        for (const QString &id : ids) {
            if (auto e = ctx.dlq->entry(id))
                out.entries.append(*e);
        }
        return out;
    }
    auto filter = FilterSet::fromQuery(request.query, kDlqFilters, kDlqIgnored);
    if (!filter)
        return filter.error();
    int count = defaultCount;
    if (const QString c = request.queryValue(QStringLiteral("count")); !c.isEmpty()) {
        bool ok = false;
        count = c.toInt(&ok);
        if (!ok || count < 1 || count > 100)
            return badRequest(QStringLiteral("invalid count: %1 (1 to 100)").arg(c));
    }
    qint64 cursor = 0;
    if (const QString c = request.queryValue(QStringLiteral("cursor")); !c.isEmpty()) {
        bool ok = false;
        cursor = c.toLongLong(&ok);
        if (!ok || cursor < 0)
            return badRequest(QStringLiteral("invalid cursor: %1").arg(c));
    }
    auto list = ctx.dlq->list(*filter, cursor, count + 1);
    if (!list)
        return list.error();
    out.entries = std::move(list).value();
    if (out.entries.size() > count) {
        out.entries.resize(count);
        out.cursor = QString::number(out.entries.constLast().rowId);
    }
    return out;
}

// A replay: a new message (new id) with the original's destination, headers, body and options;
// publish headers on the retry request (e.g. Upstash-Retries) override the original's.
Result<Message> replayOf(const RouteContext &ctx, const DlqEntry &e, const ApiRequest &request)
{
    auto original = ctx.store->message(e.messageId);
    if (!original)
        return notFound(
            QStringLiteral("message %1 of DLQ entry %2 is gone").arg(e.messageId, e.dlqId));
    Message m = *original;
    const qint64 now = ctx.clock->nowMs();
    m.id = Ids::newMessageId();
    m.state = MessageState::Pending;
    m.retried = 0;
    m.createdAt = now;
    m.notBefore = now;
    m.dedupKey.clear();
    m.options.insert(QStringLiteral("replayOf"), e.messageId);
    if (const QByteArray v = request.header("upstash-retries").trimmed(); !v.isEmpty()) {
        bool ok = false;
        const int n = v.toInt(&ok);
        if (!ok || n < 0 || n > ctx.config->maxRetries)
            return badRequest(QStringLiteral("invalid Upstash-Retries header value '%1'")
                                  .arg(QString::fromUtf8(v)));
        m.maxRetries = n;
    }
    if (const QByteArray v = request.header("upstash-delay").trimmed(); !v.isEmpty()) {
        const auto ms = Duration::parseToMs(QString::fromUtf8(v), ctx.config->maxDelayMs);
        if (!ms)
            return badRequest(QStringLiteral("invalid Upstash-Delay header value '%1'")
                                  .arg(QString::fromUtf8(v)));
        m.notBefore = now + qint64(double(*ms) * ctx.config->timeScale);
    }
    if (const QByteArray v = request.header("upstash-timeout").trimmed(); !v.isEmpty()) {
        const auto ms = Duration::parseToMs(QString::fromUtf8(v), ctx.config->maxTimeoutMs);
        if (!ms || *ms <= 0)
            return badRequest(QStringLiteral("invalid Upstash-Timeout header value '%1'")
                                  .arg(QString::fromUtf8(v)));
        m.timeoutMs = *ms;
    }
    m.dueAt = m.notBefore;
    return m;
}

void retry(const RouteContext &ctx, const QList<DlqEntry> &entries, const ApiRequest &request,
           std::function<void(Result<QJsonArray>)> done)
{
    QList<Message> messages;
    QStringList ids;
    for (const DlqEntry &e : entries) {
        auto m = replayOf(ctx, e, request);
        if (!m) {
            done(m.error());
            return;
        }
        messages.append(m.value());
        ids.append(e.dlqId);
    }
    DlqStore *dlq = ctx.dlq;
    ctx.delivery->accept(
        messages,
        [done](const Result<QList<DeliveryService::Accepted>> &r) {
            if (!r) {
                done(r.error());
                return;
            }
            QJsonArray responses;
            for (const auto &a : r.value())
                responses.append(QJsonObject{{QStringLiteral("messageId"), a.messageId}});
            done(responses);
        },
        [dlq, ids](QSqlDatabase &db, QString *error) { return dlq->remove(db, ids, error); });
}

} // namespace

void registerDlqRoutes(HttpIngress &ingress, const RouteContext &ctx)
{
    ingress.route("GET", QStringLiteral("/v2/dlq"),
                  [ctx](ApiRequest &request, const ReplyPtr &reply) {
                      auto sel = select(ctx, request, 100);
                      if (!sel) {
                          reply->error(sel.error());
                          return;
                      }
                      QJsonArray messages;
                      for (const DlqEntry &e : sel->entries) {
                          if (auto m = ctx.store->message(e.messageId))
                              messages.append(dlqJson(e, *m));
                      }
                      QJsonObject body{{QStringLiteral("messages"), messages}};
                      if (!sel->cursor.isEmpty())
                          body.insert(QStringLiteral("cursor"), sel->cursor);
                      reply->json(200, body);
                  });
    ingress.route(
        "GET", QStringLiteral("/v2/dlq/:id"), [ctx](ApiRequest &request, const ReplyPtr &reply) {
            ctx.batcher->flush();
            const auto e = ctx.dlq->entry(request.params.value(0));
            const auto m = e ? ctx.store->message(e->messageId) : std::nullopt;
            if (!e || !m) {
                reply->error(notFound(
                    QStringLiteral("DLQ entry %1 not found").arg(request.params.value(0))));
                return;
            }
            reply->json(200, dlqJson(*e, *m));
        });
    ingress.route("DELETE", QStringLiteral("/v2/dlq/:id"),
                  [ctx](ApiRequest &request, const ReplyPtr &reply) {
                      ctx.batcher->flush();
                      const QString id = request.params.value(0);
                      if (!ctx.dlq->entry(id)) {
                          reply->error(notFound(QStringLiteral("DLQ entry %1 not found").arg(id)));
                          return;
                      }
                      DlqStore *dlq = ctx.dlq;
                      ctx.batcher->submit(
                          [dlq, id](QSqlDatabase &db, QString *error) {
                              return dlq->remove(db, {id}, error);
                          },
                          [reply](bool ok, const QString &error) {
                              if (ok)
                                  reply->json(200, QJsonObject{{QStringLiteral("deleted"), 1}});
                              else
                                  reply->error(ApiError{ErrorCode::StorageFailed, error});
                          });
                  });
    ingress.route(
        "DELETE", QStringLiteral("/v2/dlq"), [ctx](ApiRequest &request, const ReplyPtr &reply) {
            auto sel = select(ctx, request, 100);
            if (!sel) {
                reply->error(sel.error());
                return;
            }
            QStringList ids;
            for (const DlqEntry &e : sel->entries)
                ids.append(e.dlqId);
            const QString cursor = sel->cursor;
            DlqStore *dlq = ctx.dlq;
            ctx.batcher->submit([dlq, ids](QSqlDatabase &db,
                                           QString *error) { return dlq->remove(db, ids, error); },
                                [reply, n = ids.size(), cursor](bool ok, const QString &error) {
                                    if (!ok) {
                                        reply->error(ApiError{ErrorCode::StorageFailed, error});
                                        return;
                                    }
                                    QJsonObject body{{QStringLiteral("deleted"), int(n)}};
                                    if (!cursor.isEmpty())
                                        body.insert(QStringLiteral("cursor"), cursor);
                                    reply->json(200, body);
                                });
        });
    ingress.route("POST", QStringLiteral("/v2/dlq/retry"),
                  [ctx](ApiRequest &request, const ReplyPtr &reply) {
                      auto sel = select(ctx, request, 100);
                      if (!sel) {
                          reply->error(sel.error());
                          return;
                      }
                      const QString cursor = sel->cursor;
                      retry(ctx, sel->entries, request, [reply, cursor](Result<QJsonArray> r) {
                          if (!r) {
                              reply->error(r.error());
                              return;
                          }
                          QJsonObject body{{QStringLiteral("responses"), r.value()}};
                          if (!cursor.isEmpty())
                              body.insert(QStringLiteral("cursor"), cursor);
                          reply->json(200, body);
                      });
                  });
    ingress.route(
        "POST", QStringLiteral("/v2/dlq/retry/:id"),
        [ctx](ApiRequest &request, const ReplyPtr &reply) {
            ctx.batcher->flush();
            const auto e = ctx.dlq->entry(request.params.value(0));
            if (!e) {
                reply->error(notFound(
                    QStringLiteral("DLQ entry %1 not found").arg(request.params.value(0))));
                return;
            }
            retry(ctx, {*e}, request, [reply](Result<QJsonArray> r) {
                if (!r)
                    reply->error(r.error());
                else
                    reply->json(201, r.value().at(0).toObject());
            });
        });
}

} // namespace Broker
