#pragma once
// Callback messages (qstash-api.md §13.5): after every attempt of a message with
// `Upstash-Callback`, and once after its final failure for `Upstash-Failure-Callback`, a new
// message is published to that URL with the attempt's outcome as a JSON body. They are ordinary
// messages: signed (sub = the callback URL), retried, logged.

#include "core/message.h"
#include "dispatcher.h"

#include <optional>

namespace Broker {

namespace Callbacks {

// The success/every-attempt callback for this attempt, if the message asked for one.
std::optional<Message> afterAttempt(const Message &source, const DeliveryResult &result,
                                    qint64 nowMs, qint64 maxBodyBytes);
// The failure callback after the final failure, if the message asked for one.
std::optional<Message> afterFailure(const Message &source, const DeliveryResult &result,
                                    const QString &dlqId, qint64 nowMs, qint64 maxBodyBytes);

} // namespace Callbacks

} // namespace Broker
