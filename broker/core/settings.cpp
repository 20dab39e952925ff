#include "settings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSettings>

#include <array>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Broker {

namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kDay = 24 * 3600 * kSecond;

QString durabilityName(bool full)
{
    return full ? u"full"_s : u"normal"_s;
}

// The integer settings, read and written the same way.
qint64 intValue(Settings::Key key, const BrokerConfig &c)
{
    switch (key) {
    case Settings::Key::Port:
        return c.port;
    case Settings::Key::MaxBodyBytes:
        return c.maxBodyBytes;
    case Settings::Key::MaxRetries:
        return c.maxRetries;
    case Settings::Key::DefaultRetries:
        return c.defaultRetries;
    case Settings::Key::MaxDelayMs:
        return c.maxDelayMs;
    case Settings::Key::DefaultTimeoutMs:
        return c.defaultTimeoutMs;
    case Settings::Key::DedupWindowMs:
        return c.dedupWindowMs;
    case Settings::Key::MaxInFlightPerOrigin:
        return c.maxInFlightPerOrigin;
    case Settings::Key::RetentionDays:
        return c.retentionDays;
    case Settings::Key::RetentionMaxMessages:
        return c.retentionMaxMessages;
    default:
        return 0;
    }
}

void setIntValue(Settings::Key key, BrokerConfig &c, qint64 v)
{
    switch (key) {
    case Settings::Key::Port:
        c.port = quint16(v);
        break;
    case Settings::Key::MaxBodyBytes:
        c.maxBodyBytes = v;
        break;
    case Settings::Key::MaxRetries:
        c.maxRetries = int(v);
        break;
    case Settings::Key::DefaultRetries:
        c.defaultRetries = int(v);
        break;
    case Settings::Key::MaxDelayMs:
        c.maxDelayMs = v;
        break;
    case Settings::Key::DefaultTimeoutMs:
        c.defaultTimeoutMs = v;
        break;
    case Settings::Key::DedupWindowMs:
        c.dedupWindowMs = v;
        break;
    case Settings::Key::MaxInFlightPerOrigin:
        c.maxInFlightPerOrigin = int(v);
        break;
    case Settings::Key::RetentionDays:
        c.retentionDays = int(v);
        break;
    case Settings::Key::RetentionMaxMessages:
        c.retentionMaxMessages = v;
        break;
    default:
        break;
    }
}

bool isIntKey(Settings::Key key)
{
    const Settings::Range r = Settings::range(key);
    return r.min != 0 || r.max != 0;
}

} // namespace

QString Settings::filePath(const QString &dataDir)
{
    return QDir(dataDir).filePath(fileName());
}

QList<Settings::Key> Settings::allKeys()
{
    return {Key::BindAddress,   Key::Port,
            Key::Token,         Key::MaxBodyBytes,
            Key::MaxRetries,    Key::DefaultRetries,
            Key::MaxDelayMs,    Key::DefaultTimeoutMs,
            Key::DedupWindowMs, Key::MaxInFlightPerOrigin,
            Key::Durability,    Key::TimeScale,
            Key::RetentionDays, Key::RetentionMaxMessages,
            Key::Language};
}

QString Settings::keyName(Key key)
{
    switch (key) {
    case Key::BindAddress:
        return u"server/bindAddress"_s;
    case Key::Port:
        return u"server/port"_s;
    case Key::Token:
        return u"credentials/token"_s;
    case Key::MaxBodyBytes:
        return u"limits/maxBodyBytes"_s;
    case Key::MaxRetries:
        return u"limits/maxRetries"_s;
    case Key::DefaultRetries:
        return u"limits/defaultRetries"_s;
    case Key::MaxDelayMs:
        return u"limits/maxDelayMs"_s;
    case Key::DefaultTimeoutMs:
        return u"limits/defaultTimeoutMs"_s;
    case Key::DedupWindowMs:
        return u"limits/dedupWindowMs"_s;
    case Key::MaxInFlightPerOrigin:
        return u"limits/maxInFlightPerOrigin"_s;
    case Key::Durability:
        return u"storage/durability"_s;
    case Key::TimeScale:
        return u"delivery/timeScale"_s;
    case Key::RetentionDays:
        return u"retention/days"_s;
    case Key::RetentionMaxMessages:
        return u"retention/maxMessages"_s;
    case Key::Language:
        return u"ui/language"_s;
    }
    return {};
}

