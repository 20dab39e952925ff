#include "inspectorhtml.h"

#include "format.h"

#include <QDateTime>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Dashboard {

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString heading(const QString &text)
{
    return u"<h4 style='margin-top:14px; margin-bottom:4px'>"_s + esc(text) + u"</h4>"_s;
}

QString row(const QString &name, const QString &valueHtml)
{
    return u"<tr><td style='padding-right:14px; white-space:nowrap'><b>"_s + esc(name) +
           u"</b></td><td>"_s + valueHtml + u"</td></tr>"_s;
}

QString mono(const QString &text)
{
    return u"<code>"_s + esc(text) + u"</code>"_s;
}

QString mark(bool ok, const QPalette &palette)
{
    Q_UNUSED(palette)
    const QString color = ok ? u"#2ea043"_s : u"#d0312d"_s;
    return u"<span style='color:"_s + color + u"; font-weight:bold'>"_s + (ok ? u"✔"_s : u"✘"_s) +
           u"</span>"_s;
}

} // namespace

QString InspectorHtml::headerTable(const Broker::HeaderList &headers)
{
    if (headers.isEmpty())
        return u"<p><i>"_s + esc(tr("No headers")) + u"</i></p>"_s;
    QString html = u"<table cellspacing='0' cellpadding='1'>"_s;
    for (const auto &[name, value] : headers)
        html += u"<tr><td style='padding-right:10px; white-space:nowrap'><code><b>"_s +
                esc(QString::fromLatin1(name)) + u"</b></code></td><td><code>"_s +
                esc(QString::fromUtf8(value)) + u"</code></td></tr>"_s;
    return html + u"</table>"_s;
}

QString InspectorHtml::bodyBlock(const QByteArray &body)
{
    if (body.isEmpty())
        return u"<p><i>"_s + esc(tr("Empty body")) + u"</i></p>"_s;
    bool json = false;
    const QString text = Format::body(body, &json);
    //: %1 is a size such as "120 bytes"
    QString caption =
        json ? tr("JSON, %1").arg(Format::bytes(body.size())) : Format::bytes(body.size());
    return u"<p style='margin:0'><small>"_s + esc(caption) + u"</small></p><pre>"_s + esc(text) +
           u"</pre>"_s;
}

QString InspectorHtml::summary(const MessageDetails &d, const QPalette &palette)
{
    Q_UNUSED(palette)
    const Broker::Message &m = d.message;
    const QString state = Broker::stateName(m.state);
    QString html;
    html += u"<table cellspacing='0' cellpadding='2'>"_s;
    html += row(tr("Message"), mono(m.id));
    html += row(tr("State"), u"<span style='color:"_s + Format::stateColor(state).name() +
                                 u"'>●</span> "_s + esc(Format::stateName(state)));
    html += row(tr("Destination"),
                mono(QString::fromLatin1(m.method) + u' ' + QString::fromUtf8(m.url)));
    html += row(tr("Published"), esc(Format::timeWithMs(m.createdAt)));
    if (m.notBefore > m.createdAt)
        html += row(tr("Not before"), esc(Format::timeWithMs(m.notBefore)));
    if (m.state == Broker::MessageState::Retry || m.state == Broker::MessageState::Pending)
        html += row(tr("Next attempt"), esc(Format::timeWithMs(m.dueAt)));
    //: %1 retries done so far, %2 the maximum
    html += row(tr("Retries"), esc(tr("%1 of %2").arg(m.retried).arg(m.maxRetries)));
    if (m.timeoutMs > 0)
        html += row(tr("Timeout"), esc(Format::duration(m.timeoutMs)));
    if (!m.topicName.isEmpty())
        html += row(tr("URL group"),
                    esc(m.endpointName.isEmpty() ? m.topicName
                                                 : m.topicName + u" (" + m.endpointName + u')'));
    if (!m.queueName.isEmpty())
        html += row(tr("Queue"), esc(m.queueName));
    if (!m.scheduleId.isEmpty())
        html += row(tr("Schedule"), mono(m.scheduleId));
    if (!m.labels.isEmpty())
        html += row(tr("Labels"), esc(m.labels.join(u", "_s)));
    if (!m.flowControlKey.isEmpty())
        html += row(tr("Flow control"), esc(m.flowControlKey));
    if (const QString cb = m.option("callback"); !cb.isEmpty())
        html += row(tr("Callback"), mono(cb));
    if (const QString cb = m.option("failureCallback"); !cb.isEmpty())
        html += row(tr("Failure callback"), mono(cb));
    if (d.dlq)
        html += row(tr("Dead-letter queue"), mono(d.dlq->dlqId));
    if (!m.callerIp.isEmpty())
        html += row(tr("Caller"), esc(m.callerIp));
    html += u"</table>"_s;
    html += heading(tr("Headers delivered"));
    html += headerTable(m.headers);
    html += heading(tr("Body"));
    html += bodyBlock(m.body);
    return html;
}

