#include "retrydelay.h"

#include <cmath>
#include <limits>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

namespace Broker {

namespace {

using Op = RetryDelayExpression::Op;
using Instruction = RetryDelayExpression::Instruction;

struct Function
{
    QLatin1StringView name;
    Op op;
    int minArgs;
    int maxArgs; // -1: variadic
};

constexpr Function functions[] = {
    {"pow"_L1, Op::Pow, 2, 2},     {"sqrt"_L1, Op::Sqrt, 1, 1},   {"abs"_L1, Op::Abs, 1, 1},
    {"exp"_L1, Op::Exp, 1, 1},     {"floor"_L1, Op::Floor, 1, 1}, {"ceil"_L1, Op::Ceil, 1, 1},
    {"round"_L1, Op::Round, 1, 1}, {"min"_L1, Op::Min, 2, -1},    {"max"_L1, Op::Max, 2, -1},
};

bool isAsciiSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r';
}
bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}
bool isNameStart(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
}
bool isNameChar(QChar c)
{
    return isNameStart(c) || isAsciiDigit(c);
}

// Recursive descent over the raw text; emits reverse-Polish instructions as it goes, so
// evaluation later is a simple loop with no recursion at all.
//   expr    := term (('+' | '-') term)*
//   term    := unary (('*' | '/') unary)*
//   unary   := '-'* primary            (a loop, not recursion: "-----1" cannot deepen the stack)
//   primary := number | 'retried' | name '(' expr (',' expr)* ')' | '(' expr ')'
class Parser
{
public:
    explicit Parser(QStringView text)
        : m_text(text)
    {}

    bool parse()
    {
        skipSpace();
        if (m_pos >= m_text.size())
            return fail(u"empty expression"_s);
        if (!parseExpr())
            return false;
        skipSpace();
        if (m_pos < m_text.size()) {
            if (m_text[m_pos] == u')')
                return fail(u"unbalanced ')'"_s);
            return fail(u"unexpected "_s + describe(m_pos));
        }
        return true;
    }

    QList<Instruction> program() const { return m_program; }
    QString error() const { return m_error; }
    qsizetype errorPosition() const { return m_errorPos; }

private:
    bool fail(const QString &reason) { return failAt(reason, m_pos); }
    bool failAt(const QString &reason, qsizetype pos)
    {
        if (m_error.isEmpty()) {
            m_error = reason;
            m_errorPos = pos;
        }
        return false;
    }

    // Quotes printable ASCII only, so control characters or lone surrogates from a header never
    // end up verbatim in an error message.
    QString describe(qsizetype pos) const
    {
        if (pos >= m_text.size())
            return u"end of input"_s;
        const QChar c = m_text[pos];
        if (c.unicode() >= 0x21 && c.unicode() < 0x7f)
            return u"character '"_s + c + u'\'';
        return u"character U+"_s +
               QString::number(c.unicode(), 16).toUpper().rightJustified(4, u'0');
    }

    void skipSpace()
    {
        while (m_pos < m_text.size() && isAsciiSpace(m_text[m_pos]))
            ++m_pos;
    }

    bool peek(QChar c)
    {
        skipSpace();
        return m_pos < m_text.size() && m_text[m_pos] == c;
    }

    void push(Op op, int argc, double value = 0) { m_program.append(Instruction{op, argc, value}); }

    // `openedAt` is where the level starts (the '(' or the function name), for the error.
    bool enterNesting(qsizetype openedAt)
    {
        if (++m_depth > RetryDelayExpression::MaxNesting)
            return failAt(u"nesting deeper than %1 levels"_s.arg(RetryDelayExpression::MaxNesting),
                          openedAt);
        return true;
    }

    bool parseExpr()
    {
        if (!parseTerm())
            return false;
        while (true) {
            skipSpace();
            if (m_pos >= m_text.size())
                return true;
            const QChar c = m_text[m_pos];
            if (c != u'+' && c != u'-')
                return true;
            ++m_pos;
            if (!parseTerm())
                return false;
            push(c == u'+' ? Op::Add : Op::Subtract, 2);
        }
    }

