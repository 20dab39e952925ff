#pragma once
// The broker facade: start/stop, what the window shows, and batched change signals. It owns the
// database, the write batcher, the HTTP ingress and the delivery service. Lives in one thread
// (the broker thread in the app, the test's thread in tests); other threads talk to it through
// queued signals and QMetaObject::invokeMethod.

#include "core/config.h"
#include "core/result.h"
#include "signing/keyring.h"

#include <QObject>
#include <QVariantMap>

#include <memory>

namespace Broker {

class IClock;
class Database;
class WriteBatcher;
class MessageStore;
class DlqStore;
class GateStore;
class TopicStore;
class ScheduleStore;
class ScheduleService;
class HttpIngress;
class DeliveryService;
class KeyRing;
class Retention;

class Service final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Service)
public:
    // clock: nullptr = the system clock. The service does not own a given clock.
    explicit Service(const BrokerConfig &config, IClock *clock = nullptr,
                     QObject *parent = nullptr);
    ~Service() override;

    // Opens the data dir, recovers, starts listening. Errors say what to do.
    Status start();
    void stop();
    bool isRunning() const { return m_running; }

    const BrokerConfig &config() const { return m_config; }
    quint16 port() const;
    QString baseUrl() const;
    QString token() const { return m_config.token; }
    SigningKeys signingKeys() const;
    QString databasePath() const;
    QVariantMap counts() const;
    IClock *clock() const { return m_clock; }

    // For tests and the UI thread's own reader: where the data lives.
    MessageStore *store() const { return m_store.get(); }
    WriteBatcher *batcher() const { return m_batcher.get(); }
    DeliveryService *delivery() const { return m_delivery; }
    ScheduleService *schedules() const { return m_schedules; }

    // Applies what can change while running: timeScale (later waits), synchronousFull,
    // retentionDays, retentionMaxMessages. Everything else in `config` waits for the next start.
    void applyRuntimeSettings(const BrokerConfig &config);
    Retention *retention() const { return m_retention; }
    // Replaces both signing keys (stored before use; `done` after the commit). Rotation and the
    // dashboard's "reset to the dev server's credentials" go through here.
    void setSigningKeys(const SigningKeys &keys, std::function<void(Status)> done = {});

    // An API call made in-process (the dashboard's actions): same routes and validation as HTTP.
    // Call it in the service's thread; `done` runs there too, once, with the HTTP status and body.
    void call(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
              const QList<QPair<QByteArray, QByteArray>> &headers,
              std::function<void(int status, const QByteArray &body)> done);

signals:
    void started(const QString &baseUrl);
    void countsChanged(const QVariantMap &counts);
    void signingKeysChanged(const QString &current, const QString &next);
    void messageFinished(const QString &id, const QString &state);

private:
    void registerRoutes();
    Status loadKeys();
    void applyRetentionPolicy();

    BrokerConfig m_config;
    IClock *m_clock;
    std::unique_ptr<IClock> m_ownedClock;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<WriteBatcher> m_batcher;
    std::unique_ptr<MessageStore> m_store;
    std::unique_ptr<DlqStore> m_dlq;
    std::unique_ptr<GateStore> m_gates;
    std::unique_ptr<TopicStore> m_topics;
    std::unique_ptr<ScheduleStore> m_scheduleStore;
    std::unique_ptr<KeyRing> m_keys;
    DeliveryService *m_delivery = nullptr;
    ScheduleService *m_schedules = nullptr;
    HttpIngress *m_ingress = nullptr;
    Retention *m_retention = nullptr;
    bool m_running = false;
};

} // namespace Broker
