#pragma once
// The dashboard's only way to the broker. Actions run as in-process API calls
// (Broker::Service::call) queued into the broker's thread, their answers queued back into the GUI
// thread; views read through the client's own read-only SQLite connection; the broker's change
// signals are coalesced into at most a few `storeChanged()` per second, so a flood of messages
// costs the window a handful of refreshes, and the broker never waits for the window.

#include "core/config.h"
#include "core/message.h"
#include "signing/keyring.h"

#include <QHash>
#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QSqlDatabase>
#include <QTimer>
#include <QVariantMap>

#include <functional>
#include <memory>

namespace Broker {
class Service;
}

namespace Dashboard {

struct ApiResult
{
    int status = 0;
    QByteArray body;

    bool ok() const { return status >= 200 && status < 300; }
    QJsonValue json() const;
    // The API's own {"error": "..."} text, else the status and the start of the body.
    QString errorText() const;
};

// Opens a read-only connection (QSQLITE_OPEN_READONLY, busy timeout, query_only) named
// `connectionName`; returns the error text, empty on success.
QString openReadOnlyDatabase(const QString &path, const QString &connectionName);

class BrokerClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrokerClient)
public:
    using Callback = std::function<void(const ApiResult &)>;

    // `service` lives in another thread (or this one, in tests) and must outlive the client; it
    // may be null, then every call fails with 503 and views stay empty. Construct it after the
    // service has started: baseUrl(), token() and databasePath() are read once, here.
    explicit BrokerClient(Broker::Service *service, QObject *parent = nullptr);
    ~BrokerClient() override;

    bool hasDatabase() const { return m_databaseError.isEmpty(); }
    QString databaseError() const { return m_databaseError; }
    // The read-only connection's name, for QSqlDatabase::database(name) in the GUI thread.
    QString connectionName() const { return m_connectionName; }
    QSqlDatabase database() const;

    QString baseUrl() const { return m_baseUrl; }
    QString token() const { return m_token; }
    // The running broker's configuration: read once at construction, then kept in step with
    // what applyRuntimeSettings() changed.
    const Broker::BrokerConfig &config() const { return m_config; }
    Broker::SigningKeys signingKeys() const { return m_keys; }
    QVariantMap counts() const { return m_counts; }

    // Runs one API call in the broker's thread; `done` runs in this thread, unless `context` was
    // given and has been destroyed by then. Mutating calls (anything but GET) mark the store
    // changed once they are answered.
    void call(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
              const Broker::HeaderList &headers, QObject *context, Callback done);
    void get(const QString &pathAndQuery, QObject *context, Callback done)
    {
        call("GET", pathAndQuery, {}, {}, context, std::move(done));
    }
    int pendingCalls() const { return int(m_pending.size()); }

    // Service::applyRuntimeSettings in the broker's thread (what can change while running: time
    // scale, durability, retention); `done` runs in this thread with the configuration the
    // broker then has, unless `context` has been destroyed by then.
    void applyRuntimeSettings(const Broker::BrokerConfig &config, QObject *context,
                              std::function<void(const Broker::BrokerConfig &)> done);

    // Service::setSigningKeys in the broker's thread; `done` runs here with an error text (empty
    // on success), unless `context` has been destroyed by then.
    void setSigningKeys(const QString &current, const QString &next, QObject *context,
                        std::function<void(const QString &error)> done);

    // How long change notifications are gathered before storeChanged() (default 250 ms).
    void setCoalesceInterval(int ms) { m_coalesce.setInterval(ms); }

signals:
    void countsChanged(const QVariantMap &counts);
    void signingKeysChanged(const QString &current, const QString &next);
    // Something in the store changed (messages, DLQ, schedules...); coalesced.
    void storeChanged();

private:
    struct Relay;
    struct PendingCall
    {
        QPointer<QObject> context;
        bool hasContext = false;
        bool mutating = false;
        Callback done;
    };

    void handleCounts(const QVariantMap &counts);
    void handleSigningKeys(const QString &current, const QString &next);
    void handleAnswer(quint64 id, int status, const QByteArray &body);
    // Runs `work` in the broker's thread; what it replies reaches `finish` in this thread.
    template<typename T>
    void inBrokerThread(std::function<void(Broker::Service *, std::function<void(T)>)> work,
                        std::function<void(T)> finish);
    void markChanged();

    Broker::Service *m_service;
    std::shared_ptr<Relay> m_relay;
    QString m_connectionName;
    QString m_databaseError;
    QString m_baseUrl;
    QString m_token;
    Broker::BrokerConfig m_config;
    Broker::SigningKeys m_keys;
    QVariantMap m_counts;
    QHash<quint64, PendingCall> m_pending;
    quint64 m_nextCallId = 1;
    QTimer m_coalesce;
};

} // namespace Dashboard
