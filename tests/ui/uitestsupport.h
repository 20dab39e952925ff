#pragma once
// What the dashboard tests share: a real broker (127.0.0.1:0, temporary data dir, manual
// clock), a real local receiver, and a BrokerClient on them; synchronous API calls that wait
// on the event loop (never a fixed sleep); the screenshot directory.

#include "brokerclient.h"
#include "httpsink.h"
#include "testbroker.h"

#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>
#include <QWidget>

#include <memory>
#include <optional>

namespace UiTest {

inline Dashboard::ApiResult callSync(Dashboard::BrokerClient &client, const QByteArray &method,
                                     const QString &path, const QByteArray &body = {},
                                     const Broker::HeaderList &headers = {})
{
    std::optional<Dashboard::ApiResult> result;
    client.call(method, path, body, headers, nullptr,
                [&result](const Dashboard::ApiResult &r) { result = r; });
    (void)QTest::qWaitFor([&result] { return result.has_value(); }, 10000);
    return result.value_or(Dashboard::ApiResult{});
}

struct Fixture
{
    std::unique_ptr<TestSupport::HttpSink> sink;
    std::unique_ptr<TestSupport::TestBroker> broker;
    std::unique_ptr<Dashboard::BrokerClient> client;

    bool start(Broker::BrokerConfig config = {})
    {
        sink = std::make_unique<TestSupport::HttpSink>();
        if (!sink->start())
            return false;
        broker = std::make_unique<TestSupport::TestBroker>(config);
        if (!broker->start().ok())
            return false;
        client = std::make_unique<Dashboard::BrokerClient>(&broker->service());
        client->setCoalesceInterval(20);
        // The first counts and keys arrive queued.
        return QTest::qWaitFor([this] { return !client->signingKeys().current.isEmpty(); }, 5000) &&
               client->hasDatabase();
    }

    // Publishes to the sink's `path`; returns the message id ("" on failure).
    QString publish(const QString &path, const Broker::HeaderList &headers = {},
                    const QByteArray &body = R"({"hello":"world"})")
    {
        Broker::HeaderList h = headers;
        h.prepend({"Content-Type", "application/json"});
        const auto r =
            callSync(*client, "POST", QStringLiteral("/v2/publish/") + sink->url(path), body, h);
        return r.json().toObject().value(QStringLiteral("messageId")).toString();
    }

    QString state(const QString &messageId) const
    {
        QSqlQuery q(client->database());
        q.prepare(QStringLiteral("SELECT state FROM messages WHERE id = ?"));
        q.addBindValue(messageId);
        return q.exec() && q.next() ? q.value(0).toString() : QString();
    }

    qint64 count(const QString &sql) const
    {
        QSqlQuery q(client->database());
        return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
    }

    ~Fixture()
    {
        client.reset();
        broker.reset();
        sink.reset();
    }
};

inline QString saveScreenshot(QWidget *widget, const QString &name)
{
    const QDir dir(qEnvironmentVariable("LOCALSTASH_TEST_OUTPUT", QDir::tempPath()));
    if (!dir.exists())
        QDir().mkpath(dir.absolutePath());
    const QString path = dir.filePath(name);
    const QImage image = widget->grab().toImage();
    if (image.isNull() || !image.save(path))
        return {};
    qInfo("Screenshot: %s", qPrintable(QDir::toNativeSeparators(path)));
    return path;
}

} // namespace UiTest