    bool parseTerm()
    {
        if (!parseUnary())
            return false;
        while (true) {
            skipSpace();
            if (m_pos >= m_text.size())
                return true;
            const QChar c = m_text[m_pos];
            if (c != u'*' && c != u'/')
                return true;
            ++m_pos;
            if (!parseUnary())
                return false;
            push(c == u'*' ? Op::Multiply : Op::Divide, 2);
        }
    }

    bool parseUnary()
    {
        int negations = 0;
        while (peek(u'-')) {
            ++m_pos;
            ++negations;
        }
        if (!parsePrimary())
            return false;
        if (negations % 2)
            push(Op::Negate, 1);
        return true;
    }

    bool parsePrimary()
    {
        skipSpace();
        if (m_pos >= m_text.size())
            return fail(
                u"expected a number, 'retried', a function or '(' but found end of input"_s);
        const QChar c = m_text[m_pos];
        if (isAsciiDigit(c))
            return parseNumber();
        if (isNameStart(c))
            return parseName();
        if (c == u'(') {
            if (!enterNesting(m_pos++) || !parseExpr())
                return false;
            if (!peek(u')'))
                return fail(u"expected ')' but found "_s + describe(m_pos));
            ++m_pos;
            --m_depth;
            return true;
        }
        return fail(u"expected a number, 'retried', a function or '(' but found "_s +
                    describe(m_pos));
    }

    bool parseNumber()
    {
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() && isAsciiDigit(m_text[m_pos]))
            ++m_pos;
        if (m_pos < m_text.size() && m_text[m_pos] == u'.') {
            ++m_pos;
            if (m_pos >= m_text.size() || !isAsciiDigit(m_text[m_pos]))
                return fail(u"malformed number"_s);
            while (m_pos < m_text.size() && isAsciiDigit(m_text[m_pos]))
                ++m_pos;
        }
        bool ok = false;
        const double value = m_text.mid(start, m_pos - start).toDouble(&ok);
        if (!ok) // only reachable for absurd digit runs; evaluation would clamp anyway
            return failAt(u"malformed number"_s, start);
        push(Op::Number, 0, value);
        return true;
    }

    bool parseName()
    {
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() && isNameChar(m_text[m_pos]))
            ++m_pos;
        const QStringView name = m_text.mid(start, m_pos - start);
        if (name == u"retried") {
            push(Op::Retried, 0);
            return true;
        }
        const Function *fn = nullptr;
        for (const Function &f : functions) {
            if (name == f.name)
                fn = &f;
        }
        if (!fn)
            return failAt(u"unknown name '"_s + name + u'\'', start);
        if (!peek(u'('))
            return fail(u"expected '(' after '"_s + name + u"'"_s);
        ++m_pos;
        if (!enterNesting(start))
            return false;
        int argc = 0;
        while (true) {
            if (!parseExpr())
                return false;
            ++argc;
            if (peek(u',')) {
                ++m_pos;
                continue;
            }
            if (peek(u')'))
                break;
            return fail(u"expected ',' or ')' but found "_s + describe(m_pos));
        }
        if (argc < fn->minArgs || (fn->maxArgs >= 0 && argc > fn->maxArgs)) {
            const QString expected =
                fn->maxArgs < 0 ? u"at least %1"_s.arg(fn->minArgs) : QString::number(fn->minArgs);
            return failAt(u"'%1' takes %2 argument(s), got %3"_s.arg(name, expected).arg(argc),
                          start);
        }
        ++m_pos; // the ')'
        --m_depth;
        push(fn->op, argc);
        return true;
    }

    QStringView m_text;
    qsizetype m_pos = 0;
    int m_depth = 0;
    QList<Instruction> m_program;
    QString m_error;
    qsizetype m_errorPos = 0;
};

