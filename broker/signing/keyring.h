#pragma once
// The signing key pair. Deliveries are signed with `current`; receivers try `current` then `next`.
// Rotation makes `next` current and draws a fresh `next` (qstash-api.md §11). The pair lives in
// the database so rotation survives restarts.

#include <QString>

namespace Broker {

struct SigningKeys
{
    QString current;
    QString next;
};

class KeyRing final
{
public:
    SigningKeys keys() const { return m_keys; }
    void set(const SigningKeys &keys) { m_keys = keys; }
    SigningKeys rotated() const;

    static constexpr auto CurrentKey = "signing.current";
    static constexpr auto NextKey = "signing.next";

private:
    SigningKeys m_keys;
};

} // namespace Broker
