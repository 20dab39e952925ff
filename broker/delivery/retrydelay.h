#pragma once
// RetryDelayExpression: QStash's `Upstash-Retry-Delay` header (`pow(2, retried) * 1000`), parsed
// once into a flat program and evaluated per retry with plain double arithmetic - no script engine.

#include "core/result.h"

#include <QList>
#include <QString>

namespace Broker {

class RetryDelayExpression
{
public:
    // Limits keep parsing and evaluation bounded on hostile headers (the parser recurses once per
    // nesting level, so the nesting cap is also the stack-depth cap).
    static constexpr qsizetype MaxLength = 256;
    static constexpr int MaxNesting = 32;
    static constexpr qint64 MaxDelayMs = 86'400'000;

    // Grammar: numbers (`12`, `1.5`), the variable `retried`, binary + - * /, unary minus,
    // parentheses, pow(a,b) sqrt(a) abs(a) exp(a) floor(a) ceil(a) round(a), min(a,b,...) and
    // max(a,b,...) with at least two arguments. Names are case-sensitive. Errors read
    // "invalid retry delay expression: <reason> at position N" with N a 0-based character index.
    static Result<RetryDelayExpression> parse(const QString &text);

    // Milliseconds to wait when `retried` retries have already been performed (0 before the
    // first retry). Non-finite or out-of-range results are clamped into [0, MaxDelayMs], NaN to 0.
    qint64 evaluateMs(int retried) const;

    // The header value exactly as given to parse().
    QString text() const;

    // One step of the compiled reverse-Polish program. Public only so the parser (an internal
    // helper in the .cpp) can build it; callers have no use for it.
    enum class Op : quint8 {
        Number,
        Retried,
        Negate,
        Add,
        Subtract,
        Multiply,
        Divide,
        Pow,
        Sqrt,
        Abs,
        Exp,
        Floor,
        Ceil,
        Round,
        Min,
        Max,
    };
    struct Instruction
    {
        Op op = Op::Number;
        int argc = 0;     // operands consumed (Min/Max are variadic)
        double value = 0; // Number only
    };

private:
    RetryDelayExpression(QString text, QList<Instruction> program);

    QString m_text;
    QList<Instruction> m_program;
};

} // namespace Broker
