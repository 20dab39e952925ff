#include "ids.h"

#include <QRandomGenerator>

namespace Broker::Ids {

QString randomBase58(int length)
{
    static constexpr char alphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    QString out;
    out.reserve(length);
    auto *rng = QRandomGenerator::system();
    for (int i = 0; i < length; ++i)
        out.append(QLatin1Char(alphabet[rng->bounded(58)]));
    return out;
}

QString newMessageId()
{
    return QStringLiteral("msg_") + randomBase58(26);
}

QString newJwtId()
{
    return QStringLiteral("jwt_") + randomBase58(22);
}

QString newSigningKey()
{
    return QStringLiteral("sig_") + randomBase58(28);
}

} // namespace Broker::Ids
