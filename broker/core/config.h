#pragma once
// Everything the broker is configured with. The app fills it from settings and the command line;
// tests build it directly. Defaults mirror the QStash dev server (qstash-api.md §1.4) and the
// free plan's limits (§3.5), each overridable.

#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace Broker {

struct DevCredentials
{
    // User 1 of `qstash-cli dev`: SDK dev mode (QSTASH_DEV=true) probes for exactly these.
    static QString token()
    {
        return QStringLiteral(
            "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=");
    }
    static QString currentSigningKey()
    {
        return QStringLiteral("sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r");
    }
    static QString nextSigningKey() { return QStringLiteral("sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs"); }
};

struct BrokerConfig
{
    QHostAddress bindAddress = QHostAddress::LocalHost;
    quint16 port = 8080;
    QString dataDir;       // directory holding localstash.db; must exist or be creatable
    bool inMemory = false; // tests only: no file at all

    QString token = DevCredentials::token();
    // Signing keys used the first time a data dir is created; later they live in the database.
    QString initialCurrentKey = DevCredentials::currentSigningKey();
    QString initialNextKey = DevCredentials::nextSigningKey();

    qint64 maxBodyBytes = 1024 * 1024;            // free plan: 1 MB
    qint64 maxUrlBytes = 16 * 1024;               // request target
    int maxRetries = 20;                          // cap on Upstash-Retries
    int defaultRetries = 3;                       // QStash default
    qint64 maxDelayMs = 365LL * 24 * 3600 * 1000; // pay-as-you-go: 1 year
    qint64 defaultTimeoutMs = 15LL * 60 * 1000;   // free plan max response duration
    qint64 maxTimeoutMs = 2LL * 3600 * 1000;      // PAYG max response duration
    int maxInFlightPerOrigin = 8;                 // QNAM opens 6 connections per host:port
    qint64 maxRecordedResponseBytes = 64 * 1024;  // response bodies kept per attempt
    bool synchronousFull = false;                 // PRAGMA synchronous=FULL (power-loss safe)
    qint64 dueHorizonMs = 60'000;                 // delayed messages held in memory this far ahead
    // Multiplies delay and retry waits (0.01 turns the 12 s first retry into 120 ms). 1 = real
    // time.
    double timeScale = 1.0;
    // How long a deduplication id or content hash is remembered. QStash's docs disagree (10 min in
    // the OpenAPI file, 90 days in the SDK comments); 10 minutes keeps re-runs of a dev loop
    // working.
    qint64 dedupWindowMs = 10 * 60 * 1000;
    // Host header check against DNS rebinding; on by default whenever bound to loopback.
    bool checkHostHeader = true;
    // Retention (design §4): finished messages with their events, and DLQ entries, older than this
    // many days are pruned in small batches off the hot path. 0 keeps them forever. QStash
    // pay-as-you-go keeps logs and the DLQ for 7 days.
    int retentionDays = 7;
    // At most this many finished messages are kept; the oldest go first. 0 = no limit.
    qint64 retentionMaxMessages = 1'000'000;
};

} // namespace Broker
