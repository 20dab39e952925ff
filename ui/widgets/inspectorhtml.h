#pragma once
// The inspector's documents: a message's summary (what was published) and one attempt in full
// (the request with its decoded signature and verdict, the response, the timing), as HTML for a
// QTextBrowser. Colours come from the given palette so dark themes work.

#include "messagedetails.h"

#include <QCoreApplication>
#include <QPalette>

namespace Dashboard {

class InspectorHtml final
{
    Q_DECLARE_TR_FUNCTIONS(Dashboard::InspectorHtml)
public:
    static QString summary(const MessageDetails &details, const QPalette &palette);
    static QString attempt(const MessageDetails &details, int index,
                           const Broker::SigningKeys &keys, const QPalette &palette);
    // One line per check of the signature, each with a tick or a cross, plus the verdict.
    static QString signature(const SignatureCheck &check, const QPalette &palette);
    // "Attempt 2 · 12:00:03 · 503 Service Unavailable"
    static QString attemptTitle(const Broker::AttemptRecord &attempt, int index);
    // What an event adds to its state: the error, the status, the next attempt's time.
    static QString eventDetail(const EventInfo &event);

private:
    static QString headerTable(const Broker::HeaderList &headers);
    static QString bodyBlock(const QByteArray &body);
};

} // namespace Dashboard
