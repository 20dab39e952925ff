#pragma once
// Identifiers in QStash's shapes: `msg_` + base58, `sig_` + alphanumerics, `jwt_` + base58.

#include <QString>

namespace Broker::Ids {

// Unique but guessable (ids); secretBase58 draws from the system's generator (keys).
QString randomBase58(int length);
QString secretBase58(int length);
QString newMessageId();
QString newJwtId();
QString newSigningKey();

} // namespace Broker::Ids