bool Settings::isLive(Key key)
{
    return key == Key::Durability || key == Key::TimeScale || key == Key::RetentionDays ||
           key == Key::RetentionMaxMessages;
}

Settings::Range Settings::range(Key key)
{
    switch (key) {
    case Key::Port:
        return {0, 65535};
    case Key::MaxBodyBytes:
        return {1024, 100LL * 1024 * 1024};
    case Key::MaxRetries:
    case Key::DefaultRetries:
        return {0, 100};
    case Key::MaxDelayMs:
        return {kSecond, 10 * 365 * kDay};
    case Key::DefaultTimeoutMs:
        // The per-attempt timeout a message may ask for is capped there too.
        return {kSecond, BrokerConfig{}.maxTimeoutMs};
    case Key::DedupWindowMs:
        return {kSecond, 90 * kDay};
    case Key::MaxInFlightPerOrigin:
        return {1, 100};
    case Key::RetentionDays:
        return {0, 36500};
    case Key::RetentionMaxMessages:
        return {0, 2'000'000'000};
    default:
        return {};
    }
}

std::optional<QHostAddress> Settings::parseBindAddress(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return QHostAddress(QHostAddress::LocalHost);
    QHostAddress address;
    if (trimmed.isEmpty() || !address.setAddress(trimmed))
        return std::nullopt;
    return address;
}

bool Settings::isValidToken(const QString &token)
{
    if (token.isEmpty() || token.size() > 4096)
        return false;
    for (const QChar c : token) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f)
            return false;
    }
    return true;
}

QString Settings::generateToken()
{
    std::array<quint32, 8> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray bytes(reinterpret_cast<const char *>(words.data()),
                           qsizetype(words.size() * sizeof(quint32)));
    return QString::fromLatin1(bytes.toBase64());
}

Settings Settings::load(const QString &path, QStringList *warnings)
{
    Settings settings;
    if (!QFileInfo::exists(path))
        return settings;
    const QSettings file(path, QSettings::IniFormat);
    const auto warn = [&](const QString &text) {
        qWarning("%s: %s", qPrintable(QDir::toNativeSeparators(path)), qPrintable(text));
        if (warnings)
            warnings->append(text);
    };
    if (file.status() != QSettings::NoError) {
        warn(u"cannot read the file (%1); using the defaults"_s.arg(
            file.status() == QSettings::FormatError ? u"format error"_s : u"access error"_s));
        return settings;
    }
    const int version = file.value(u"version"_s, Version).toInt();
    if (version > Version)
        warn(u"written by a newer LocalStash (version %1); reading what this one knows"_s.arg(
            version));

    BrokerConfig &c = settings.m_config;
    for (const Key key : allKeys()) {
        const QString name = keyName(key);
        if (!file.contains(name))
            continue;
        const QString text = file.value(name).toString().trimmed();
        const auto reject = [&](const QString &expected) {
            warn(u"ignoring %1=\"%2\": %3; using the default"_s.arg(
                name, key == Key::Token ? u"…"_s : text.left(80), expected));
        };
        if (isIntKey(key)) {
            bool ok = false;
            const qint64 v = text.toLongLong(&ok);
            const Range r = range(key);
            if (!ok || v < r.min || v > r.max)
                reject(u"expected a whole number from %1 to %2"_s.arg(r.min).arg(r.max));
            else
                setIntValue(key, c, v);
            continue;
        }
        switch (key) {
        case Key::BindAddress:
            if (const auto address = parseBindAddress(text))
                c.bindAddress = *address;
            else
                reject(u"expected an IP address"_s);
            break;
        case Key::Token:
            if (isValidToken(text))
                c.token = text;
            else
                reject(u"expected printable ASCII without spaces"_s);
            break;
        case Key::Durability:
            if (text == durabilityName(false) || text == durabilityName(true))
                c.synchronousFull = text == durabilityName(true);
            else
                reject(u"expected \"normal\" or \"full\""_s);
            break;
        case Key::TimeScale: {
            bool ok = false;
            const double v = text.toDouble(&ok);
            if (ok && std::isfinite(v) && v >= MinTimeScale && v <= MaxTimeScale)
                c.timeScale = v;
            else
                reject(u"expected a number from %1 to %2"_s.arg(MinTimeScale).arg(MaxTimeScale));
            break;
        }
        case Key::Language:
            if (languages().contains(text))
                settings.m_language = text;
            else
                reject(u"expected one of \"\", \"en\", \"de\""_s);
            break;
        default:
            break;
        }
    }
    if (c.defaultRetries > c.maxRetries) {
        warn(u"%1 (%2) is above %3 (%4); using %4"_s.arg(keyName(Key::DefaultRetries))
                 .arg(c.defaultRetries)
                 .arg(keyName(Key::MaxRetries))
                 .arg(c.maxRetries));
        c.defaultRetries = c.maxRetries;
    }
    return settings;
}

