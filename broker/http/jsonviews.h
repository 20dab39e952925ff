#pragma once
// The JSON shapes of qstash-api.md §17: messages, log events, attempts. Redaction
// (`Upstash-Redact-Fields`) is applied here, on the way out; stored and delivered data keep the
// real values.

#include "core/message.h"
#include "store/messagestore.h"

#include <QJsonObject>

namespace Broker::Json {

// {Name: [values]} with canonical names, optionally redacting per the message's redact options.
QJsonObject headerMap(const HeaderList &headers, const QJsonObject &options = {});
// Sets key (UTF-8 text) or keyBase64 when the bytes are not valid UTF-8.
void putBody(QJsonObject &obj, const QByteArray &body, const QString &key,
             const QString &base64Key);
bool isValidUtf8(const QByteArray &bytes);
bool redactsBody(const QJsonObject &options);
QString redactedValue(const QByteArray &value);

QJsonObject message(const Message &m);
QJsonObject event(const EventRecord &e, const Message *m);
QJsonObject attempt(const AttemptRecord &a, const QJsonObject &redactOptions);

} // namespace Broker::Json
