#include "ids.h"

#include <QDateTime>
#include <QRandomGenerator>

#include <algorithm>
#include <array>

namespace Broker::Ids {

namespace {
// In ASCII order, so fixed-width numbers written with it sort like the numbers.
constexpr char kAlphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
constexpr int kMaxRandom = 64;

QString base58From(QRandomGenerator *generator, int length)
{
    // One call to the generator for the whole id, not one per character.
    std::array<quint32, kMaxRandom> words{};
    length = std::clamp(length, 0, kMaxRandom);
    generator->fillRange(words.data(), qsizetype(length));
    QString out(length, Qt::Uninitialized);
    for (int i = 0; i < length; ++i)
        out[i] = QLatin1Char(kAlphabet[words[size_t(i)] % 58]);
    return out;
}

} // namespace

QString randomBase58(int length)
{
    // Ids are unique, not secret: Qt's global generator (seeded from the system's) is enough, and
    // the system generator costs a CPU random-number instruction per word, which is slow on
    // virtual machines (measured: 7% of the broker thread at 6,000 publishes/s, for 18 words
    // per message id).
    return base58From(QRandomGenerator::global(), length);
}

QString secretBase58(int length)
{
    return base58From(QRandomGenerator::system(), length);
}

QString newMessageId()
{
    // Same shape as before (msg_ + 26 base58 characters), but the first 8 are the creation time
    // in ms: ids then sort by creation, so the id index (and the events' message_id index) grow
    // at their right edge instead of dirtying a random page per insert. The time only orders
    // the ids; nothing reads it back (semantic time comes from IClock).
    qint64 ms = std::max<qint64>(0, QDateTime::currentMSecsSinceEpoch());
    QString out = QStringLiteral("msg_") + QString(8, Qt::Uninitialized);
    for (int i = 7; i >= 0; --i) {
        out[4 + i] = QLatin1Char(kAlphabet[ms % 58]);
        ms /= 58;
    }
    return out + randomBase58(18);
}

QString newJwtId()
{
    return QStringLiteral("jwt_") + randomBase58(22);
}

QString newSigningKey()
{
    return QStringLiteral("sig_") + secretBase58(28);
}

} // namespace Broker::Ids
