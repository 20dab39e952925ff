#pragma once
// A message as the publish composer edits it, and what it turns into: the API path and headers
// for Service::call, or the equivalent curl command line. Built from a stored message for
// replay (the same destination, method, headers, body and options, sent now) and for
// edit-and-resend.

#include "core/message.h"

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Dashboard {

using StringPairs = QList<QPair<QString, QString>>;

struct PublishDraft
{
    Q_DECLARE_TR_FUNCTIONS(Dashboard::PublishDraft)
public:
    enum Kind { ToUrl, ToGroup, ToQueue };

    Kind kind = ToUrl;
    QString destination; // the URL (ToUrl, ToQueue) or the URL group's name (ToGroup)
    QString queue;       // ToQueue only
    QString method = QStringLiteral("POST");
    StringPairs headers; // delivered as they are: Content-Type, and the rest forwarded
    QByteArray body;
    QString delay;    // a duration such as "10s" or "1h30m"; empty = now
    int retries = -1; // -1 = the broker's default
    QString timeout;  // per attempt, a duration; empty = default
    QString retryDelay;
    QString callback;
    QString failureCallback;
    QStringList labels;
    QString deduplicationId;
    QString flowControlKey;
    QString flowControlValue;
    // Further Upstash-* options kept from a stored message (callback settings, redaction...).
    StringPairs extraOptions;

    // "" when the draft can be sent, else what to fix.
    QString validate() const;
    // "/v2/publish/<destination>" or "/v2/enqueue/<queue>/<url>", encoded.
    QString path() const;
    Broker::HeaderList apiHeaders() const;
    // A shell command doing the same against baseUrl.
    QString curlCommand(const QString &baseUrl, const QString &token) const;

    // The same message again: destination, method, headers, body and options; no delay and no
    // deduplication id (a replay must not be swallowed as a duplicate).
    static PublishDraft replayOf(const Broker::Message &message);
    // For edit-and-resend: as replayOf(), plus the original delay.
    static PublishDraft editOf(const Broker::Message &message);
};

QString shellQuote(const QString &text);
// A destination URL as the path of an API call: kept as typed when it is plain ASCII, else
// percent-encoded.
QString encodedDestination(const QString &url);

} // namespace Dashboard
