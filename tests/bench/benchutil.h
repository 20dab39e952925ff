#pragma once
// Small helpers shared by the benchmark: clocks, statistics, /proc readers, bounded waits.

#include <QByteArray>
#include <QString>

#include <chrono>
#include <functional>
#include <vector>

namespace Bench {

// Monotonic nanoseconds (CLOCK_MONOTONIC: the same clock in every process on this machine).
inline qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

qint64 wallMs();

double median(std::vector<double> values);
// q in [0, 1]; nearest-rank on a copy. Returns 0 for an empty set.
double percentile(std::vector<double> values, double q);

struct ProcStats
{
    bool ok = false;
    double cpuSec = 0;     // utime + stime
    qint64 rssKb = 0;      // VmRSS
    qint64 hwmKb = 0;      // VmHWM (peak RSS)
    qint64 writeBytes = 0; // /proc/<pid>/io write_bytes: what reached the block layer
    qint64 wchar = 0;      // /proc/<pid>/io wchar: what was passed to write()
};

ProcStats procStats(qint64 pid);

// Runs the event loop until pred() is true or timeoutMs passed; returns pred().
bool spinUntil(const std::function<bool()> &pred, int timeoutMs, int pollMs = 5);
// Runs the event loop for ms milliseconds.
void spinFor(int ms);

// A 1 KiB-style body whose first bytes carry "t:<monotonic ns>;s:<seq>;", padded with 'x'.
QByteArray stampedBody(qint64 seq, int size);
// Parses what stampedBody wrote; false when the body carries no stamp.
bool parseStamp(const QByteArray &body, qint64 *sentNs, qint64 *seq);

QString fmtNum(double v, int decimals = 0);

// Output of the bench's report: a line on stdout, flushed.
void out(const QString &text);
// "a / b / c", each with `decimals` decimals.
QString joinRuns(const std::vector<double> &values, int decimals = 0);
// "0.56x".
QString ratioOf(double ratio, int decimals = 2);
// value / baseline as a ratio, "-" without a baseline.
QString ratioText(double value, double baseline);
// Each run's ratio to the baseline run of its own round (runs taken in turns), and their median.
std::vector<double> runRatios(const std::vector<double> &values,
                              const std::vector<double> &baselines);
double pairedRatio(const std::vector<double> &values, const std::vector<double> &baselines);
// "met" / "NOT met".
QString verdict(bool met);

} // namespace Bench
