#include "jsontext.h"

#include <algorithm>

namespace Broker::JsonText {

namespace {

constexpr char kHex[] = "0123456789abcdef";

// Characters are written through a raw pointer into room reserved for the worst case (6 bytes
// per UTF-16 unit or byte): appending them one by one cost more than the INSERT they feed.
class Cursor final
{
public:
    Cursor(QByteArray &out, qsizetype units)
        : m_out(out)
        , m_start(out.size())
    {
        out.resize(m_start + 2 + 6 * units);
        m_p = out.data() + m_start;
        *m_p++ = '"';
    }
    ~Cursor()
    {
        *m_p++ = '"';
        m_out.resize(m_p - m_out.constData());
    }
    Q_DISABLE_COPY_MOVE(Cursor)

    // An ASCII code unit, escaped like QJsonDocument does.
    void ascii(char16_t u)
    {
        if (u >= 0x20 && u != '"' && u != '\\') {
            *m_p++ = char(u);
            return;
        }
        *m_p++ = '\\';
        switch (u) {
        case '"':
            *m_p++ = '"';
            break;
        case '\\':
            *m_p++ = '\\';
            break;
        case '\b':
            *m_p++ = 'b';
            break;
        case '\f':
            *m_p++ = 'f';
            break;
        case '\n':
            *m_p++ = 'n';
            break;
        case '\r':
            *m_p++ = 'r';
            break;
        case '\t':
            *m_p++ = 't';
            break;
        default:
            *m_p++ = 'u';
            *m_p++ = '0';
            *m_p++ = '0';
            *m_p++ = kHex[u >> 4];
            *m_p++ = kHex[u & 0xf];
        }
    }
    void byte(int b) { *m_p++ = char(b); }
    void escape(char16_t u)
    {
        *m_p++ = '\\';
        *m_p++ = 'u';
        *m_p++ = kHex[(u >> 12) & 0xf];
        *m_p++ = kHex[(u >> 8) & 0xf];
        *m_p++ = kHex[(u >> 4) & 0xf];
        *m_p++ = kHex[u & 0xf];
    }

private:
    QByteArray &m_out;
    qsizetype m_start;
    char *m_p = nullptr;
};

// True when no byte needs escaping or re-encoding (ASCII from space on, no '"' or '\\'): the
// JSON string is then the bytes themselves, appended in one go. Header names and values
// almost always are; the Cursor's worst-case room cost a reallocation per value.
bool plainAscii(const QByteArray &bytes)
{
    for (const char ch : bytes) {
        const auto u = uchar(ch);
        if (u < 0x20 || u >= 0x80 || u == '"' || u == '\\')
            return false;
    }
    return true;
}

void appendPlain(QByteArray &out, const QByteArray &bytes)
{
    out += '"';
    out += bytes;
    out += '"';
}

} // namespace

void appendString(QByteArray &out, QStringView s)
{
    Cursor c(out, s.size());
    const char16_t *src = s.utf16();
    const char16_t *const end = src + s.size();
    while (src != end) {
        const char16_t u = *src++;
        if (u < 0x80) {
            c.ascii(u);
        } else if (u < 0x800) {
            c.byte(0xc0 | (u >> 6));
            c.byte(0x80 | (u & 0x3f));
        } else if (u < 0xd800 || u > 0xdfff) {
            c.byte(0xe0 | (u >> 12));
            c.byte(0x80 | ((u >> 6) & 0x3f));
            c.byte(0x80 | (u & 0x3f));
        } else if (u <= 0xdbff && src != end && *src >= 0xdc00 && *src <= 0xdfff) {
            const char32_t v = 0x10000 + ((char32_t(u) - 0xd800) << 10) + (*src++ - 0xdc00);
            c.byte(0xf0 | (v >> 18));
            c.byte(0x80 | ((v >> 12) & 0x3f));
            c.byte(0x80 | ((v >> 6) & 0x3f));
            c.byte(0x80 | (v & 0x3f));
        } else {
            // A lone surrogate has no UTF-8 form: QJsonDocument writes an escape instead.
            c.escape(u);
        }
    }
}

void appendLatin1(QByteArray &out, const QByteArray &latin1)
{
    if (plainAscii(latin1)) {
        appendPlain(out, latin1);
        return;
    }
    Cursor c(out, latin1.size());
    for (const char ch : latin1) {
        const auto u = uchar(ch);
        if (u < 0x80) {
            c.ascii(u);
        } else {
            c.byte(0xc0 | (u >> 6));
            c.byte(0x80 | (u & 0x3f));
        }
    }
}

void appendUtf8(QByteArray &out, const QByteArray &utf8)
{
    if (plainAscii(utf8)) {
        appendPlain(out, utf8);
        return;
    }
    if (!isAscii(utf8)) {
        appendString(out, QString::fromUtf8(utf8));
        return;
    }
    Cursor c(out, utf8.size());
    for (const char ch : utf8)
        c.ascii(char16_t(ch));
}

void Object::setRaw(const QString &key, QByteArray json)
{
    for (auto &member : m_members) {
        if (member.first == key) {
            member.second = std::move(json);
            return;
        }
    }
    m_members.emplace_back(key, std::move(json));
}

void Object::set(const QString &key, QStringView value)
{
    QByteArray json;
    json.reserve(value.size() + 2);
    appendString(json, value);
    setRaw(key, std::move(json));
}

QByteArray Object::toJson() const
{
    std::vector<const std::pair<QString, QByteArray> *> sorted;
    sorted.reserve(m_members.size());
    qsizetype size = 2;
    for (const auto &member : m_members) {
        sorted.push_back(&member);
        size += member.first.size() + member.second.size() + 4;
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const auto *a, const auto *b) { return a->first < b->first; });
    QByteArray out;
    out.reserve(size);
    out += '{';
    bool first = true;
    for (const auto *member : sorted) {
        if (!first)
            out += ',';
        first = false;
        appendString(out, member->first);
        out += ':';
        out += member->second;
    }
    out += '}';
    return out;
}

QByteArray headerArrays(const HeaderList &headers)
{
    std::vector<std::pair<QString, const QByteArray *>> entries;
    entries.reserve(size_t(headers.size()));
    for (const auto &[name, value] : headers)
        entries.emplace_back(canonicalHeaderName(name), &value);
    std::stable_sort(entries.begin(), entries.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    QByteArray out;
    out.reserve(64 * qsizetype(entries.size()) + 2);
    out += '{';
    for (size_t i = 0; i < entries.size(); ++i) {
        if (i > 0 && entries[i].first == entries[i - 1].first) {
            out += ',';
        } else {
            if (i > 0)
                out += "],";
            appendString(out, entries[i].first);
            out += ":[";
        }
        appendUtf8(out, *entries[i].second);
    }
    out += entries.empty() ? "}" : "]}";
    return out;
}

} // namespace Broker::JsonText