// Division by zero is spelled out rather than left to the FPU so that sanitizers flagging
// float-divide-by-zero stay quiet under fuzzing; the results match IEEE 754 (sign of zero aside).
double divide(double a, double b)
{
    if (b != 0)
        return a / b;
    if (std::isnan(a) || a == 0)
        return std::numeric_limits<double>::quiet_NaN();
    return a > 0 ? std::numeric_limits<double>::infinity()
                 : -std::numeric_limits<double>::infinity();
}

// std::min/std::max give order-dependent answers for NaN; a NaN anywhere must stay NaN.
double extremum(const double *args, int argc, bool wantMax)
{
    double best = args[0];
    for (int i = 0; i < argc; ++i) {
        if (std::isnan(args[i]))
            return args[i];
        if (wantMax ? args[i] > best : args[i] < best)
            best = args[i];
    }
    return best;
}

qint64 clampToMs(double ms)
{
    if (std::isnan(ms) || ms <= 0)
        return 0;
    if (ms >= double(RetryDelayExpression::MaxDelayMs))
        return RetryDelayExpression::MaxDelayMs;
    return std::llround(ms);
}

} // namespace

RetryDelayExpression::RetryDelayExpression(QString text, QList<Instruction> program)
    : m_text(std::move(text))
    , m_program(std::move(program))
{}

Result<RetryDelayExpression> RetryDelayExpression::parse(const QString &text)
{
    const auto error = [](const QString &reason, qsizetype pos) {
        return badRequest(u"invalid retry delay expression: "_s + reason + u" at position "_s +
                          QString::number(pos));
    };
    if (text.size() > MaxLength)
        return error(u"longer than %1 characters"_s.arg(MaxLength), MaxLength);
    Parser parser(text);
    if (!parser.parse())
        return error(parser.error(), parser.errorPosition());
    return RetryDelayExpression(text, parser.program());
}

qint64 RetryDelayExpression::evaluateMs(int retried) const
{
    // The parser only produces well-formed programs; the size checks are a cheap guarantee that
    // even a bug there cannot read outside the stack.
    std::vector<double> stack;
    stack.reserve(size_t(m_program.size()));
    for (const Instruction &ins : m_program) {
        const size_t argc = size_t(ins.argc);
        if (stack.size() < argc)
            return 0;
        double *args = stack.data() + (stack.size() - argc);
        double result = 0;
        switch (ins.op) {
        case Op::Number:
            result = ins.value;
            break;
        case Op::Retried:
            result = double(retried);
            break;
        case Op::Negate:
            result = -args[0];
            break;
        case Op::Add:
            result = args[0] + args[1];
            break;
        case Op::Subtract:
            result = args[0] - args[1];
            break;
        case Op::Multiply:
            result = args[0] * args[1];
            break;
        case Op::Divide:
            result = divide(args[0], args[1]);
            break;
        case Op::Pow:
            result = std::pow(args[0], args[1]);
            break;
        case Op::Sqrt:
            result = std::sqrt(args[0]);
            break;
        case Op::Abs:
            result = std::fabs(args[0]);
            break;
        case Op::Exp:
            result = std::exp(args[0]);
            break;
        case Op::Floor:
            result = std::floor(args[0]);
            break;
        case Op::Ceil:
            result = std::ceil(args[0]);
            break;
        case Op::Round:
            result = std::round(args[0]); // halves away from zero, like Go's math.Round
            break;
        case Op::Min:
        case Op::Max:
            if (argc == 0)
                return 0;
            result = extremum(args, ins.argc, ins.op == Op::Max);
            break;
        }
        stack.resize(stack.size() - argc);
        stack.push_back(result);
    }
    if (stack.size() != 1)
        return 0;
    return clampToMs(stack.back());
}

QString RetryDelayExpression::text() const
{
    return m_text;
}

} // namespace Broker
