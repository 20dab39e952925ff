#pragma once
// Runs the selected figures against the real broker (a child process on a temporary data dir)
// and their raw baselines, and prints each figure next to its baseline and the ratio.

#include "child.h"
#include "receiver.h"

#include <QSet>
#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace Bench {

struct Options
{
    bool quick = false;
    int runs = 3;
    QSet<QString> only;      // empty: the default set
    qint64 millionCount = 0; // >0: the pending-delayed-messages figure with this many messages
    int millionFillMinutes = 30;
    double latencyRate = 1000; // the latency figure's publish rate (the target is at 1,000/s)
    QString brokerBin;
    QString selfBin;
    QString workRoot; // where temporary data dirs go (a real disk, not tmpfs)
    bool keepData = false;
    bool wants(const QString &figure) const { return only.isEmpty() || only.contains(figure); }
};

class Runner final
{
    Q_DISABLE_COPY_MOVE(Runner)
public:
    explicit Runner(const Options &options);
    ~Runner();

    int run(); // 0 when every measured figure ran (whether or not it met its target)

private:
    struct Row
    {
        QString figure;
        QString value;    // median, with unit
        QString runs;     // each run
        QString baseline; // median raw baseline, with what it is
        QString ratio;
        QString target;
        QString verdict; // "met", "NOT met", "-"
    };
    void add(const Row &row);
    void note(const QString &text);

    // Figures (runner.cpp / runner_more.cpp).
    void figPublish();
    void figEndToEnd();
    void figLatency();
    void figDelay();
    void figStart();
    void figFanout();
    void figMillion();
    void figGuiLag();

    // Helpers.
    QString newDataDir();
    std::unique_ptr<Child> startBroker(const QString &dataDir, quint16 *port);
    // preload: an LD_PRELOAD for this child only.
    std::unique_ptr<Child> startRole(const QStringList &args, quint16 *port,
                                     const QByteArray &preload = {});
    QByteArray publishRequest(quint16 port, const QByteArray &destination,
                              const QByteArray &extraHeaders, qint64 seq) const;
    QByteArray getRequest(quint16 port, const QByteArray &path) const;
    // Closed-loop publish runs (64 connections, 1 KiB, delayed a day) against a broker: one run
    // per publishRun call, its figures appended.
    struct PublishRuns
    {
        std::vector<double> rates; // acks/s
        std::vector<double> ackP99Ms;
        std::vector<double> rssMb; // the broker's, after each run
    };
    void publishRun(quint16 port, int seconds, Child *broker, PublishRuns *into);
    // One run of each bare QNAM sender -> receiver, back to back (rates into m_qnam).
    bool qnamRound(int seconds);
    // The baseline sender's deliveries/s at the receiver, median of `runs` rounds (runs those
    // still missing).
    double qnamBaseline(int runs, int seconds, double *cpuPerThousand);
    double helloPublishRate(int runs, int seconds, double *cpuPerThousand);
    int secs(int full, int quick) const { return m_opt.quick ? quick : full; }

    Options m_opt;
    QTemporaryDir m_root;
    Receiver m_receiver;
    std::vector<Row> m_rows;
    int m_dirCounter = 0;
    // Baselines measured once and shared by the figures that compare with them.
    struct QnamRuns
    {
        // As the broker's dispatcher sets QNAM up: the baseline.
        std::vector<double> baseline;
        // For reference: QNAM with its own defaults; as the broker, with QStash's delivery
        // headers; as the broker, on the app's allocator (if it links one).
        std::vector<double> defaults;
        std::vector<double> qstash;
        std::vector<double> allocator;
        double cpuSec = 0; // the baseline sender's
        double delivered = 0;
    };
    QnamRuns m_qnam;        // one entry per round
    double m_qnamRate = -1; // median of the baseline's rounds, once summarized
    double m_qnamCpuPerK = 0;
    double m_helloRate = -1;
    double m_helloCpuPerK = 0;
};

} // namespace Bench
