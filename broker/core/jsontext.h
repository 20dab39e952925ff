#pragma once
// Hot-path JSON text written by hand, byte-identical to QJsonDocument(...).toJson(Compact) for
// the shapes the broker stores (objects of strings, integers and nested objects/arrays): a
// QJsonObject per event cost more than the INSERT it feeds.

#include "message.h"

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <utility>
#include <vector>

namespace Broker::JsonText {

// `s` as a JSON string literal (UTF-8), escaped as QJsonDocument escapes it.
void appendString(QByteArray &out, QStringView s);
// A Latin-1 byte string as a JSON string literal.
void appendLatin1(QByteArray &out, const QByteArray &latin1);
// A UTF-8 byte string (invalid sequences become U+FFFD, as with QString::fromUtf8).
void appendUtf8(QByteArray &out, const QByteArray &utf8);

// Headers as {"Canonical-Name":["value",...],...}: a QJsonObject of QJsonArrays of the UTF-8
// values, keyed by canonicalHeaderName().
QByteArray headerArrays(const HeaderList &headers);

// A JSON object whose members come out sorted by key, as a QJsonObject keeps them. Setting a key
// again replaces its value. Values are JSON text.
class Object final
{
public:
    void setRaw(const QString &key, QByteArray json);
    void set(const QString &key, qint64 value) { setRaw(key, QByteArray::number(value)); }
    void set(const QString &key, int value) { setRaw(key, QByteArray::number(value)); }
    void set(const QString &key, QStringView value);
    bool isEmpty() const { return m_members.empty(); }
    QByteArray toJson() const;

private:
    std::vector<std::pair<QString, QByteArray>> m_members;
};

} // namespace Broker::JsonText