Status Settings::save(const QString &path) const
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return ApiError{
            ErrorCode::StorageFailed,
            u"cannot create the directory %1"_s.arg(QDir::toNativeSeparators(info.absolutePath()))};
    QSettings file(path, QSettings::IniFormat);
    file.setValue(u"version"_s, Version);
    for (const Key key : allKeys()) {
        const QString name = keyName(key);
        if (isIntKey(key)) {
            file.setValue(name, intValue(key, m_config));
            continue;
        }
        switch (key) {
        case Key::BindAddress:
            file.setValue(name, m_config.bindAddress.toString());
            break;
        case Key::Token:
            file.setValue(name, m_config.token);
            break;
        case Key::Durability:
            file.setValue(name, durabilityName(m_config.synchronousFull));
            break;
        case Key::TimeScale:
            file.setValue(name, m_config.timeScale);
            break;
        case Key::Language:
            file.setValue(name, m_language);
            break;
        default:
            break;
        }
    }
    file.sync();
    if (file.status() != QSettings::NoError)
        return ApiError{ErrorCode::StorageFailed,
                        u"cannot write %1 (%2)"_s.arg(QDir::toNativeSeparators(path),
                                                      file.status() == QSettings::AccessError
                                                          ? u"access denied"_s
                                                          : u"format error"_s)};
    // The token is a credential: only its owner reads the file.
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return Ok{};
}

void Settings::copyField(Key key, const BrokerConfig &from, BrokerConfig &to)
{
    if (isIntKey(key)) {
        setIntValue(key, to, intValue(key, from));
        return;
    }
    switch (key) {
    case Key::BindAddress:
        to.bindAddress = from.bindAddress;
        break;
    case Key::Token:
        to.token = from.token;
        break;
    case Key::Durability:
        to.synchronousFull = from.synchronousFull;
        break;
    case Key::TimeScale:
        to.timeScale = from.timeScale;
        break;
    default:
        break;
    }
}

bool Settings::sameField(Key key, const BrokerConfig &a, const BrokerConfig &b)
{
    if (isIntKey(key))
        return intValue(key, a) == intValue(key, b);
    switch (key) {
    case Key::BindAddress:
        return a.bindAddress == b.bindAddress;
    case Key::Token:
        return a.token == b.token;
    case Key::Durability:
        return a.synchronousFull == b.synchronousFull;
    case Key::TimeScale:
        return qFuzzyCompare(a.timeScale, b.timeScale);
    default:
        return true;
    }
}

void Settings::applyTo(BrokerConfig &target) const
{
    for (const Key key : allKeys())
        copyField(key, m_config, target);
}

QList<Settings::Key> Settings::differences(const Settings &other) const
{
    QList<Key> keys;
    for (const Key key : allKeys()) {
        const bool same = key == Key::Language ? m_language == other.m_language
                                               : sameField(key, m_config, other.m_config);
        if (!same)
            keys.append(key);
    }
    return keys;
}

} // namespace Broker
