#pragma once
// The settings the user changes (Settings page) and the app starts from: `localstash.ini` in the
// data directory, so `--data-dir` isolates a test or CI run completely. Maps to and from the
// persisted fields of BrokerConfig, plus the dashboard's language. Values are checked on load:
// a bad one falls back to its default with a warning, never stops the broker from starting.

#include "core/config.h"
#include "core/result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Broker {

class Settings final
{
public:
    // Every persisted setting. Live ones are applied to a running broker
    // (Service::applyRuntimeSettings); the others take effect at the next start.
    enum class Key {
        BindAddress,
        Port,
        Token,
        MaxBodyBytes,
        MaxRetries,
        DefaultRetries,
        MaxDelayMs,
        DefaultTimeoutMs,
        DedupWindowMs,
        MaxInFlightPerOrigin,
        Durability,
        TimeScale,
        RetentionDays,
        RetentionMaxMessages,
        Language,
    };

    struct Range
    {
        qint64 min = 0;
        qint64 max = 0;
    };

    static constexpr int Version = 1;
    // The only languages shipped: "" follows the system locale, English is the source language.
    static QStringList languages()
    {
        return {QString(), QStringLiteral("en"), QStringLiteral("de")};
    }

    static QString fileName() { return QStringLiteral("localstash.ini"); }
    static QString filePath(const QString &dataDir);
    static QList<Key> allKeys();
    // The INI key, e.g. "server/port".
    static QString keyName(Key key);
    static bool isLive(Key key);
    // Accepted values of the integer settings (milliseconds, bytes, counts); {0, 0} for others.
    static Range range(Key key);
    static constexpr double MinTimeScale = 0.0001;
    static constexpr double MaxTimeScale = 1000;

    // An IP address to listen on ("localhost" means 127.0.0.1); nullopt when it is none.
    static std::optional<QHostAddress> parseBindAddress(const QString &text);
    // A token is sent in `Authorization: Bearer …`: printable ASCII without spaces.
    static bool isValidToken(const QString &token);
    // 32 random bytes, base64: as hard to guess as the tokens QStash issues.
    static QString generateToken();

    // Reads `path`; a missing file gives the defaults. Every value that is missing keeps its
    // default; every bad one too, with a qWarning and a line in `warnings`.
    static Settings load(const QString &path, QStringList *warnings = nullptr);
    static Settings loadFromDataDir(const QString &dataDir, QStringList *warnings = nullptr)
    {
        return load(filePath(dataDir), warnings);
    }
    // Writes every setting (keys it does not know are kept), creating the directory if needed;
    // the file is readable by its owner only, since it holds the token.
    Status save(const QString &path) const;

    // The persisted fields of `config` (the rest of BrokerConfig is not a setting).
    const BrokerConfig &config() const { return m_config; }
    void setConfig(const BrokerConfig &config) { m_config = config; }
    // Copies the persisted fields into `target`, leaving dataDir, inMemory etc. alone.
    void applyTo(BrokerConfig &target) const;
    static void copyField(Key key, const BrokerConfig &from, BrokerConfig &to);
    static bool sameField(Key key, const BrokerConfig &a, const BrokerConfig &b);

    QString language() const { return m_language; }
    void setLanguage(const QString &language) { m_language = language; }

    // The settings that differ between the two, in allKeys() order.
    QList<Key> differences(const Settings &other) const;
    bool operator==(const Settings &other) const { return differences(other).isEmpty(); }

private:
    BrokerConfig m_config;
    QString m_language;
};

} // namespace Broker
