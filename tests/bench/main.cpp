// localstash-bench: LocalStash's performance figures, each next to a raw baseline measured in the
// same run (see the README's "Benchmark" section). Not part of CTest.

#include "core/eventdispatch.h"
#include "roles.h"
#include "runner.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#ifdef LOCALSTASH_BENCH_GUI
#include <QApplication>
#endif

#include <algorithm>
#include <cstdio>
#include <memory>

int main(int argc, char **argv)
{
    const bool isRole = argc > 1 && qstrcmp(argv[1], "--role") == 0;
    // The same event dispatchers as the broker's (the window's thread keeps glib, as in the app):
    // the baselines and the load run under the conditions the broker does.
#ifdef LOCALSTASH_BENCH_GUI
    Broker::preferQtEventDispatcher(isRole);
#else
    Broker::preferQtEventDispatcher(true);
#endif
    std::unique_ptr<QCoreApplication> app;
#ifdef LOCALSTASH_BENCH_GUI
    if (!isRole) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QApplication>(argc, argv);
    }
#endif
    if (!app)
        app = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("localstash-bench"));
    if (isRole)
        return Bench::runRole(QCoreApplication::arguments().mid(1));

    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Starts the real broker on temporary data dirs, drives it from loopback and prints each "
        "figure next to a raw baseline measured in the same run, with the ratio."));
    p.addHelpOption();
    const QCommandLineOption quick(
        QStringLiteral("quick"),
        QStringLiteral("Smoke run: one short run per figure (under a minute)."));
    const QCommandLineOption only(
        QStringLiteral("only"),
        QStringLiteral("Comma-separated figures: start, publish, e2e, latency, delay, fanout, gui, "
                       "million. Default: all but million."),
        QStringLiteral("list"));
    const QCommandLineOption runs(
        QStringLiteral("runs"),
        QStringLiteral("Runs per figure, median reported (default 3; 1 with --quick)."),
        QStringLiteral("n"), QStringLiteral("3"));
    const QCommandLineOption million(
        QStringLiteral("million"),
        QStringLiteral(
            "Also run the pending-delayed-messages figure (minutes; 1,000,000 messages)."));
    const QCommandLineOption millionCount(
        QStringLiteral("million-count"),
        QStringLiteral("Pending delayed messages for that figure (implies --million)."),
        QStringLiteral("n"));
    const QCommandLineOption fillMinutes(QStringLiteral("fill-minutes"),
                                         QStringLiteral("Time bound of the fill (default 30)."),
                                         QStringLiteral("m"), QStringLiteral("30"));
    const QCommandLineOption latencyRate(
        QStringLiteral("latency-rate"),
        QStringLiteral("Publish rate of the latency figure (default 1000, the target's)."),
        QStringLiteral("msg/s"), QStringLiteral("1000"));
    const QCommandLineOption broker(QStringLiteral("broker"),
                                    QStringLiteral("The localstash binary to measure."),
                                    QStringLiteral("path"), QStringLiteral(LOCALSTASH_BIN));
    const QCommandLineOption workDir(
        QStringLiteral("work-dir"),
        QStringLiteral("Where temporary data dirs go (must be a real disk for the I/O figures)."),
        QStringLiteral("dir"), QDir::tempPath());
    const QCommandLineOption keep(QStringLiteral("keep"),
                                  QStringLiteral("Keep the temporary data dirs."));
    p.addOptions({quick, only, runs, million, millionCount, fillMinutes, latencyRate, broker,
                  workDir, keep});
    p.process(*app);

    Bench::Options o;
    o.quick = p.isSet(quick);
    // A smoke run does one run per figure unless told otherwise.
    o.runs = o.quick && !p.isSet(runs) ? 1 : std::clamp(p.value(runs).toInt(), 1, 9);
    for (const QString &f : p.value(only).split(u',', Qt::SkipEmptyParts))
        o.only.insert(f.trimmed());
    if (p.isSet(million) || p.isSet(millionCount))
        o.millionCount = p.isSet(millionCount) ? p.value(millionCount).toLongLong() : 1'000'000;
    o.millionFillMinutes = std::clamp(p.value(fillMinutes).toInt(), 1, 240);
    o.latencyRate = std::clamp(p.value(latencyRate).toDouble(), 1.0, 100000.0);
    o.brokerBin = p.value(broker);
    o.selfBin = QCoreApplication::applicationFilePath();
    o.workRoot = p.value(workDir);
    o.keepData = p.isSet(keep);
    if (!QFileInfo(o.brokerBin).isExecutable()) {
        std::fprintf(stderr, "broker binary not found: %s (use --broker)\n",
                     qPrintable(o.brokerBin));
        return 2;
    }
    std::printf("command: %s\n", qPrintable(QCoreApplication::arguments().join(u' ')));
    Bench::Runner runner(o);
    return runner.run();
}
