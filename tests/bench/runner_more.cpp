// The timing figures (latency, delayed lateness, start-up) and the bigger scenarios (fan-out, a
// million pending delayed messages).

#include "benchutil.h"
#include "loadclient.h"
#include "runner.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QHash>
#include <QTimer>

#include <cstdio>

namespace Bench {

namespace {

qint64 dirBytes(const QString &dir)
{
    qint64 total = 0;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        total += QFileInfo(it.next()).size();
    return total;
}

// Deterministic per-message delay for the lateness figure: 300 ms .. 3 s.
qint64 delayFor(qint64 seq)
{
    return 300 + (seq * 7919) % 2700;
}

} // namespace

void Runner::figLatency()
{
    const int seconds = secs(10, 2);
    quint16 port = 0;
    auto broker = startBroker(newDataDir(), &port);
    if (port == 0)
        return;
    LoadClient client(port, 16);
    if (!client.connectAll(10000))
        return;
    const QByteArray dest = m_receiver.url("/r/x");
    // One pass at the given rate; returns false when the broker could not keep up with it.
    const auto pass = [&](double rate) {
        // Baseline: the bare QNAM sender at the same rate, stamped bodies, latency at the receiver.
        std::vector<double> b50;
        std::vector<double> b99;
        for (int i = 0; i < m_opt.runs; ++i) {
            m_receiver.clearSamples();
            quint16 ready = 0;
            auto sender = startRole(
                {QStringLiteral("--role"), QStringLiteral("qnam"), QStringLiteral("--target"),
                 QString::fromLatin1(m_receiver.url("/r/q")), QStringLiteral("--inflight"),
                 QStringLiteral("64"), QStringLiteral("--rate"), QString::number(rate),
                 QStringLiteral("--duration-ms"), QString::number(seconds * 1000)},
                &ready);
            if (ready == 0)
                return true;
            sender->waitExit(seconds * 1000 + 20000);
            std::vector<double> lat;
            for (const auto &s : m_receiver.takeSamples())
                lat.push_back(double(s.latencyNs) / 1e6);
            b50.push_back(percentile(lat, 0.5));
            b99.push_back(percentile(lat, 0.99));
        }
        std::vector<double> p50;
        std::vector<double> p99;
        std::vector<double> ack99;
        qint64 backlog = 0;
        for (int i = 0; i < m_opt.runs; ++i) {
            m_receiver.clearSamples();
            const quint64 base = m_receiver.count();
            const auto r =
                client.runOpen([&](qint64 seq) { return publishRequest(port, dest, {}, seq); },
                               rate, seconds * 1000);
            const quint64 want = base + quint64(r.ok);
            spinUntil([&] { return m_receiver.count() >= want; }, 30000, 5);
            std::vector<double> lat;
            for (const auto &s : m_receiver.takeSamples())
                lat.push_back(double(s.latencyNs) / 1e6);
            p50.push_back(percentile(lat, 0.5));
            p99.push_back(percentile(lat, 0.99));
            ack99.push_back(percentile(r.latencyMs, 0.99));
            backlog = std::max(backlog, client.maxBacklog());
        }
        note(QStringLiteral("at %1 msg/s: publish ack p99 per run %2 ms; the client waited for a "
                            "free connection with up to %3 requests")
                 .arg(fmtNum(rate), joinRuns(ack99, 2))
                 .arg(backlog));
        const bool atTarget = qFuzzyCompare(rate, 1000.0);
        add({QStringLiteral("publish -> first delivery attempt at %1 msg/s, p50").arg(fmtNum(rate)),
             fmtNum(median(p50), 2) + QStringLiteral(" ms"), joinRuns(p50, 2),
             fmtNum(median(b50), 2) + QStringLiteral(" ms bare QNAM -> receiver"),
             ratioText(median(p50), median(b50)),
             atTarget ? QStringLiteral("<= 2 ms") : QStringLiteral("(<= 2 ms at 1,000/s)"),
             atTarget ? verdict(median(p50) <= 2.0) : QStringLiteral("-")});
        add({QStringLiteral("publish -> first delivery attempt at %1 msg/s, p99").arg(fmtNum(rate)),
             fmtNum(median(p99), 2) + QStringLiteral(" ms"), joinRuns(p99, 2),
             fmtNum(median(b99), 2) + QStringLiteral(" ms bare QNAM -> receiver"),
             ratioText(median(p99), median(b99)),
             atTarget ? QStringLiteral("<= 20 ms") : QStringLiteral("(<= 20 ms at 1,000/s)"),
             atTarget ? verdict(median(p99) <= 20.0) : QStringLiteral("-")});
        // Far behind: the figure measured the queue, not the path.
        return backlog < 50 && median(p50) < 1000;
    };
    if (!pass(m_opt.latencyRate) && m_opt.latencyRate > 200) {
        note(QStringLiteral("the broker could not sustain %1 msg/s here; the path latency at a "
                            "rate it sustains follows")
                 .arg(fmtNum(m_opt.latencyRate)));
        pass(200);
    }
    broker->stop();
}

void Runner::figDelay()
{
    // Publishes at 50/s with Upstash-Delay 0.3-3 s. The broker fixes due = its now + delay while
    // parsing, between our send and its ack, so arrival - (send + delay) is an upper bound on the
    // lateness and arrival - (ack + delay) a lower one. A bare PreciseTimer with the same delays,
    // armed at the same moments in this process, is the baseline.
    const int seconds = secs(6, 2);
    const double rate = 50;
    quint16 port = 0;
    auto broker = startBroker(newDataDir(), &port);
    if (port == 0)
        return;
    LoadClient client(port, 8);
    if (!client.connectAll(10000))
        return;
    const QByteArray dest = m_receiver.url("/r/d");
    std::vector<double> p50;
    std::vector<double> p99;
    std::vector<double> maxLate;
    std::vector<double> t99;
    qint64 early = 0;
    qint64 maybeEarly = 0;
    qint64 total = 0;
    for (int i = 0; i < m_opt.runs; ++i) {
        m_receiver.clearSamples();
        QHash<qint64, qint64> ackWindowNs; // seq -> ack - send
        std::vector<double> timerLate;
        QObject timers;
        client.observer = [&](qint64 seq, int, qint64 sentNs, qint64 doneNs) {
            ackWindowNs.insert(seq, doneNs - sentNs);
        };
        const auto make = [&](qint64 seq) {
            const qint64 d = delayFor(seq);
            const qint64 armed = nowNs();
            QTimer::singleShot(int(d), Qt::PreciseTimer, &timers, [&timerLate, armed, d] {
                timerLate.push_back(double(nowNs() - armed) / 1e6 - double(d));
            });
            return publishRequest(port, dest, "Upstash-Delay: " + QByteArray::number(d) + "ms\r\n",
                                  seq);
        };
        const auto r = client.runOpen(make, rate, seconds * 1000);
        client.observer = {};
        const quint64 want = quint64(r.ok);
        spinUntil([&] { return m_receiver.sampleCount() >= want; }, 3000 + 10000, 5);
        spinFor(100); // the last baseline timers
        std::vector<double> upper;
        for (const auto &s : m_receiver.takeSamples()) {
            const double up = double(s.latencyNs) / 1e6 - double(delayFor(s.seq));
            const double low = up - double(ackWindowNs.value(s.seq)) / 1e6;
            upper.push_back(up);
            // Broker times are whole wall-clock ms: only more than 1 ms before counts as early.
            if (up < -1.0)
                ++early;
            else if (low < -1.0)
                ++maybeEarly;
        }
        total += qint64(upper.size());
        if (upper.size() < want)
            note(QStringLiteral("%1 of %2 delayed messages arrived in time for the count")
                     .arg(upper.size())
                     .arg(want));
        p50.push_back(percentile(upper, 0.5));
        p99.push_back(percentile(upper, 0.99));
        maxLate.push_back(percentile(upper, 1.0));
        t99.push_back(percentile(timerLate, 0.99));
    }
    note(QStringLiteral("lateness max per run: %1 ms; baseline timer p99 per run: %2 ms")
             .arg(joinRuns(maxLate, 2), joinRuns(t99, 2)));
    add({QStringLiteral("delayed message lateness after not-before, p50 (upper bound)"),
         fmtNum(median(p50), 2) + QStringLiteral(" ms"), joinRuns(p50, 2), QStringLiteral("-"),
         QStringLiteral("-"), QStringLiteral("(report)"), QStringLiteral("-")});
    add({QStringLiteral("delayed message lateness after not-before, p99 (upper bound)"),
         fmtNum(median(p99), 2) + QStringLiteral(" ms"), joinRuns(p99, 2),
         fmtNum(median(t99), 2) + QStringLiteral(" ms bare PreciseTimer p99"),
         ratioText(median(p99), median(t99)), QStringLiteral("<= 5 ms"),
         verdict(median(p99) <= 5.0)});
    add({QStringLiteral("delayed messages delivered early (> 1 ms before not-before)"),
         QStringLiteral("%1 of %2").arg(early).arg(total),
         QStringLiteral("undecidable: %1").arg(maybeEarly), QStringLiteral("-"),
         QStringLiteral("-"), QStringLiteral("never early"), verdict(early == 0 && total > 0)});
    broker->stop();
}

void Runner::figStart()
{
    const int idleMs = secs(3000, 500);
    const auto measure = [&](bool broker, std::vector<double> *coldMs, std::vector<double> *rssMb) {
        for (int i = 0; i < m_opt.runs; ++i) {
            quint16 port = 0;
            std::unique_ptr<Child> child =
                broker ? startBroker(newDataDir(), &port)
                       : startRole({QStringLiteral("--role"), QStringLiteral("hello")}, &port);
            if (port == 0)
                return;
            const QByteArray path = broker ? QByteArrayLiteral("/v2/topics") : "/";
            const int status = httpOnce(port, getRequest(port, path), 10000);
            const qint64 answered = nowNs();
            if (status != 200)
                note(QStringLiteral("first request answered HTTP %1").arg(status));
            coldMs->push_back(double(answered - child->startedAtNs()) / 1e6);
            spinFor(idleMs);
            rssMb->push_back(double(procStats(child->pid()).rssKb) / 1024.0);
            child->stop();
        }
    };
    std::vector<double> helloCold;
    std::vector<double> helloRss;
    measure(false, &helloCold, &helloRss);
    std::vector<double> cold;
    std::vector<double> rss;
    measure(true, &cold, &rss);
    add({QStringLiteral("cold start to first answered request (new data dir)"),
         fmtNum(median(cold), 1) + QStringLiteral(" ms"), joinRuns(cold, 1),
         fmtNum(median(helloCold), 1) + QStringLiteral(" ms bare QHttpServer process"),
         ratioText(median(cold), median(helloCold)), QStringLiteral("<= 150 ms"),
         verdict(!cold.empty() && median(cold) <= 150)});
    add({QStringLiteral("idle RSS, headless (after one request)"),
         fmtNum(median(rss), 1) + QStringLiteral(" MB"), joinRuns(rss, 1),
         fmtNum(median(helloRss), 1) + QStringLiteral(" MB bare QHttpServer process"),
         ratioText(median(rss), median(helloRss)), QStringLiteral("<= 30 MB"),
         verdict(!rss.empty() && median(rss) <= 30)});
}

void Runner::figFanout()
{
    const int seconds = secs(10, 2);
    const int endpoints = 50;
    double qnamCpuK = 0;
    const double qnam = qnamBaseline(m_opt.runs, secs(10, 2), &qnamCpuK);
    quint16 port = 0;
    auto broker = startBroker(newDataDir(), &port);
    if (port == 0)
        return;
    QByteArray json = "{\"endpoints\":[";
    for (int i = 0; i < endpoints; ++i)
        json += (i ? "," : "") + QByteArray("{\"name\":\"e") + QByteArray::number(i) +
                "\",\"url\":\"" + m_receiver.url("/r/e" + QByteArray::number(i)) + "\"}";
    json += "]}";
    const QByteArray create =
        "POST /v2/topics/bench/endpoints HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
        "\r\nAuthorization: Bearer " + kDevToken +
        "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(json.size()) +
        "\r\n\r\n" + json;
    QByteArray answer;
    const int status = httpOnce(port, create, 10000, &answer);
    if (status != 200) {
        note(QStringLiteral("URL groups unavailable (HTTP %1 %2): fan-out not measured")
                 .arg(status)
                 .arg(QString::fromUtf8(answer.left(200))));
        return;
    }
    LoadClient client(port, 8);
    if (!client.connectAll(10000))
        return;
    std::vector<double> rates;
    for (int i = 0; i < m_opt.runs; ++i) {
        const quint64 base = m_receiver.count();
        const qint64 sentBase = client.sent();
        const auto gate = [&] {
            return qint64(client.sent() - sentBase) * endpoints -
                       qint64(m_receiver.count() - base) <
                   4000;
        };
        quint64 c0 = 0;
        quint64 c1 = 0;
        qint64 t0 = 0;
        qint64 t1 = 0;
        client.onWindowStart = [&] {
            c0 = m_receiver.count();
            t0 = nowNs();
        };
        client.onWindowEnd = [&] {
            c1 = m_receiver.count();
            t1 = nowNs();
        };
        const auto r =
            client.runClosed([&](qint64 seq) { return publishRequest(port, "bench", {}, seq); },
                             secs(2000, 500), seconds * 1000, 0, gate);
        if (r.failed > 0)
            note(QStringLiteral("%1 group publishes failed, first: HTTP %2 %3")
                     .arg(r.failed)
                     .arg(r.firstFailStatus)
                     .arg(QString::fromUtf8(r.firstFailBody)));
        rates.push_back(t1 > t0 ? double(c1 - c0) / (double(t1 - t0) / 1e9) : 0);
        const quint64 want = base + quint64(client.sent() - sentBase) * endpoints;
        spinUntil([&] { return m_receiver.count() >= want; }, 30000, 10);
    }
    m_receiver.clearSamples();
    const double med = median(rates);
    add({QStringLiteral("fan-out: publish to a URL group of 50 endpoints, deliveries/s"),
         fmtNum(med) + QStringLiteral(" /s"), joinRuns(rates),
         fmtNum(qnam) + QStringLiteral(" /s bare QNAM sender"), ratioText(med, qnam),
         QStringLiteral(">= 5,000 /s"), verdict(med >= 5000)});
    broker->stop();
}

void Runner::figMillion()
{
    const qint64 want = m_opt.millionCount > 0 ? m_opt.millionCount : 1'000'000;
    const int seconds = secs(5, 1);
    // Two brokers of the same binary: one holds the pending delayed messages, the other an empty
    // store. Their publish runs take turns, the order swapped every round, and the ratio is the
    // median of the per-round ratios (as in the publish figure): single runs on this machine
    // range by a fifth within minutes, so an empty-store rate taken before the fill and restart
    // measured the drift as much as the store.
    quint16 emptyPort = 0;
    auto emptyBroker = startBroker(newDataDir(), &emptyPort);
    const QString dir = newDataDir();
    quint16 port = 0;
    auto broker = startBroker(dir, &port);
    if (emptyPort == 0 || port == 0)
        return;

    // Fill: delayed 1-2 days (beyond the in-memory horizon), spread over a day of due times.
    LoadClient filler(port, 64);
    if (!filler.connectAll(10000))
        return;
    const QByteArray dest = m_receiver.url("/r/m");
    const qint64 fillStart = nowNs();
    qint64 filled = 0;
    const qint64 chunk = 100'000;
    const qint64 budgetNs = qint64(m_opt.millionFillMinutes) * 60 * 1'000'000'000LL;
    while (filled < want && nowNs() - fillStart < budgetNs) {
        const qint64 n = std::min(chunk, want - filled);
        const auto r = filler.runClosed(
            [&](qint64 seq) {
                const QByteArray delay =
                    "Upstash-Delay: " + QByteArray::number(86400 + (seq * 7) % 86400) + "s\r\n";
                return publishRequest(port, dest, delay, seq);
            },
            0, int(std::max<qint64>(1000, (budgetNs - (nowNs() - fillStart)) / 1'000'000)), n);
        filled += r.ok;
        if (r.failed > 0)
            note(QStringLiteral("%1 fill publishes failed: HTTP %2 %3")
                     .arg(r.failed)
                     .arg(r.firstFailStatus)
                     .arg(QString::fromUtf8(r.firstFailBody)));
        out(QStringLiteral("  filled %1 / %2 (%3 /s, RSS %4 MB)")
                .arg(filled)
                .arg(want)
                .arg(fmtNum(double(filled) / (double(nowNs() - fillStart) / 1e9)))
                .arg(fmtNum(double(procStats(broker->pid()).rssKb) / 1024.0, 1)));
        if (r.ok == 0)
            break;
    }
    const qint64 pending = filled;
    spinFor(2000);
    const ProcStats full = procStats(broker->pid());
    const double fullRss = double(full.rssKb) / 1024.0;

    // Restart on the same data dir: SIGTERM, then time to the first answered request.
    const qint64 stopStart = nowNs();
    broker->stop(60000);
    const double stopMs = double(nowNs() - stopStart) / 1e6;
    std::vector<double> restartMs;
    std::vector<double> restartRss;
    std::unique_ptr<Child> again;
    for (int i = 0; i < m_opt.runs; ++i) {
        again = startBroker(dir, &port);
        if (port == 0)
            return;
        const int status = httpOnce(port, getRequest(port, "/v2/topics"), 30000);
        restartMs.push_back(double(nowNs() - again->startedAtNs()) / 1e6);
        if (status != 200)
            note(QStringLiteral("first request after restart: HTTP %1").arg(status));
        spinFor(secs(2000, 500));
        restartRss.push_back(double(procStats(again->pid()).rssKb) / 1024.0);
        if (i + 1 < m_opt.runs)
            again->stop(60000);
    }

    PublishRuns emptyStore;
    PublishRuns fullStore;
    const auto runEmpty = [&] { publishRun(emptyPort, seconds, emptyBroker.get(), &emptyStore); };
    const auto runFull = [&] { publishRun(port, seconds, again.get(), &fullStore); };
    for (int i = 0; i < m_opt.runs; ++i) {
        if (i % 2 == 0) {
            runEmpty();
            runFull();
        } else {
            runFull();
            runEmpty();
        }
    }
    const double emptyRate = median(emptyStore.rates);
    const double fullRate = median(fullStore.rates);
    const std::vector<double> ratios = runRatios(fullStore.rates, emptyStore.rates);
    const double ratio = median(ratios);
    const double emptyRss = emptyStore.rssMb.empty() ? 0 : emptyStore.rssMb.back();
    const double fullRunRss = fullStore.rssMb.empty() ? 0 : fullStore.rssMb.back();
    const double maxRss = std::max({fullRss, median(restartRss), fullRunRss});
    note(QStringLiteral("publish ack latency p99 per run: empty store %1 ms, full store %2 ms; "
                        "full/empty per round %3")
             .arg(joinRuns(emptyStore.ackP99Ms, 1), joinRuns(fullStore.ackP99Ms, 1),
                  joinRuns(ratios, 3)));
    note(
        QStringLiteral("%1 pending delayed messages (plus those of the rate runs); database %2 MB; "
                       "stop took %3 ms; peak RSS (VmHWM) during the fill %4 MB")
            .arg(pending)
            .arg(fmtNum(double(dirBytes(dir)) / 1048576.0))
            .arg(fmtNum(stopMs))
            .arg(fmtNum(double(full.hwmKb) / 1024.0, 1)));
    add({QStringLiteral("%1 pending delayed: broker RSS (after fill / after restart / after "
                        "publish runs)")
             .arg(pending),
         fmtNum(maxRss, 1) + QStringLiteral(" MB"),
         QStringLiteral("%1 / %2 / %3")
             .arg(fmtNum(fullRss, 1), fmtNum(median(restartRss), 1), fmtNum(fullRunRss, 1)),
         fmtNum(emptyRss, 1) + QStringLiteral(" MB empty store"), ratioText(maxRss, emptyRss),
         QStringLiteral("<= 200 MB"), verdict(maxRss <= 200 && pending >= want)});
    add({QStringLiteral("%1 pending delayed: restart to first answered request").arg(pending),
         fmtNum(median(restartMs), 0) + QStringLiteral(" ms"), joinRuns(restartMs),
         QStringLiteral("-"), QStringLiteral("-"), QStringLiteral("<= 3,000 ms"),
         verdict(median(restartMs) <= 3000 && pending >= want)});
    add({QStringLiteral("%1 pending delayed: publish acks/s vs empty store").arg(pending),
         fmtNum(fullRate) + QStringLiteral(" /s"), joinRuns(fullStore.rates),
         fmtNum(emptyRate) + QStringLiteral(" /s same binary, empty store, runs in turn"),
         ratioOf(ratio, 3), QStringLiteral(">= 0.9x"), verdict(ratio >= 0.9 && pending >= want)});
    again->stop(60000);
    emptyBroker->stop(60000);
}

#ifndef LOCALSTASH_BENCH_GUI
void Runner::figGuiLag()
{
    add({QStringLiteral("GUI event-loop lag p99, window open, 5,000 msg/s"),
         QStringLiteral("not measured"), QStringLiteral("-"), QStringLiteral("-"),
         QStringLiteral("-"), QStringLiteral("<= 50 ms"),
         QStringLiteral("needs a build with LOCALSTASH_BUILD_UI=ON")});
}
#endif

} // namespace Bench
