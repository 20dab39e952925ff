#pragma once
// How the dashboard shows the broker's values: times, durations, message states (name, colour,
// icon), HTTP statuses and bodies (JSON pretty-printed, binary described), header lists.

#include "core/message.h"

#include <QColor>
#include <QCoreApplication>
#include <QIcon>
#include <QString>

namespace Dashboard {

class Format final
{
    Q_DECLARE_TR_FUNCTIONS(Dashboard::Format)
public:
    // Local time with seconds, "2025-11-25 14:03:07"; "—" for 0 or less.
    static QString time(qint64 unixMs);
    static QString timeWithMs(qint64 unixMs);
    // "250 ms", "1.2 s", "3 min 5 s"
    static QString duration(qint64 ms);
    // "in 3 min" / "5 s ago" relative to nowMs
    static QString relative(qint64 unixMs, qint64 nowMs);

    // Message states as stored (PENDING, ACTIVE, RETRY, DELIVERED, FAILED, CANCELED).
    static QString stateName(const QString &state);
    static QColor stateColor(const QString &state);
    static QIcon stateIcon(const QString &state);
    // Event states of the log (CREATED, ACTIVE, ERROR, RETRY, ...).
    static QString eventName(const QString &state);

    // "200 OK", "503 Service Unavailable", or the error when there was no response.
    static QString httpStatus(int status, const QString &error = {});
    static QString reasonPhrase(int status);

    // The body as text: indented JSON when it parses, UTF-8 text, else a hex preview.
    static QString body(const QByteArray &body, bool *isJson = nullptr);
    static bool isUtf8(const QByteArray &bytes);
    // "Name: value" lines.
    static QString headers(const Broker::HeaderList &headers);
    static QByteArray header(const Broker::HeaderList &headers, QByteArrayView name);
    // A byte count, "1.5 KiB".
    static QString bytes(qint64 n);
};

} // namespace Dashboard
