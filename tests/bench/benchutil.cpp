#include "benchutil.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QLocale>
#include <QStringList>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <unistd.h>

namespace Bench {

qint64 wallMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

double median(std::vector<double> values)
{
    return percentile(std::move(values), 0.5);
}

double percentile(std::vector<double> values, double q)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const double rank = std::ceil(q * double(values.size()));
    const size_t index = size_t(std::clamp(rank, 1.0, double(values.size()))) - 1;
    return values[index];
}

namespace {

QByteArray readProcFile(qint64 pid, const char *name)
{
    QFile f(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(name)));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

qint64 fieldKb(const QByteArray &status, const QByteArray &key)
{
    const qsizetype at = status.indexOf(key);
    if (at < 0)
        return 0;
    const qsizetype end = status.indexOf('\n', at);
    QByteArray value = status.mid(at + key.size(), end - at - key.size()).trimmed();
    value.chop(3); // " kB"
    return value.trimmed().toLongLong();
}

qint64 ioField(const QByteArray &io, const QByteArray &key)
{
    for (const QByteArray &line : io.split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().toLongLong();
    }
    return 0;
}

} // namespace

ProcStats procStats(qint64 pid)
{
    ProcStats out;
    const QByteArray stat = readProcFile(pid, "stat");
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return out;
    // Fields after "(comm)": state is field 3; utime and stime are fields 14 and 15.
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    if (fields.size() < 13)
        return out;
    const double ticks = double(sysconf(_SC_CLK_TCK));
    out.cpuSec = double(fields[11].toLongLong() + fields[12].toLongLong()) / ticks;
    const QByteArray status = readProcFile(pid, "status");
    out.rssKb = fieldKb(status, "VmRSS:");
    out.hwmKb = fieldKb(status, "VmHWM:");
    const QByteArray io = readProcFile(pid, "io");
    out.writeBytes = ioField(io, "write_bytes:");
    out.wchar = ioField(io, "wchar:");
    out.ok = true;
    return out;
}

bool spinUntil(const std::function<bool()> &pred, int timeoutMs, int pollMs)
{
    if (pred())
        return true;
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(pollMs);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (pred())
            loop.quit();
    });
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    poll.start();
    deadline.start(std::max(0, timeoutMs));
    loop.exec();
    return pred();
}

void spinFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(std::max(0, ms), Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

QByteArray stampedBody(qint64 seq, int size)
{
    QByteArray body = "t:" + QByteArray::number(nowNs()) + ";s:" + QByteArray::number(seq) + ';';
    if (body.size() < size)
        body.append(size - body.size(), 'x');
    return body;
}

bool parseStamp(const QByteArray &body, qint64 *sentNs, qint64 *seq)
{
    if (!body.startsWith("t:"))
        return false;
    const qsizetype semi = body.indexOf(';', 2);
    if (semi < 0 || body.mid(semi + 1, 2) != "s:")
        return false;
    const qsizetype semi2 = body.indexOf(';', semi + 3);
    if (semi2 < 0)
        return false;
    bool ok1 = false;
    bool ok2 = false;
    *sentNs = body.mid(2, semi - 2).toLongLong(&ok1);
    *seq = body.mid(semi + 3, semi2 - semi - 3).toLongLong(&ok2);
    return ok1 && ok2;
}

QString fmtNum(double v, int decimals)
{
    QLocale c(QLocale::C);
    c.setNumberOptions(QLocale::DefaultNumberOptions);
    return c.toString(v, 'f', decimals);
}

void out(const QString &text)
{
    std::fputs(text.toUtf8().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

QString joinRuns(const std::vector<double> &values, int decimals)
{
    QStringList parts;
    for (double v : values)
        parts << fmtNum(v, decimals);
    return parts.join(QStringLiteral(" / "));
}

QString ratioOf(double ratio, int decimals)
{
    return fmtNum(ratio, decimals) + u'x';
}

QString ratioText(double value, double baseline)
{
    return baseline > 0 ? ratioOf(value / baseline) : QStringLiteral("-");
}

std::vector<double> runRatios(const std::vector<double> &values,
                              const std::vector<double> &baselines)
{
    std::vector<double> r;
    for (size_t k = 0; k < values.size() && k < baselines.size(); ++k)
        r.push_back(baselines[k] > 0 ? values[k] / baselines[k] : 0);
    return r;
}

double pairedRatio(const std::vector<double> &values, const std::vector<double> &baselines)
{
    return median(runRatios(values, baselines));
}

QString verdict(bool met)
{
    return met ? QStringLiteral("met") : QStringLiteral("NOT met");
}

} // namespace Bench
