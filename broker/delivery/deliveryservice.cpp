#include "deliveryservice.h"

#include "backoff.h"
#include "callbacks.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/jsontext.h"
#include "core/logging.h"
#include "gates.h"
#include "retryafter.h"
#include "retrydelay.h"
#include "scheduling/duequeue.h"
#include "signing/jwt.h"
#include "signing/keyring.h"
#include "store/dlqstore.h"
#include "store/gatestore.h"
#include "store/messagestore.h"
#include "store/writebatcher.h"

namespace Broker {

namespace {

// The detail of an event an attempt made: how long it took, the status and the error. The request
// as sent (headers incl. the signature) and the response's headers and body are in the attempt's
// row, which the event names; the logs API shows them from there (MessageStore::events).
JsonText::Object attemptDetail(const DeliveryResult &r)
{
    JsonText::Object d;
    d.set(QStringLiteral("retried"), r.request.retried);
    d.set(QStringLiteral("duration"), r.durationMs);
    if (r.status > 0)
        d.set(QStringLiteral("responseStatus"), r.status);
    if (!r.error.isEmpty())
        d.set(QStringLiteral("error"), r.error);
    else if (!r.success())
        d.set(QStringLiteral("error"),
              QStringLiteral("destination answered HTTP %1").arg(r.status));
    return d;
}

// The events that show an attempt's request and response.
bool madeByAttempt(const char *state)
{
    return qstrcmp(state, EventState::Delivered) == 0 || qstrcmp(state, EventState::Error) == 0 ||
           qstrcmp(state, EventState::Failed) == 0;
}

bool isNonRetryable(const DeliveryResult &r)
{
    if (r.status != 489)
        return false;
    for (const auto &[name, value] : r.responseHeaders) {
        if (name.compare("upstash-nonretryable-error", Qt::CaseInsensitive) == 0 &&
            value.trimmed().compare("true", Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

DeliveryService::DeliveryService(const BrokerConfig &config, IClock *clock, WriteBatcher *batcher,
                                 MessageStore *store, DlqStore *dlq, GateStore *gateStore,
                                 KeyRing *keys, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_clock(clock)
    , m_batcher(batcher)
    , m_store(store)
    , m_dlq(dlq)
    , m_gateStore(gateStore)
    , m_keys(keys)
{
    m_lane = new DeliveryLane(
        config.maxInFlightPerOrigin, config.maxRecordedResponseBytes,
        [clock](DeliveryRequest &request, qint64 &startedAt) {
            onStarted(clock, request, startedAt);
        },
        [](DeliveryResult &result) {
            if (result.success())
                result.detailJson = attemptDetail(result).toJson();
            result.requestHeadersJson = MessageStore::encodeHeaders(result.request.headers);
            result.responseHeadersJson = MessageStore::encodeHeaders(result.responseHeaders);
        },
        this);
    connect(m_lane, &DeliveryLane::finished, this, &DeliveryService::handleFinished);
    m_gates = new Gates(clock, this);
    connect(m_gates, &Gates::ready, this, &DeliveryService::send);
    m_due = new DueQueue(
        clock, store, config.dueHorizonMs, [this] { m_batcher->flush(); }, this);
    connect(m_due, &DueQueue::due, this, &DeliveryService::handleDue);
    m_countsTimer.setSingleShot(true);
    m_countsTimer.setInterval(250);
    connect(&m_countsTimer, &QTimer::timeout, this, [this] { emit countsChanged(counts()); });
}

DeliveryService::~DeliveryService() = default;

void DeliveryService::start()
{
    const auto stored = m_store->countsByState();
    for (auto it = stored.cbegin(); it != stored.cend(); ++it)
        m_counts.insert(it.key(), it.value());
    recover();
    for (const QueueRow &q : m_gateStore->queues())
        m_gates->configureQueue(q.name, Gates::QueueConfig{q.parallelism, q.paused});
    for (const FlowRow &f : m_gateStore->flows())
        m_gates->configureFlow(f.key,
                               Gates::FlowConfig{f.parallelism, f.rate, f.periodSecs * 1000,
                                                 f.paused, f.pinnedParallelism, f.pinnedRate});
    // Queue messages between attempts when we stopped still hold their queue's slot.
    for (const auto &[queue, id] : m_gateStore->queueMessagesInProgress())
        m_gates->holdQueueSlot(queue, id);
    m_running = true;
    m_due->start();
    m_countsTimer.start();
}

void DeliveryService::stop()
{
    m_running = false;
    m_due->stop();
    // Replies aborted here must not be recorded as failed attempts: they stay ACTIVE and recover.
    disconnect(m_lane, &DeliveryLane::finished, this, &DeliveryService::handleFinished);
    m_lane->abortAll();
    m_batcher->flush();
}

void DeliveryService::recover()
{
    const QList<Message> interrupted = m_store->messagesInState(MessageState::Active);
    if (interrupted.isEmpty())
        return;
    const qint64 now = m_clock->nowMs();
    for (const Message &m : interrupted) {
        m_batcher->submit([this, m, now](QSqlDatabase &db, QString *error) {
            return m_store->updateState(db, m.id, MessageState::Retry, m.retried, now, now,
                                        error) &&
                   m_store->appendEvent(
                       db, m, EventState::Retry, now,
                       QJsonObject{
                           {QStringLiteral("error"),
                            QStringLiteral("LocalStash stopped while this attempt was in "
                                           "flight; delivering again (possible duplicate)")},
                           {QStringLiteral("nextDeliveryTime"), now}},
                       error);
        });
        moveCount(MessageState::Active, MessageState::Retry);
    }
    m_batcher->flush();
    qCInfo(lcDelivery) << interrupted.size()
                       << "attempts were in flight at the last stop; redelivering them";
}

bool DeliveryService::insertNew(QSqlDatabase &db, const Message &m, QString *error)
{
    return m_store->insertMessage(db, m, error) &&
           m_store->appendEvent(db, m, EventState::Created, m.createdAt, {}, error);
}

bool DeliveryService::startsActive(const Message &m, qint64 now) const
{
    return m_running && m.dueAt <= now && m.queueName.isEmpty() && m.flowControlKey.isEmpty();
}

void DeliveryService::schedule(const QList<Message> &stored)
{
    for (const Message &m : stored)
        addCount(m.state);
    if (!m_running)
        return; // stored ACTIVE ones are redelivered after the next start
    const qint64 now = m_clock->nowMs();
    for (const Message &m : stored) {
        if (m.dueAt <= now || m.state == MessageState::Active)
            dispatch(m);
        else
            m_due->add(m.id, m.dueAt);
    }
}

void DeliveryService::accept(const QList<Message> &messages, AcceptDone done, ExtraWrite extra)
{
    auto results = std::make_shared<QList<Accepted>>();
    const qint64 now = m_clock->nowMs();
    const qint64 window = m_config.dedupWindowMs;
    // A message that can be sent right away is stored ACTIVE, its attempt start committed with
    // the message itself (one transaction and one row write instead of two of each).
    QList<Message> toStore = messages;
    for (Message &m : toStore) {
        if (startsActive(m, now))
            m.state = MessageState::Active;
    }
    m_batcher->submit(
        [this, toStore, results, now, window, extra](QSqlDatabase &db, QString *error) {
            results->clear();
            for (const Message &m : toStore) {
                if (!m.dedupKey.isEmpty()) {
                    // Checked inside the transaction: two concurrent duplicates cannot both pass.
                    if (auto original = m_store->findDedup(db, m.dedupKey, now)) {
                        results->append(Accepted{*original, true});
                        continue;
                    }
                    if (!m_store->putDedup(db, m.dedupKey, m.id, now + window, error))
                        return false;
                }
                // Any queue a message names exists from now on (enqueue, batch, schedules alike).
                if (!m.queueName.isEmpty() &&
                    !m_gateStore->ensureQueue(db, m.queueName, now, error))
                    return false;
                if (m.state == MessageState::Active) {
                    if (!m_store->insertMessage(db, m, error) ||
                        !m_store->appendCreatedAndActive(db, m, now, error))
                        return false;
                } else if (!insertNew(db, m, error)) {
                    return false;
                }
                results->append(Accepted{m.id, false});
            }
            return !extra || extra(db, error);
        },
        [this, toStore, results, done = std::move(done)](bool ok, const QString &error) {
            if (!ok) {
                done(ApiError{ErrorCode::StorageFailed,
                              QStringLiteral("message not stored: %1").arg(error)});
                return;
            }
            QList<Message> stored;
            for (qsizetype i = 0; i < toStore.size() && i < results->size(); ++i) {
                if (!results->at(i).deduplicated)
                    stored.append(toStore.at(i));
            }
            // Handed to the delivery thread first: it starts sending while the publisher is
            // answered here.
            schedule(stored);
            done(*results);
        });
}

void DeliveryService::handleDue(const QStringList &ids)
{
    if (!m_running)
        return;
    const qint64 now = m_clock->nowMs();
    for (const QString &id : ids) {
        if (m_inFlight.contains(id) || m_gates->isParked(id))
            continue;
        const auto m = m_store->message(id);
        if (!m || (m->state != MessageState::Pending && m->state != MessageState::Retry))
            continue; // cancelled or finished meanwhile
        if (m->dueAt > now) {
            m_due->add(id, m->dueAt); // rescheduled since it was queued
            continue;
        }
        dispatch(*m);
    }
}

void DeliveryService::dispatch(const Message &m)
{
    if (!m.flowControlKey.isEmpty()) {
        const QJsonObject fc = m.options.value(QStringLiteral("flowControl")).toObject();
        const bool known = m_gates->flowConfig(m.flowControlKey).has_value();
        const bool changed =
            m_gates->observeFlow(m.flowControlKey, fc.value(QStringLiteral("parallelism")).toInt(),
                                 fc.value(QStringLiteral("rate")).toInt(),
                                 qint64(fc.value(QStringLiteral("period")).toDouble(1)) * 1000);
        if (changed || !known)
            persistFlow(m.flowControlKey);
    }
    if (!m_gates->admit(m))
        return; // parked: Gates::ready() sends it when its queue / flow-control key allows
    send(m);
}

void DeliveryService::persistFlow(const QString &key)
{
    const auto config = m_gates->flowConfig(key);
    if (!config)
        return;
    FlowRow row;
    row.key = key;
    row.parallelism = config->parallelism;
    row.rate = config->rate;
    row.periodSecs = config->periodMs / 1000;
    row.paused = config->paused;
    row.pinnedParallelism = config->pinnedParallelism;
    row.pinnedRate = config->pinnedRate;
    row.updatedAt = m_clock->nowMs();
    m_batcher->submit([this, row](QSqlDatabase &db, QString *error) {
        return m_gateStore->upsertFlow(db, row, error);
    });
}

void DeliveryService::finishInQueue(const Message &m, int pendingCallbacks)
{
    const QString source = m.option("callbackOf");
    if (!source.isEmpty()) {
        // A callback is done: its source may now free its queue slot (§4.3).
        auto it = m_waitingCallbacks.find(source);
        if (it != m_waitingCallbacks.end() && --it->second <= 0) {
            m_gates->finished(it->first, source);
            m_waitingCallbacks.erase(it);
        }
        return;
    }
    if (m.queueName.isEmpty())
        return;
    if (pendingCallbacks > 0)
        m_waitingCallbacks.insert(m.id, {m.queueName, pendingCallbacks});
    else
        m_gates->finished(m.queueName, m.id);
}

void DeliveryService::send(const Message &m)
{
    m_inFlight.insert(m.id, m);
    DeliveryRequest request;
    request.messageId = m.id;
    request.retried = m.retried;
    request.url = m.url;
    request.method = m.method;
    request.body = m.body;
    request.timeoutMs = m.timeoutMs > 0 ? m.timeoutMs : m_config.defaultTimeoutMs;
    request.signingKey = m_keys->keys().current;
    request.headers = m.headers;
    request.headers.append({QByteArrayLiteral("User-Agent"), QByteArrayLiteral("Upstash-QStash")});
    request.headers.append({QByteArrayLiteral("Upstash-Message-Id"), m.id.toLatin1()});
    request.headers.append({QByteArrayLiteral("Upstash-Retried"), QByteArray::number(m.retried)});
    if (!m.topicName.isEmpty())
        request.headers.append({QByteArrayLiteral("Upstash-Topic-Name"), m.topicName.toUtf8()});
    if (!m.scheduleId.isEmpty())
        request.headers.append({QByteArrayLiteral("Upstash-Schedule-Id"), m.scheduleId.toUtf8()});
    if (!m.callerIp.isEmpty())
        request.headers.append({QByteArrayLiteral("Upstash-Caller-Ip"), m.callerIp.toLatin1()});

    // ACTIVE is committed before the request leaves: after a crash, every attempt that may have
    // reached the destination is found ACTIVE, redelivered and logged as a possible duplicate.
    const MessageState before = m.state;
    if (before == MessageState::Active) { // committed with the message itself (accept)
        m_lane->send(std::move(request));
        return;
    }
    m_inFlight[m.id].state = MessageState::Active;
    moveCount(before, MessageState::Active);
    const qint64 now = m_clock->nowMs();
    m_batcher->submit(
        [this, m, now](QSqlDatabase &db, QString *error) {
            return m_store->updateState(db, m.id, MessageState::Active, m.retried, m.dueAt, now,
                                        error) &&
                   m_store->appendEvent(db, m, EventState::Active, now, {}, error);
        },
        [this, request = std::move(request)](bool ok, const QString &error) mutable {
            if (!m_running)
                return; // stays ACTIVE in the store: redelivered after the next start
            if (!ok)    // a full disk: the attempt goes ahead; its outcome is stored when it can be
                qCWarning(lcDelivery) << "attempt start not stored:" << error;
            m_lane->send(std::move(request));
        });
}

void DeliveryService::onStarted(const IClock *clock, DeliveryRequest &request, qint64 &startedAt)
{
    const qint64 now = clock->nowMs();
    startedAt = now;
    Jwt::Claims claims;
    claims.subject = QString::fromUtf8(request.url);
    claims.issuedAt = now / 1000;
    claims.expiresAt = claims.issuedAt + 300;
    claims.notBefore = 0;
    claims.jwtId = Ids::newJwtId();
    claims.body = request.body;
    request.headers.append(
        {QByteArrayLiteral("Upstash-Signature"), Jwt::sign(request.signingKey, claims)});
    request.signingKey.clear(); // the result (and so the log) keeps what was sent, not the key
}

qint64 DeliveryService::retryDelay(const Message &m, const DeliveryResult &result) const
{
    // The destination's own hint wins, then the publisher's expression, then the default curve.
    if (auto hinted = RetryAfter::delayMs(result.responseHeaders, m_clock->nowMs()))
        return *hinted;
    const QString expression = m.option("retryDelay");
    if (!expression.isEmpty()) {
        if (auto expr = RetryDelayExpression::parse(expression))
            return expr->evaluateMs(m.retried);
    }
    return Backoff::defaultDelayMs(m.retried + 1);
}

void DeliveryService::handleFinished(const DeliveryResult &result)
{
    const QString id = result.request.messageId;
    auto it = m_inFlight.find(id);
    if (it == m_inFlight.end())
        return;
    Message m = it.value();
    m_inFlight.erase(it);
    m_gates->attemptEnded(m);
    const qint64 now = m_clock->nowMs();
    const bool cancelRequested = m_cancelRequested.remove(id);

    AttemptRecord attempt;
    attempt.messageId = id;
    attempt.retried = m.retried;
    attempt.startedAt = result.startedAt;
    attempt.durationMs = result.durationMs;
    attempt.url = result.request.url;
    attempt.method = result.request.method;
    attempt.requestHeaders = result.request.headers;
    attempt.requestHeadersJson = result.requestHeadersJson;
    attempt.responseHeadersJson = result.responseHeadersJson;
    attempt.status = result.status;
    attempt.responseHeaders = result.responseHeaders;
    attempt.responseBody = result.responseBody;
    attempt.error = result.error;

    MessageState next;
    qint64 nextDue = m.dueAt;
    int retried = m.retried;
    QList<QPair<const char *, JsonText::Object>> events;
    if (result.success()) {
        next = MessageState::Delivered; // its event's detail is result.detailJson, as it is
    } else {
        const JsonText::Object detail = attemptDetail(result);
        events.append({EventState::Error, detail});
        if (cancelRequested) {
            next = MessageState::Canceled;
            events.append({EventState::Canceled, JsonText::Object()});
        } else if (!isNonRetryable(result) && m.retried < m.maxRetries) {
            next = MessageState::Retry;
            const qint64 wait = qint64(double(retryDelay(m, result)) * m_config.timeScale);
            nextDue = now + wait;
            retried = m.retried + 1;
            events.last().second.set(QStringLiteral("nextDeliveryTime"), nextDue);
            JsonText::Object retry;
            retry.set(QStringLiteral("nextDeliveryTime"), nextDue);
            events.append({EventState::Retry, retry});
        } else {
            next = MessageState::Failed;
            events.append({EventState::Failed, detail});
        }
    }
    // Dead letter and callbacks are stored in the same transaction as the outcome: a crash can
    // lose neither without losing the outcome too (and then the attempt is simply redone).
    std::optional<DlqEntry> dead;
    if (next == MessageState::Failed) {
        DlqEntry e;
        e.dlqId = DlqStore::newDlqId(now);
        e.messageId = m.id;
        e.createdAt = now;
        e.responseStatus = result.status;
        e.responseHeaders = result.responseHeaders;
        e.responseBody = result.responseBody;
        e.error = result.error;
        dead = e;
        events.last().second.set(QStringLiteral("dlqId"), e.dlqId);
    }
    QList<Message> followUps;
    if (next != MessageState::Canceled) {
        if (auto cb = Callbacks::afterAttempt(m, result, now, m_config.maxBodyBytes))
            followUps.append(*cb);
        if (dead) {
            if (auto fcb =
                    Callbacks::afterFailure(m, result, dead->dlqId, now, m_config.maxBodyBytes))
                followUps.append(*fcb);
        }
    }
    QList<QPair<const char *, QByteArray>> eventJson;
    if (next == MessageState::Delivered)
        eventJson.append({EventState::Delivered, result.detailJson});
    for (const auto &[state, eventDetail] : events)
        eventJson.append({state, eventDetail.toJson()});
    moveCount(MessageState::Active, next);
    storeOutcome(
        [this, m, attempt, next, retried, nextDue, now, eventJson, dead,
         followUps](QSqlDatabase &db, QString *error) {
            if (dead && !m_dlq->insert(db, m, *dead, error))
                return false;
            for (const Message &f : followUps) {
                if (!insertNew(db, f, error))
                    return false;
            }
            qint64 attemptId = 0;
            if (!m_store->insertAttempt(db, attempt, &attemptId, error) ||
                !m_store->updateState(db, m.id, next, retried, nextDue, now, error))
                return false;
            for (const auto &[state, eventDetail] : eventJson) {
                if (!m_store->appendEventJson(db, m, state, now, eventDetail,
                                              madeByAttempt(state) ? attemptId : 0, error))
                    return false;
            }
            return true;
        },
        [this, id, next, nextDue, followUps] {
            if (next == MessageState::Retry && m_running)
                m_due->add(id, nextDue);
            schedule(followUps);
        });
    if (isFinal(next)) {
        finishInQueue(m, int(followUps.size()));
        emit messageFinished(id, stateName(next));
    }
}

void DeliveryService::storeOutcome(ExtraWrite write, std::function<void()> committed)
{
    m_batcher->submit(write, [this, write, committed](bool ok, const QString &error) {
        if (ok) {
            committed();
            return;
        }
        if (!m_running)
            return; // stays ACTIVE in the store: redelivered after the next start
        // A full or read-only disk: the attempt did happen, so record it (and schedule what
        // follows) as soon as writes work again, rather than leaving it unrecorded until a restart.
        qCWarning(lcDelivery) << "outcome of an attempt not stored, retrying in 1 s:" << error;
        QTimer::singleShot(1000, this, [this, write, committed] {
            if (m_running)
                storeOutcome(write, committed);
        });
    });
}

void DeliveryService::cancel(const QString &id, std::function<void(Result<int>)> done)
{
    const qint64 now = m_clock->nowMs();
    bool takenFromDispatcher = false; // ACTIVE in the store, but never sent
    if (auto it = m_inFlight.find(id); it != m_inFlight.end()) {
        const Message m = it.value();
        if (m_lane->cancelQueued(id)) {
            m_inFlight.erase(it);
            takenFromDispatcher = true;
        } else {
            // In flight: the attempt finishes first; a failure then ends as CANCELED, not RETRY.
            m_cancelRequested.insert(id);
            m_batcher->submit(
                [this, m, now](QSqlDatabase &db, QString *error) {
                    return m_store->appendEvent(db, m, EventState::CancelRequested, now, {}, error);
                },
                [done](bool ok, const QString &error) {
                    if (ok)
                        done(1);
                    else
                        done(ApiError{ErrorCode::StorageFailed, error});
                });
            return;
        }
    }
    m_gates->removeParked(id);
    m_batcher->flush();
    const auto m = m_store->message(id);
    const bool cancelable =
        m && (m->state == MessageState::Pending || m->state == MessageState::Retry ||
              (takenFromDispatcher && m->state == MessageState::Active));
    if (!cancelable) {
        done(notFound(QStringLiteral("message %1 not found or already finished").arg(id)));
        return;
    }
    const MessageState before = m->state;
    const Message msg = *m;
    m_batcher->submit(
        [this, msg, now](QSqlDatabase &db, QString *error) {
            return m_store->updateState(db, msg.id, MessageState::Canceled, msg.retried, msg.dueAt,
                                        now, error) &&
                   m_store->appendEvent(db, msg, EventState::CancelRequested, now, {}, error) &&
                   m_store->appendEvent(db, msg, EventState::Canceled, now, {}, error);
        },
        [this, before, done, id, msg](bool ok, const QString &error) {
            if (!ok) {
                done(ApiError{ErrorCode::StorageFailed, error});
                return;
            }
            moveCount(before, MessageState::Canceled);
            m_gates->finished(msg.queueName, id);
            emit messageFinished(id, stateName(MessageState::Canceled));
            done(1);
        });
}

QVariantMap DeliveryService::counts() const
{
    QVariantMap out;
    for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

void DeliveryService::forgetFinished(const QHash<QString, qint64> &byState)
{
    for (auto it = byState.cbegin(); it != byState.cend(); ++it)
        m_counts[it.key()] = std::max<qint64>(0, m_counts.value(it.key()) - it.value());
    if (!m_countsTimer.isActive())
        m_countsTimer.start();
}

int DeliveryService::inFlight() const
{
    return int(m_inFlight.size());
}

void DeliveryService::moveCount(MessageState from, MessageState to)
{
    m_counts[stateName(from)] -= 1;
    addCount(to);
}

void DeliveryService::addCount(MessageState to, qint64 n)
{
    m_counts[stateName(to)] += n;
    if (!m_countsTimer.isActive())
        m_countsTimer.start();
}

} // namespace Broker