QString InspectorHtml::signature(const SignatureCheck &check, const QPalette &palette)
{
    if (!check.present)
        return u"<p>"_s + mark(false, palette) + u' ' +
               esc(tr("The request carried no Upstash-Signature header.")) + u"</p>"_s;
    const Broker::Jwt::Verdict &v = check.verdict;
    QString html = u"<table cellspacing='0' cellpadding='1'>"_s;
    const auto line = [&](bool ok, const QString &text) {
        html += u"<tr><td style='padding-right:6px'>"_s + mark(ok, palette) + u"</td><td>"_s +
                esc(text) + u"</td></tr>"_s;
    };
    if (check.matchingKey == u"current")
        line(true, tr("Signed with the current signing key (HS256)"));
    else if (check.matchingKey == u"next")
        line(true, tr("Signed with the next signing key (HS256)"));
    else
        line(false, tr("The signature matches neither the current nor the next signing key"));
    line(v.issuerValid, v.issuerValid ? tr("Issuer is “Upstash”") : tr("Issuer is not “Upstash”"));
    line(v.bodyMatches, v.bodyMatches ? tr("Body hash matches the delivered body")
                                      : tr("Body hash differs from the delivered body"));
    const QString sub = v.claims.value(u"sub"_s).toString();
    line(v.subjectMatches, v.subjectMatches
                               ? tr("Subject (sub) matches the URL called")
                               //: %1 is the URL found in the token
                               : tr("Subject (sub) is %1, not the URL called").arg(sub));
    const qint64 exp = qint64(v.claims.value(u"exp"_s).toDouble());
    //: %1 is a date and time
    line(v.notExpired,
         v.notExpired
             ? tr("Valid at the time of the attempt (expires %1)").arg(Format::time(exp * 1000))
             : tr("Expired or not yet valid at the time of the attempt"));
    html += u"</table>"_s;

    const bool ok = !check.matchingKey.isEmpty() && v.ok();
    html += u"<p><b>"_s +
            esc(ok ? tr("Verdict: a receiver with these signing keys accepts this request.")
                   : tr("Verdict: a receiver rejects this request.")) +
            u"</b>"_s;
    if (!ok && !v.problem.isEmpty())
        html += u"<br/>"_s + esc(v.problem);
    html += u"</p>"_s;

    QJsonObject decoded;
    decoded.insert(u"header"_s, v.header);
    decoded.insert(u"claims"_s, v.claims);
    html +=
        u"<p style='margin-bottom:0'><small>"_s + esc(tr("Decoded token")) +
        u"</small></p><pre>"_s +
        esc(QString::fromUtf8(QJsonDocument(decoded).toJson(QJsonDocument::Indented))).trimmed() +
        u"</pre>"_s;
    return html;
}

QString InspectorHtml::attemptTitle(const Broker::AttemptRecord &a, int index)
{
    //: Two lines: %1 attempt number, %2 time; then %3 the outcome such as "200 OK"
    return tr("Attempt %1 · %2\n%3")
        .arg(index + 1)
        .arg(QDateTime::fromMSecsSinceEpoch(a.startedAt).toString(u"HH:mm:ss"_s),
             Format::httpStatus(a.status, a.error));
}

QString InspectorHtml::attempt(const MessageDetails &d, int index, const Broker::SigningKeys &keys,
                               const QPalette &palette)
{
    if (index < 0 || index >= d.attempts.size())
        return {};
    const Broker::AttemptRecord &a = d.attempts.at(index);
    QString html;
    html += u"<table cellspacing='0' cellpadding='2'>"_s;
    html +=
        row(tr("Request"), mono(QString::fromLatin1(a.method) + u' ' + QString::fromUtf8(a.url)));
    html += row(tr("Started"), esc(Format::timeWithMs(a.startedAt)));
    html += row(tr("Duration"), esc(Format::duration(a.durationMs)));
    //: "Upstash-Retried" value of the attempt
    html += row(tr("Retried"), esc(QString::number(a.retried)));
    const bool success = a.status >= 200 && a.status < 300;
    html += row(tr("Outcome"), u"<span style='color:"_s + (success ? u"#2ea043"_s : u"#d0312d"_s) +
                                   u"'><b>"_s + esc(Format::httpStatus(a.status, a.error)) +
                                   u"</b></span>"_s);
    if (!a.error.isEmpty() && a.status > 0)
        html += row(tr("Error"), esc(a.error));
    html += u"</table>"_s;

    html += heading(tr("Signature (Upstash-Signature)"));
    html += signature(checkSignature(a, d.message.body, keys), palette);
    html += heading(tr("Request headers"));
    html += headerTable(a.requestHeaders);
    html += heading(tr("Request body"));
    html += bodyBlock(d.message.body);
    html += heading(tr("Response headers"));
    if (a.status > 0)
        html += headerTable(a.responseHeaders);
    else
        html += u"<p><i>"_s + esc(tr("No response: %1").arg(a.error)) + u"</i></p>"_s;
    html += heading(tr("Response body"));
    html += a.status > 0 ? bodyBlock(a.responseBody) : QString();
    return html;
}

QString InspectorHtml::eventDetail(const EventInfo &e)
{
    QStringList parts;
    const QJsonObject &d = e.detail;
    if (d.contains(u"responseStatus"_s))
        parts.append(Format::httpStatus(d.value(u"responseStatus"_s).toInt()));
    if (const QString error = d.value(u"error"_s).toString(); !error.isEmpty())
        parts.append(error);
    if (d.contains(u"nextDeliveryTime"_s))
        //: Log event detail; %1 is a date and time
        parts.append(tr("next attempt at %1")
                         .arg(Format::time(qint64(d.value(u"nextDeliveryTime"_s).toDouble()))));
    if (const QString dlq = d.value(u"dlqId"_s).toString(); !dlq.isEmpty())
        //: Log event detail; %1 is a dead-letter queue entry id
        parts.append(tr("dead-letter entry %1").arg(dlq));
    return parts.join(u" · "_s);
}

} // namespace Dashboard
