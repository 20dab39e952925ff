#include "brokerclient.h"

#include "brokerservice.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QMutexLocker>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Dashboard {

namespace {

QAtomicInteger<int> s_connectionCounter;
constexpr int kDefaultCoalesceMs = 250;

} // namespace

// Shared between the GUI thread and the broker thread. The broker side only ever posts to the
// client while holding the mutex, and the client clears the pointer under the same mutex before
// it dies, so nothing is posted to a destroyed object; events already posted die with it.
struct BrokerClient::Relay
{
    QMutex mutex;
    BrokerClient *client = nullptr;
    QAtomicInteger<int> changePosted = 0;

    void post(std::function<void(BrokerClient *)> fn)
    {
        const QMutexLocker lock(&mutex);
        if (!client)
            return;
        BrokerClient *target = client;
        QMetaObject::invokeMethod(
            target, [target, fn = std::move(fn)] { fn(target); }, Qt::QueuedConnection);
    }

    // Called in the broker thread for every finished message: at most one notification is in
    // flight to the GUI thread at any time.
    void changed()
    {
        if (!changePosted.testAndSetRelaxed(0, 1))
            return;
        post([](BrokerClient *c) {
            c->m_relay->changePosted.storeRelaxed(0);
            c->markChanged();
        });
    }
};

QJsonValue ApiResult::json() const
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return {};
    if (doc.isArray())
        return doc.array();
    return doc.object();
}

QString ApiResult::errorText() const
{
    const QString message = json().toObject().value(u"error"_s).toString();
    if (!message.isEmpty())
        return message;
    const QString text = QString::fromUtf8(body.left(300)).trimmed();
    if (status == 0)
        return QCoreApplication::translate("Dashboard::BrokerClient", "no answer from the broker");
    //: %1 is an HTTP status code, %2 the start of the answer's body
    return QCoreApplication::translate("Dashboard::BrokerClient", "HTTP %1 %2")
        .arg(status)
        .arg(text)
        .trimmed();
}

QString openReadOnlyDatabase(const QString &path, const QString &connectionName)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName);
    db.setDatabaseName(path);
    // Read-only at the SQLite level: the dashboard can never write, whatever a query says.
    db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=2000"_s);
    if (!db.open())
        return db.lastError().text();
    QSqlQuery q(db);
    // WAL lets this connection read while the broker writes; busy_timeout covers checkpoints.
    for (const QString &pragma : {u"PRAGMA busy_timeout=2000"_s, u"PRAGMA query_only=1"_s}) {
        if (!q.exec(pragma))
            return q.lastError().text();
    }
    return {};
}

