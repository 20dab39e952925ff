#include "keyring.h"

#include "core/ids.h"

namespace Broker {

SigningKeys KeyRing::rotated() const
{
    return SigningKeys{m_keys.next, Ids::newSigningKey()};
}

} // namespace Broker
