#include "brokerservice.h"

#include "core/clock.h"
#include "core/logging.h"
#include "delivery/deliveryservice.h"
#include "http/httpingress.h"
#include "http/publishpipeline.h"
#include "http/routes.h"
#include "scheduling/scheduleservice.h"
#include "store/database.h"
#include "store/dlqstore.h"
#include "store/gatestore.h"
#include "store/messagestore.h"
#include "store/retention.h"
#include "store/schedulestore.h"
#include "store/topicstore.h"
#include "store/writebatcher.h"

#include <QDir>

namespace Broker {

Service::Service(const BrokerConfig &config, IClock *clock, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_clock(clock)
{
    if (!m_clock) {
        m_ownedClock = std::make_unique<SystemClock>();
        m_clock = m_ownedClock.get();
    }
}

Service::~Service()
{
    stop();
}

Status Service::start()
{
    if (m_running)
        return Ok{};
    QString path = QStringLiteral(":memory:");
    if (!m_config.inMemory) {
        if (m_config.dataDir.isEmpty())
            return ApiError{ErrorCode::Internal, QStringLiteral("no data directory configured")};
        if (!QDir().mkpath(m_config.dataDir))
            return ApiError{
                ErrorCode::StorageFailed,
                QStringLiteral("cannot create data directory %1").arg(m_config.dataDir)};
        path = QDir(m_config.dataDir).filePath(QStringLiteral("localstash.db"));
    }
    m_db = std::make_unique<Database>();
    if (auto st = m_db->open(path, m_config.synchronousFull); !st) {
        m_db.reset();
        return st;
    }
    m_batcher = std::make_unique<WriteBatcher>(m_db.get());
    m_store = std::make_unique<MessageStore>(m_db.get());
    m_dlq = std::make_unique<DlqStore>(m_db.get());
    m_gates = std::make_unique<GateStore>(m_db.get());
    m_topics = std::make_unique<TopicStore>(m_db.get());
    m_scheduleStore = std::make_unique<ScheduleStore>(m_db.get());
    m_keys = std::make_unique<KeyRing>();
    if (auto st = loadKeys(); !st)
        return st;

    m_delivery = new DeliveryService(m_config, m_clock, m_batcher.get(), m_store.get(), m_dlq.get(),
                                     m_gates.get(), m_keys.get(), this);
    connect(m_delivery, &DeliveryService::countsChanged, this, &Service::countsChanged);
    connect(m_delivery, &DeliveryService::messageFinished, this, &Service::messageFinished);
    m_schedules =
        new ScheduleService(m_clock, m_batcher.get(), m_scheduleStore.get(), m_store.get(), this);
    connect(m_delivery, &DeliveryService::messageFinished, m_schedules,
            &ScheduleService::onMessageFinished);

    m_ingress = new HttpIngress(m_config, this);
    registerRoutes();
    auto port = m_ingress->listen(m_config.bindAddress, m_config.port);
    if (!port) {
        delete m_ingress;
        m_ingress = nullptr;
        delete m_schedules;
        m_schedules = nullptr;
        delete m_delivery;
        m_delivery = nullptr;
        m_batcher.reset();
        m_dlq.reset();
        m_topics.reset();
        m_scheduleStore.reset();
        m_store.reset();
        m_db.reset();
        return port.error();
    }
    m_delivery->start();
    m_schedules->start();
    m_retention = new Retention(m_clock, m_batcher.get(), this);
    connect(m_retention, &Retention::pruned, m_delivery, [this](const RetentionStats &batch) {
        m_delivery->forgetFinished(batch.messagesByState);
    });
    applyRetentionPolicy();
    m_retention->start();
    m_running = true;
    qCInfo(lcHttp) << "listening on" << baseUrl();
    emit started(baseUrl());
    return Ok{};
}

void Service::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_ingress->close();
    m_retention->stop();
    m_schedules->stop();
    m_delivery->stop();
    m_batcher->flush();
    delete m_ingress;
    m_ingress = nullptr;
    delete m_retention; // after the flush: no write of its is left in the batcher
    m_retention = nullptr;
    delete m_schedules;
    m_schedules = nullptr;
    delete m_delivery;
    m_delivery = nullptr;
    m_batcher.reset();
    m_gates.reset();
    m_dlq.reset();
    m_topics.reset();
    m_scheduleStore.reset();
    m_store.reset();
    m_db.reset();
}

Status Service::loadKeys()
{
    const auto current = m_store->kv(QLatin1String(KeyRing::CurrentKey));
    const auto next = m_store->kv(QLatin1String(KeyRing::NextKey));
    if (current && next) {
        m_keys->set(SigningKeys{*current, *next});
        return Ok{};
    }
    const SigningKeys initial{m_config.initialCurrentKey, m_config.initialNextKey};
    QString error;
    bool ok = false;
    m_batcher->submit(
        [this, initial](QSqlDatabase &db, QString *err) {
            return m_store->setKv(db, QLatin1String(KeyRing::CurrentKey), initial.current, err) &&
                   m_store->setKv(db, QLatin1String(KeyRing::NextKey), initial.next, err);
        },
        [&](bool success, const QString &err) {
            ok = success;
            error = err;
        });
    m_batcher->flush();
    if (!ok)
        return ApiError{ErrorCode::StorageFailed,
                        QStringLiteral("cannot store signing keys: %1").arg(error)};
    m_keys->set(initial);
    return Ok{};
}

void Service::registerRoutes()
{
    RouteContext ctx;
    ctx.config = &m_config; // live: applyRuntimeSettings updates it
    ctx.clock = m_clock;
    ctx.batcher = m_batcher.get();
    ctx.store = m_store.get();
    ctx.dlq = m_dlq.get();
    ctx.gateStore = m_gates.get();
    ctx.topics = m_topics.get();
    ctx.schedules = m_schedules;
    ctx.delivery = m_delivery;
    ctx.keys = m_keys.get();
    ctx.replaceKeys = [this](const SigningKeys &keys, std::function<void(Status)> done) {
        setSigningKeys(keys, std::move(done));
    };
    registerKeyRoutes(*m_ingress, ctx);
    registerPublishRoutes(*m_ingress, ctx);
    registerMessageRoutes(*m_ingress, ctx);
    registerLogRoutes(*m_ingress, ctx);
    registerDlqRoutes(*m_ingress, ctx);
    registerQueueRoutes(*m_ingress, ctx);
    registerFlowControlRoutes(*m_ingress, ctx);
    registerTopicRoutes(*m_ingress, ctx);
    registerBatchRoutes(*m_ingress, ctx);
    registerScheduleRoutes(*m_ingress, ctx);
    m_schedules->setProducer(scheduleProducer(ctx));
}

void Service::setSigningKeys(const SigningKeys &keys, std::function<void(Status)> done)
{
    if (!m_running || keys.current.isEmpty() || keys.next.isEmpty()) {
        if (done)
            done(ApiError{ErrorCode::BadRequest, QStringLiteral("no signing keys to set")});
        return;
    }
    // Stored first: receivers only ever see keys that survive a restart.
    m_batcher->submit(
        [this, keys](QSqlDatabase &db, QString *error) {
            return m_store->setKv(db, QLatin1String(KeyRing::CurrentKey), keys.current, error) &&
                   m_store->setKv(db, QLatin1String(KeyRing::NextKey), keys.next, error);
        },
        [this, keys, done = std::move(done)](bool ok, const QString &error) {
            if (!ok) {
                if (done)
                    done(ApiError{ErrorCode::StorageFailed,
                                  QStringLiteral("keys not changed: %1").arg(error)});
                return;
            }
            m_keys->set(keys);
            emit signingKeysChanged(keys.current, keys.next);
            if (done)
                done(Ok{});
        });
}

void Service::applyRetentionPolicy()
{
    RetentionPolicy policy = m_retention->policy();
    policy.days = std::max(0, m_config.retentionDays);
    policy.maxMessages = std::max<qint64>(0, m_config.retentionMaxMessages);
    m_retention->setPolicy(policy);
}

void Service::applyRuntimeSettings(const BrokerConfig &config)
{
    const bool retentionChanged = config.retentionDays != m_config.retentionDays ||
                                  config.retentionMaxMessages != m_config.retentionMaxMessages;
    m_config.timeScale = config.timeScale > 0 ? config.timeScale : 1.0;
    m_config.retentionDays = config.retentionDays;
    m_config.retentionMaxMessages = config.retentionMaxMessages;
    if (config.synchronousFull != m_config.synchronousFull && m_db) {
        m_batcher->flush(); // the pragma must not land inside an open transaction
        if (auto st = m_db->setSynchronousFull(config.synchronousFull); st)
            m_config.synchronousFull = config.synchronousFull;
        else
            qCWarning(lcStore) << "durability mode not changed:" << st.error().message;
    }
    if (!m_running)
        return;
    applyRetentionPolicy();
    if (retentionChanged)
        m_retention->runNow(); // a stricter policy applies now, not in a minute
}

void Service::call(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
                   const QList<QPair<QByteArray, QByteArray>> &headers,
                   std::function<void(int, const QByteArray &)> done)
{
    if (!m_ingress) {
        if (done)
            done(503, QByteArrayLiteral(R"({"error":"broker not running"})"));
        return;
    }
    m_ingress->call(method, pathAndQuery, body, headers, std::move(done));
}

quint16 Service::port() const
{
    return m_ingress ? m_ingress->port() : 0;
}

QString Service::baseUrl() const
{
    QString host = m_config.bindAddress.toString();
    if (m_config.bindAddress == QHostAddress::Any || m_config.bindAddress == QHostAddress::AnyIPv4)
        host = QStringLiteral("127.0.0.1");
    if (m_config.bindAddress.protocol() == QAbstractSocket::IPv6Protocol)
        host = u'[' + host + u']';
    return QStringLiteral("http://%1:%2").arg(host).arg(port());
}

SigningKeys Service::signingKeys() const
{
    return m_keys ? m_keys->keys()
                  : SigningKeys{m_config.initialCurrentKey, m_config.initialNextKey};
}

QString Service::databasePath() const
{
    return m_db ? m_db->path() : QString();
}

QVariantMap Service::counts() const
{
    return m_delivery ? m_delivery->counts() : QVariantMap();
}

} // namespace Broker
