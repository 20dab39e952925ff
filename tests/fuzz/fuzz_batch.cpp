// libFuzzer target: the batch route's JSON (POST /v2/batch). Its parsing lives inside the route
// (http/batchroutes.cpp, not callable on its own), so every input goes through Service::call on
// an in-memory broker whose delivery is stopped: the same validation and storage as over HTTP,
// without the network. Every input gets exactly one answer: 2xx with the stored ids, or a 4xx
// `{"error":…}`; never a 5xx, never silence.

#include "brokerservice.h"
#include "core/clock.h"
#include "delivery/deliveryservice.h"
#include "store/writebatcher.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <cstdint>

namespace {

// Never destroyed: at exit Qt's own globals (the SQL connection registry) may already be gone.
QCoreApplication *s_app = nullptr;
Broker::ManualClock *s_clock = nullptr;
Broker::Service *s_service = nullptr;
int s_runs = 0;

void freshBroker()
{
    delete s_service;
    Broker::BrokerConfig config;
    config.inMemory = true;
    config.port = 0;
    s_service = new Broker::Service(config, s_clock);
    if (!s_service->start())
        __builtin_trap();
    s_service->delivery()->stop(); // store only: nothing leaves this process
    // A URL group, so group destinations resolve too.
    s_service->call(
        "POST", QStringLiteral("/v2/topics/g/endpoints"),
        R"({"endpoints":[{"url":"http://127.0.0.1:9/a"},{"url":"http://127.0.0.1:9/b"}]})", {},
        [](int, const QByteArray &) {});
    s_service->batcher()->flush();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    s_app = new QCoreApplication(*argc, *argv);
    QLoggingCategory::setFilterRules(QStringLiteral("localstash.*.info=false"));
    s_clock = new Broker::ManualClock(1'800'000'000'000);
    freshBroker();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (++s_runs % 2000 == 0)
        freshBroker(); // keep the in-memory database small
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    int answers = 0;
    int status = 0;
    QByteArray answer;
    s_service->call("POST", QStringLiteral("/v2/batch"), body,
                    {{"Content-Type", "application/json"}}, [&](int st, const QByteArray &out) {
                        ++answers;
                        status = st;
                        answer = out;
                    });
    s_service->batcher()->flush(); // the commit, and with it the answer
    if (answers != 1 || status >= 500 || status < 200)
        __builtin_trap();
    const QJsonDocument doc = QJsonDocument::fromJson(answer);
    if (status >= 400) {
        if (!doc.isObject() || !doc.object().value(QStringLiteral("error")).isString())
            __builtin_trap();
    } else if (!doc.isArray()) {
        __builtin_trap();
    }
    return 0;
}