BrokerClient::BrokerClient(Broker::Service *service, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_relay(std::make_shared<Relay>())
    , m_connectionName(u"localstash-ui-%1"_s.arg(s_connectionCounter.fetchAndAddRelaxed(1)))
{
    m_relay->client = this;
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(kDefaultCoalesceMs);
    connect(&m_coalesce, &QTimer::timeout, this, &BrokerClient::storeChanged);

    if (!m_service) {
        m_databaseError = tr("The broker is not running.");
        return;
    }
    m_baseUrl = m_service->baseUrl();
    m_token = m_service->token();
    m_config = m_service->config();
    const QString path = m_service->databasePath();
    if (path.isEmpty() || path == u":memory:"_s)
        m_databaseError = tr("The broker keeps no database file (in-memory mode).");
    else
        m_databaseError = openReadOnlyDatabase(path, m_connectionName);

    // Queued into the broker's thread (auto connection): counts are batched there already.
    connect(m_service, &Broker::Service::countsChanged, this, &BrokerClient::handleCounts);
    connect(m_service, &Broker::Service::signingKeysChanged, this,
            &BrokerClient::handleSigningKeys);
    // One signal per finished message: handled in the broker's thread (the service is the
    // context), where it only flips a flag unless a notification is already on its way.
    std::shared_ptr<Relay> relay = m_relay;
    connect(
        m_service, &Broker::Service::messageFinished, m_service,
        [relay](const QString &, const QString &) { relay->changed(); }, Qt::DirectConnection);

    // The first counts and keys, read in the service's own thread.
    Broker::Service *svc = m_service;
    QMetaObject::invokeMethod(
        svc,
        [svc, relay] {
            const QVariantMap counts = svc->counts();
            const Broker::SigningKeys keys = svc->signingKeys();
            relay->post([counts, keys](BrokerClient *c) {
                c->handleSigningKeys(keys.current, keys.next);
                c->handleCounts(counts);
            });
        },
        Qt::QueuedConnection);
}

BrokerClient::~BrokerClient()
{
    {
        const QMutexLocker lock(&m_relay->mutex);
        m_relay->client = nullptr;
    }
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

QSqlDatabase BrokerClient::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

void BrokerClient::call(const QByteArray &method, const QString &pathAndQuery,
                        const QByteArray &body, const Broker::HeaderList &headers, QObject *context,
                        Callback done)
{
    const quint64 id = m_nextCallId++;
    PendingCall pending;
    pending.context = context;
    pending.hasContext = context != nullptr;
    pending.mutating = method != "GET";
    pending.done = std::move(done);
    m_pending.insert(id, std::move(pending));

    if (!m_service) {
        QMetaObject::invokeMethod(
            this,
            [this, id] {
                handleAnswer(id, 503, QByteArrayLiteral(R"({"error":"broker not running"})"));
            },
            Qt::QueuedConnection);
        return;
    }
    Broker::Service *svc = m_service;
    std::shared_ptr<Relay> relay = m_relay;
    QMetaObject::invokeMethod(
        svc,
        [svc, relay, id, method, pathAndQuery, body, headers] {
            svc->call(method, pathAndQuery, body, headers,
                      [relay, id](int status, const QByteArray &answer) {
                          relay->post([id, status, answer](BrokerClient *c) {
                              c->handleAnswer(id, status, answer);
                          });
                      });
        },
        Qt::QueuedConnection);
}

namespace {

// `done`, made to do nothing once `context` (when one was given) has been destroyed.
template<typename T>
std::function<void(const T &)> guarded(QObject *context, std::function<void(const T &)> done)
{
    QPointer<QObject> guard = context;
    const bool hasContext = context != nullptr;
    return [guard, hasContext, done = std::move(done)](const T &value) {
        if ((hasContext && !guard) || !done)
            return;
        done(value);
    };
}

} // namespace

template<typename T>
void BrokerClient::inBrokerThread(
    std::function<void(Broker::Service *, std::function<void(T)>)> work,
    std::function<void(T)> finish)
{
    Broker::Service *svc = m_service;
    std::shared_ptr<Relay> relay = m_relay;
    QMetaObject::invokeMethod(
        svc,
        [svc, relay, work = std::move(work), finish = std::move(finish)] {
            work(svc, [relay, finish](T value) {
                relay->post([finish, value](BrokerClient *) { finish(value); });
            });
        },
        Qt::QueuedConnection);
}

void BrokerClient::applyRuntimeSettings(const Broker::BrokerConfig &config, QObject *context,
                                        std::function<void(const Broker::BrokerConfig &)> done)
{
    auto finish = [this,
                   done = guarded(context, std::move(done))](const Broker::BrokerConfig &applied) {
        m_config = applied;
        done(applied);
    };
    if (!m_service) {
        QMetaObject::invokeMethod(
            this, [this, finish] { finish(m_config); }, Qt::QueuedConnection);
        return;
    }
    inBrokerThread<Broker::BrokerConfig>(
        [config](Broker::Service *svc, std::function<void(Broker::BrokerConfig)> reply) {
            svc->applyRuntimeSettings(config);
            reply(svc->config());
        },
        std::move(finish));
}

void BrokerClient::setSigningKeys(const QString &current, const QString &next, QObject *context,
                                  std::function<void(const QString &)> done)
{
    auto finish = guarded(context, std::move(done));
    if (!m_service) {
        QMetaObject::invokeMethod(
            this, [finish] { finish(tr("The broker is not running.")); }, Qt::QueuedConnection);
        return;
    }
    const Broker::SigningKeys keys{current, next};
    inBrokerThread<QString>(
        [keys](Broker::Service *svc, std::function<void(QString)> reply) {
            svc->setSigningKeys(
                keys, [reply](Broker::Status st) { reply(st ? QString() : st.error().message); });
        },
        std::move(finish));
}

void BrokerClient::handleAnswer(quint64 id, int status, const QByteArray &body)
{
    const PendingCall pending = m_pending.take(id);
    if (pending.mutating)
        markChanged();
    if (pending.hasContext && !pending.context)
        return;
    if (pending.done)
        pending.done(ApiResult{status, body});
}

void BrokerClient::handleCounts(const QVariantMap &counts)
{
    m_counts = counts;
    emit countsChanged(counts);
    markChanged();
}

void BrokerClient::handleSigningKeys(const QString &current, const QString &next)
{
    if (m_keys.current == current && m_keys.next == next)
        return;
    m_keys = Broker::SigningKeys{current, next};
    emit signingKeysChanged(current, next);
}

void BrokerClient::markChanged()
{
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

} // namespace Dashboard
