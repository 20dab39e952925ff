#include "runner.h"

#include "benchutil.h"
#include "loadclient.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QSysInfo>
#include <QThread>

#include <cstdio>

namespace Bench {

namespace {

constexpr int kBodyBytes = 1024;
constexpr int kPublishConnections = 64;

} // namespace

Runner::Runner(const Options &options)
    : m_opt(options)
    , m_root(options.workRoot + QStringLiteral("/localstash-bench-XXXXXX"))
{
    m_root.setAutoRemove(!options.keepData);
}

Runner::~Runner() = default;

void Runner::add(const Row &row)
{
    m_rows.push_back(row);
    out(QStringLiteral("  %1: %2  [runs %3]  baseline %4  ratio %5  target %6 -> %7")
            .arg(row.figure, row.value, row.runs, row.baseline, row.ratio, row.target,
                 row.verdict));
}

void Runner::note(const QString &text)
{
    out(QStringLiteral("  note: ") + text);
}

QString Runner::newDataDir()
{
    const QString dir = m_root.path() + QStringLiteral("/data-%1").arg(++m_dirCounter);
    QDir().mkpath(dir);
    return dir;
}

std::unique_ptr<Child> Runner::startBroker(const QString &dataDir, quint16 *port)
{
    auto child = std::make_unique<Child>();
    *port = child->start(m_opt.brokerBin,
                         {QStringLiteral("--headless"), QStringLiteral("--port"),
                          QStringLiteral("0"), QStringLiteral("--data-dir"), dataDir},
                         "is running at http://127.0.0.1:", 60000);
    if (*port == 0)
        note(QStringLiteral("the broker did not start: %1")
                 .arg(QString::fromLocal8Bit(child->errors().right(2000))));
    return child;
}

std::unique_ptr<Child> Runner::startRole(const QStringList &args, quint16 *port,
                                         const QByteArray &preload)
{
    auto child = std::make_unique<Child>();
    // Raw baselines write through SQLite's own VFS, not the broker's WAL write-gathering one
    // (linked into this program with the broker library).
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LOCALSTASH_WAL_COALESCE"), QStringLiteral("0"));
    if (!preload.isEmpty())
        env.insert(QStringLiteral("LD_PRELOAD"), QString::fromLocal8Bit(preload));
    *port = child->start(m_opt.selfBin, args, "READY ", 20000, env);
    if (*port == 0)
        note(QStringLiteral("baseline %1 did not start: %2")
                 .arg(args.join(u' '), QString::fromLocal8Bit(child->errors().right(2000))));
    return child;
}

QByteArray Runner::publishRequest(quint16 port, const QByteArray &destination,
                                  const QByteArray &extraHeaders, qint64 seq) const
{
    return publishBytes(port, destination, extraHeaders, seq, kBodyBytes);
}

QByteArray Runner::getRequest(quint16 port, const QByteArray &path) const
{
    return getBytes(port, path);
}

int Runner::run()
{
    out(QStringLiteral("LocalStash benchmark — %1")
            .arg(QDateTime::currentDateTime().toString(Qt::ISODate)));
    QFile load(QStringLiteral("/proc/loadavg"));
    load.open(QIODevice::ReadOnly);
    out(QStringLiteral("machine: %1 cores (%2), load average %3")
            .arg(QThread::idealThreadCount())
            .arg(QSysInfo::prettyProductName(), QString::fromLatin1(load.readAll().trimmed())));
    out(QStringLiteral("broker: %1\ndata dirs under: %2\nmode: %3, %4 run(s) per figure, median "
                       "reported")
            .arg(m_opt.brokerBin, m_root.path(),
                 m_opt.quick ? QStringLiteral("--quick (smoke: short runs, not the figures)")
                             : QStringLiteral("full"))
            .arg(m_opt.runs));
    if (!m_root.isValid() || m_receiver.start() == 0) {
        out(QStringLiteral("cannot create the work dir or start the receiver"));
        return 2;
    }
    const struct
    {
        const char *name;
        void (Runner::*fn)();
        bool byDefault;
    } figures[] = {
        {"start", &Runner::figStart, true},  {"publish", &Runner::figPublish, true},
        {"e2e", &Runner::figEndToEnd, true}, {"latency", &Runner::figLatency, true},
        {"delay", &Runner::figDelay, true},  {"fanout", &Runner::figFanout, true},
        {"gui", &Runner::figGuiLag, true},   {"million", &Runner::figMillion, false},
    };
    for (const auto &f : figures) {
        const QString name = QString::fromLatin1(f.name);
        const bool selected =
            m_opt.only.isEmpty()
                ? (f.byDefault || (name == QStringLiteral("million") && m_opt.millionCount > 0))
                : m_opt.only.contains(name);
        if (!selected)
            continue;
        out(QStringLiteral("\n== %1 ==").arg(name));
        const qint64 t0 = nowNs();
        (this->*f.fn)();
        out(QStringLiteral("  (%1 s)").arg(fmtNum(double(nowNs() - t0) / 1e9, 1)));
    }
    m_receiver.stop();

    out(QStringLiteral("\n| figure | LocalStash (median) | runs | raw baseline (same run) | "
                       "ratio | target | verdict |"));
    out(QStringLiteral("|---|---|---|---|---|---|---|"));
    for (const Row &r : m_rows)
        out(QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 |")
                .arg(r.figure, r.value, r.runs, r.baseline, r.ratio, r.target, r.verdict));
    return 0;
}

// ---- baselines shared by several figures ----

double Runner::helloPublishRate(int runs, int seconds, double *cpuPerThousand)
{
    if (m_helloRate >= 0) {
        *cpuPerThousand = m_helloCpuPerK;
        return m_helloRate;
    }
    quint16 port = 0;
    auto hello = startRole({QStringLiteral("--role"), QStringLiteral("hello")}, &port);
    if (port == 0)
        return 0;
    LoadClient client(port, kPublishConnections);
    if (!client.connectAll(10000)) {
        note(QStringLiteral("cannot connect to the hello baseline"));
        return 0;
    }
    const QByteArray dest = m_receiver.url();
    std::vector<double> rates;
    double cpu = 0;
    qint64 answered = 0;
    for (int i = 0; i < runs; ++i) {
        ProcStats a;
        ProcStats b;
        client.onWindowStart = [&] { a = procStats(hello->pid()); };
        client.onWindowEnd = [&] { b = procStats(hello->pid()); };
        const auto r =
            client.runClosed([&](qint64 seq) { return publishRequest(port, dest, {}, seq); },
                             secs(1000, 300), seconds * 1000, 0);
        rates.push_back(r.rate());
        cpu += b.cpuSec - a.cpuSec;
        answered += r.ok;
    }
    m_helloRate = median(rates);
    m_helloCpuPerK = answered > 0 ? cpu / (double(answered) / 1000.0) : 0;
    *cpuPerThousand = m_helloCpuPerK;
    note(QStringLiteral("bare QHttpServer POST 1 KiB, 64 conns: %1 req/s (runs %2)")
             .arg(fmtNum(m_helloRate), joinRuns(rates)));
    return m_helloRate;
}

bool Runner::qnamRound(int seconds)
{
    // The senders, run back to back so all see the machine in the same state: QNAM as it comes
    // (reference), as the broker sets it up (the baseline), the same sending the headers a
    // delivery carries (reference), and the same on the allocator the app links, where it links
    // one (reference: how much of the broker's figure the allocator alone would give).
    struct Sender
    {
        QStringList args;
        QByteArray preload; // LD_PRELOAD for this sender, if any
        std::vector<double> *rates;
    };
    const QByteArray allocator = QByteArrayLiteral(LOCALSTASH_MALLOC_LIBRARY);
    const QStringList asBroker{QStringLiteral("--config"), QStringLiteral("broker")};
    std::vector<Sender> senders{
        {{QStringLiteral("--config"), QStringLiteral("default")}, {}, &m_qnam.defaults},
        {asBroker, {}, &m_qnam.baseline},
        {asBroker + QStringList{QStringLiteral("--headers"), QStringLiteral("qstash")},
         {},
         &m_qnam.qstash}};
    if (!allocator.isEmpty())
        senders.push_back({asBroker, allocator, &m_qnam.allocator});
    const int warmMs = secs(1000, 300);
    for (const Sender &sender : senders) {
        quint16 ready = 0;
        auto child = startRole(QStringList{QStringLiteral("--role"), QStringLiteral("qnam"),
                                           QStringLiteral("--target"),
                                           QString::fromLatin1(m_receiver.url("/r/q")),
                                           QStringLiteral("--inflight"), QStringLiteral("64"),
                                           QStringLiteral("--duration-ms"),
                                           QString::number(warmMs + seconds * 1000 + 500)} +
                                   sender.args,
                               &ready, sender.preload);
        if (ready == 0)
            return false;
        spinFor(warmMs);
        const quint64 c0 = m_receiver.count();
        const ProcStats a = procStats(child->pid());
        const qint64 t0 = nowNs();
        spinFor(seconds * 1000);
        const quint64 c1 = m_receiver.count();
        const ProcStats b = procStats(child->pid());
        const double s = double(nowNs() - t0) / 1e9;
        sender.rates->push_back(double(c1 - c0) / s);
        if (sender.rates == &m_qnam.baseline) {
            m_qnam.cpuSec += b.cpuSec - a.cpuSec;
            m_qnam.delivered += double(c1 - c0);
        }
        child->waitExit(20000);
        child->stop(2000);
    }
    m_receiver.clearSamples();
    return true;
}

double Runner::qnamBaseline(int runs, int seconds, double *cpuPerThousand)
{
    if (m_qnamRate < 0) {
        while (int(m_qnam.baseline.size()) < runs) {
            if (!qnamRound(seconds))
                return 0;
        }
        m_qnamRate = median(m_qnam.baseline);
        m_qnamCpuPerK = m_qnam.delivered > 0 ? m_qnam.cpuSec / (m_qnam.delivered / 1000.0) : 0;
        note(QStringLiteral("bare QNAM sender -> receiver, 1 KiB, 64 in flight, set up as the "
                            "broker's dispatcher (the baseline): %1 msg/s (runs %2); with QNAM's "
                            "defaults: %3 msg/s (runs %4); as the broker, sending a delivery's "
                            "QStash headers too: %5 msg/s (runs %6)")
                 .arg(fmtNum(m_qnamRate), joinRuns(m_qnam.baseline),
                      fmtNum(median(m_qnam.defaults)), joinRuns(m_qnam.defaults),
                      fmtNum(median(m_qnam.qstash)), joinRuns(m_qnam.qstash)));
        if (!m_qnam.allocator.empty())
            note(QStringLiteral("bare QNAM sender as the broker's, on the app's allocator (%1): "
                                "%2 msg/s (runs %3)")
                     .arg(QStringLiteral(LOCALSTASH_MALLOC_LIBRARY),
                          fmtNum(median(m_qnam.allocator)), joinRuns(m_qnam.allocator)));
    }
    *cpuPerThousand = m_qnamCpuPerK;
    return m_qnamRate;
}

void Runner::publishRun(quint16 port, int seconds, Child *broker, PublishRuns *into)
{
    LoadClient client(port, kPublishConnections);
    if (!client.connectAll(10000)) {
        note(QStringLiteral("cannot connect 64 clients to the broker"));
        return;
    }
    const QByteArray dest = m_receiver.url();
    // Delayed by a day: the figure is the durable ingest path (parse, store, commit, ack).
    const QByteArray delay = QByteArrayLiteral("Upstash-Delay: 1d\r\n");
    const auto r =
        client.runClosed([&](qint64 seq) { return publishRequest(port, dest, delay, seq); },
                         secs(1000, 300), seconds * 1000, 0);
    if (r.failed > 0)
        note(QStringLiteral("%1 publishes failed, first: HTTP %2 %3")
                 .arg(r.failed)
                 .arg(r.firstFailStatus)
                 .arg(QString::fromUtf8(r.firstFailBody)));
    into->rates.push_back(r.rate());
    into->ackP99Ms.push_back(percentile(r.latencyMs, 0.99));
    into->rssMb.push_back(double(procStats(broker->pid()).rssKb) / 1024.0);
}

// ---- figures ----

void Runner::figPublish()
{
    // Four servers take turns, one run each per round: the bare QHttpServer, the bare durable
    // ingest on one thread and on two, and the broker. On a machine whose speed drifts by a
    // third from minute to minute, a baseline measured minutes apart from the figure it divides
    // says more about the drift than about the broker; within a round all four see the same.
    const int seconds = secs(5, 1);
    struct Side
    {
        QString what;
        std::unique_ptr<Child> child;
        quint16 port = 0;
        std::unique_ptr<LoadClient> client;
        std::vector<double> rates;
        std::vector<double> p99;
        std::vector<double> rss;
        double cpu = 0;
        qint64 answered = 0;
    };
    Side sides[4];
    const auto durableArgs = [this](int threads) {
        return QStringList{QStringLiteral("--role"),    QStringLiteral("durable"),
                           QStringLiteral("--dir"),     newDataDir(),
                           QStringLiteral("--threads"), QString::number(threads)};
    };
    sides[0].what = QStringLiteral("bare QHttpServer POST");
    sides[0].child = startRole({QStringLiteral("--role"), QStringLiteral("hello")}, &sides[0].port);
    sides[1].what = QStringLiteral("bare durable ingest, 1 thread");
    sides[1].child = startRole(durableArgs(1), &sides[1].port);
    sides[2].what = QStringLiteral("bare durable ingest, 2 threads");
    sides[2].child = startRole(durableArgs(2), &sides[2].port);
    sides[3].what = QStringLiteral("LocalStash");
    sides[3].child = startBroker(newDataDir(), &sides[3].port);
    for (Side &side : sides) {
        if (side.port == 0)
            return;
        side.client = std::make_unique<LoadClient>(side.port, kPublishConnections);
        if (!side.client->connectAll(10000)) {
            note(QStringLiteral("cannot connect 64 clients to %1").arg(side.what));
            return;
        }
    }
    const QByteArray dest = m_receiver.url();
    // Delayed by a day: the broker's figure is the durable ingest path (parse, store, commit, ack).
    const QByteArray delay = QByteArrayLiteral("Upstash-Delay: 1d\r\n");
    for (int i = 0; i < m_opt.runs; ++i) {
        for (Side &side : sides) {
            const bool isBroker = &side == &sides[3];
            ProcStats a;
            ProcStats b;
            const qint64 pid = side.child->pid();
            side.client->onWindowStart = [&] { a = procStats(pid); };
            side.client->onWindowEnd = [&] { b = procStats(pid); };
            const auto r = side.client->runClosed(
                [&](qint64 seq) {
                    return publishRequest(side.port, dest, isBroker ? delay : QByteArray(), seq);
                },
                secs(1000, 300), seconds * 1000, 0);
            side.rates.push_back(r.rate());
            side.p99.push_back(percentile(r.latencyMs, 0.99));
            side.cpu += b.cpuSec - a.cpuSec;
            side.answered += r.ok;
            if (r.failed > 0)
                note(QStringLiteral("%1: %2 requests failed, first: HTTP %3 %4")
                         .arg(side.what)
                         .arg(r.failed)
                         .arg(r.firstFailStatus)
                         .arg(QString::fromUtf8(r.firstFailBody)));
            if (isBroker)
                side.rss.push_back(double(procStats(pid).rssKb) / 1024.0);
        }
    }
    for (const Side &side : sides)
        note(QStringLiteral("%1, 1 KiB, 64 conns: %2 req/s (runs %3), ack p99 per run %4 ms")
                 .arg(side.what, fmtNum(median(side.rates)), joinRuns(side.rates),
                      joinRuns(side.p99, 1)));
    if (m_helloRate < 0) { // shared with the figures that compare CPU with the bare server
        m_helloRate = median(sides[0].rates);
        m_helloCpuPerK =
            sides[0].answered > 0 ? sides[0].cpu / (double(sides[0].answered) / 1000.0) : 0;
    }
    const std::vector<double> &rates = sides[3].rates;
    const double med = median(rates);
    const double ratio = pairedRatio(rates, sides[0].rates);
    add({QStringLiteral("durable publish acks/s (64 conns, 1 KiB, ack after COMMIT)"),
         fmtNum(med) + QStringLiteral(" /s"), joinRuns(rates),
         fmtNum(median(sides[0].rates)) + QStringLiteral(" /s bare QHttpServer POST"),
         ratioOf(ratio), QStringLiteral(">= 20,000 /s and >= 0.25x"),
         verdict(med >= 20000 && ratio >= 0.25)});
    add({QStringLiteral("durable publish vs bare durable ingest (same parts, nothing else)"),
         fmtNum(med) + QStringLiteral(" /s"), joinRuns(rates),
         fmtNum(median(sides[1].rates)) +
             QStringLiteral(" /s bare QHttpServer POST + SQLite WAL insert, ack after COMMIT"),
         ratioOf(pairedRatio(rates, sides[1].rates)),
         QStringLiteral("(report: what these parts reach on this machine)"), QStringLiteral("-")});
    add({QStringLiteral("durable publish vs bare durable ingest with a writer thread"),
         fmtNum(med) + QStringLiteral(" /s"), joinRuns(rates),
         fmtNum(median(sides[2].rates)) +
             QStringLiteral(" /s the same, inserts and COMMIT on a second thread"),
         ratioOf(pairedRatio(rates, sides[2].rates)),
         QStringLiteral("(report: what a writer thread would add)"), QStringLiteral("-")});
    add({QStringLiteral("broker RSS after each publish run"),
         fmtNum(sides[3].rss.empty() ? 0 : sides[3].rss.back(), 1) + QStringLiteral(" MB"),
         joinRuns(sides[3].rss, 1), QStringLiteral("-"), QStringLiteral("-"),
         QStringLiteral("no growth across runs (store grows: delayed messages stay)"),
         QStringLiteral("-")});
    for (Side &side : sides)
        side.client.reset(); // before the servers stop
    sides[3].child->stop();
}

void Runner::figEndToEnd()
{
    const int seconds = secs(30, 3);
    const int qnamSeconds = secs(10, 2);
    double helloCpuK = 0;
    helloPublishRate(m_opt.runs, secs(5, 1), &helloCpuK);

    // Bare SQLite: the same 1 KiB rows, WAL, synchronous=NORMAL, 100 rows per transaction.
    std::vector<double> sqlRates;
    std::vector<double> sqlBytes;
    for (int i = 0; i < m_opt.runs; ++i) {
        quint16 ready = 0;
        auto sql =
            startRole({QStringLiteral("--role"), QStringLiteral("sqlite"), QStringLiteral("--dir"),
                       newDataDir(), QStringLiteral("--batch"), QStringLiteral("100"),
                       QStringLiteral("--body"), QString::number(kBodyBytes),
                       QStringLiteral("--duration-ms"), QString::number(secs(3000, 500))},
                      &ready);
        if (ready == 0)
            break;
        sql->waitExit(60000);
        const QByteArray o = sql->output();
        const auto field = [&](const char *key) {
            const QByteArray k = QByteArray(key) + '=';
            const qsizetype at = o.indexOf(k);
            if (at < 0)
                return 0.0;
            qsizetype end = o.indexOf(' ', at);
            const qsizetype nl = o.indexOf('\n', at);
            if (end < 0 || (nl >= 0 && nl < end))
                end = nl;
            return o.mid(at + k.size(), end - at - k.size()).toDouble();
        };
        const double rows = field("rows");
        if (rows > 0) {
            sqlRates.push_back(rows / field("secs"));
            sqlBytes.push_back(field("write_bytes") / rows);
        }
    }
    add({QStringLiteral("(baseline) bare SQLite inserts, WAL NORMAL, txn of 100, 1 KiB"),
         fmtNum(median(sqlRates)) + QStringLiteral(" rows/s"), joinRuns(sqlRates),
         QStringLiteral("-"), QStringLiteral("-"), QStringLiteral("-"), QStringLiteral("-")});

    quint16 port = 0;
    auto broker = startBroker(newDataDir(), &port);
    if (port == 0)
        return;
    LoadClient client(port, kPublishConnections);
    if (!client.connectAll(10000))
        return;
    const QByteArray dest = m_receiver.url("/r/x");
    std::vector<double> rates;
    std::vector<double> cpuK;
    std::vector<double> bytes;
    std::vector<double> wchar;
    std::vector<double> rss;
    for (int i = 0; i < m_opt.runs; ++i) {
        // A round of the bare QNAM senders right before each broker run, so that each run is
        // divided by the baseline of its own round (unless another figure ran them already).
        if (int(m_qnam.baseline.size()) <= i && !qnamRound(qnamSeconds))
            return;
        const quint64 base = m_receiver.count();
        const qint64 sentBase = client.sent();
        // At most 2,000 accepted-but-undelivered messages: the figure is the sustained rate.
        const auto gate = [&] {
            return qint64(client.sent() - sentBase) - qint64(m_receiver.count() - base) < 2000;
        };
        quint64 c0 = 0;
        quint64 c1 = 0;
        ProcStats a;
        ProcStats b;
        qint64 t0 = 0;
        qint64 t1 = 0;
        client.onWindowStart = [&] {
            c0 = m_receiver.count();
            a = procStats(broker->pid());
            t0 = nowNs();
        };
        client.onWindowEnd = [&] {
            c1 = m_receiver.count();
            b = procStats(broker->pid());
            t1 = nowNs();
        };
        const auto r =
            client.runClosed([&](qint64 seq) { return publishRequest(port, dest, {}, seq); },
                             secs(2000, 500), seconds * 1000, 0, gate);
        if (r.failed > 0)
            note(QStringLiteral("%1 publishes failed, first: HTTP %2 %3")
                     .arg(r.failed)
                     .arg(r.firstFailStatus)
                     .arg(QString::fromUtf8(r.firstFailBody)));
        const double delivered = double(c1 - c0);
        const double s = double(t1 - t0) / 1e9;
        rates.push_back(s > 0 ? delivered / s : 0);
        cpuK.push_back(delivered > 0 ? (b.cpuSec - a.cpuSec) / (delivered / 1000.0) : 0);
        bytes.push_back(delivered > 0 ? double(b.writeBytes - a.writeBytes) / delivered : 0);
        wchar.push_back(delivered > 0 ? double(b.wchar - a.wchar) / delivered : 0);
        // Let the backlog drain (bounded), then see what the broker still holds.
        const quint64 want = base + quint64(client.sent() - sentBase);
        spinUntil([&] { return m_receiver.count() >= want; }, 30000, 10);
        spinFor(500);
        rss.push_back(double(procStats(broker->pid()).rssKb) / 1024.0);
    }
    m_receiver.clearSamples();
    double qnamCpuK = 0;
    const double qnam = qnamBaseline(m_opt.runs, qnamSeconds, &qnamCpuK);
    const double med = median(rates);
    const double ratio = pairedRatio(rates, m_qnam.baseline);
    add({QStringLiteral("end-to-end delivered msg/s, durable, %1 s sustained").arg(seconds),
         fmtNum(med) + QStringLiteral(" /s"), joinRuns(rates),
         fmtNum(qnam) + QStringLiteral(" /s bare QNAM sender"), ratioOf(ratio),
         QStringLiteral(">= 5,000 /s and >= 0.5x"), verdict(med >= 5000 && ratio >= 0.5)});
    add({QStringLiteral("end-to-end vs bare QNAM sending a delivery's QStash headers (for "
                        "reference)"),
         fmtNum(med) + QStringLiteral(" /s"), joinRuns(rates),
         fmtNum(median(m_qnam.qstash)) +
             QStringLiteral(" /s bare QNAM sender, as the broker's, with Upstash-Signature etc."),
         ratioOf(pairedRatio(rates, m_qnam.qstash)), QStringLiteral("(report)"),
         QStringLiteral("-")});
    if (!m_qnam.allocator.empty())
        add({QStringLiteral("end-to-end vs bare QNAM on the app's allocator (for reference)"),
             fmtNum(med) + QStringLiteral(" /s"), joinRuns(rates),
             fmtNum(median(m_qnam.allocator)) +
                 QStringLiteral(" /s bare QNAM sender, as the broker's, on ") +
                 QFileInfo(QString::fromUtf8(LOCALSTASH_MALLOC_LIBRARY)).fileName(),
             ratioOf(pairedRatio(rates, m_qnam.allocator)), QStringLiteral("(report)"),
             QStringLiteral("-")});
    add({QStringLiteral("end-to-end vs bare QNAM with its defaults (for reference)"),
         fmtNum(med) + QStringLiteral(" /s"), joinRuns(rates),
         fmtNum(median(m_qnam.defaults)) + QStringLiteral(" /s bare QNAM sender, QNAM's defaults"),
         ratioOf(pairedRatio(rates, m_qnam.defaults)), QStringLiteral("(report)"),
         QStringLiteral("-")});
    const double baseCpu = qnamCpuK + helloCpuK;
    add({QStringLiteral("broker CPU s per 1,000 messages (publish + store + deliver)"),
         fmtNum(median(cpuK), 3) + QStringLiteral(" s"), joinRuns(cpuK, 3),
         fmtNum(baseCpu, 3) + QStringLiteral(" s bare receive (hello) + bare QNAM send"),
         ratioText(median(cpuK), baseCpu), QStringLiteral("(report)"), QStringLiteral("-")});
    add({QStringLiteral("bytes written to disk per message (write_bytes)"),
         fmtNum(median(bytes)) + QStringLiteral(" B"), joinRuns(bytes),
         fmtNum(median(sqlBytes)) + QStringLiteral(" B/row bare SQLite"),
         ratioText(median(bytes), median(sqlBytes)), QStringLiteral("(report)"),
         QStringLiteral("-")});
    add({QStringLiteral("bytes passed to write() per message (wchar)"),
         fmtNum(median(wchar)) + QStringLiteral(" B"), joinRuns(wchar), QStringLiteral("-"),
         QStringLiteral("-"), QStringLiteral("(report)"), QStringLiteral("-")});
    const bool flat = rss.size() < 2 || rss.back() <= rss.front() * 1.10 + 2;
    add({QStringLiteral("broker RSS after each e2e run (backlog drained)"),
         fmtNum(rss.empty() ? 0 : rss.back(), 1) + QStringLiteral(" MB"), joinRuns(rss, 1),
         QStringLiteral("-"), QStringLiteral("-"), QStringLiteral("no growth across runs"),
         flat ? QStringLiteral("met") : QStringLiteral("grows")});
    broker->stop();
}

} // namespace Bench
