#pragma once
// Turns a publish/enqueue request (headers, `upstash-*` query parameters, path remainder) into a
// validated message template: qstash-api.md §3. Everything a user can get wrong is rejected here
// with a 400 naming the header, before anything is stored.

#include "apirequest.h"
#include "core/config.h"
#include "core/message.h"

namespace Broker {

struct PublishRequest
{
    Message message;     // url unset for URL groups
    QString groupName;   // set when the destination is a URL-group name
    QString destination; // as given (URL or group name)
    qint64 delayMs = -1; // -1 = none
    qint64 notBeforeMs = -1;
    bool contentBasedDedup = false;
};

// Connection and credential headers (host, content-length, authorization, ...): describe the
// request, not the message, so they are never forwarded or stored. `lower` is lower case.
bool isHopOrTransportHeader(const QByteArray &lower);

// Destination from the raw path remainder plus the raw query minus reserved keys
// (`qstash_token`, `upstash-*`). Keeps `//`, percent-escapes and dot segments as sent.
QString rebuildDestination(const QString &rawRest, const QString &rawQuery);

// Validates an absolute http(s) URL destination; returns the URL bytes to store.
Result<QByteArray> validateUrl(const QString &destination);

Result<PublishRequest> parsePublish(const ApiRequest &request, const QString &destination,
                                    const BrokerConfig &config, qint64 nowMs);

} // namespace Broker
