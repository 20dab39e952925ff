// The GUI event-loop lag figure: the broker in its own thread and the real dashboard window in
// this process's GUI thread, wired as the app wires them, while a child process publishes at
// 5,000 msg/s to a local receiver. A 10 ms precise timer in the GUI thread measures how late the
// event loop gets to it; the same probe with the broker idle is the baseline.

#include "benchutil.h"
#include "brokerclient.h"
#include "brokerservice.h"
#include "loadclient.h"
#include "mainwindow.h"
#include "runner.h"

#include <QThread>
#include <QTimer>

namespace Bench {

namespace {

std::vector<double> probeLag(int ms)
{
    std::vector<double> lag;
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.setInterval(10);
    qint64 last = nowNs();
    QObject::connect(&timer, &QTimer::timeout, &timer, [&] {
        const qint64 now = nowNs();
        lag.push_back(std::max(0.0, double(now - last) / 1e6 - 10.0));
        last = now;
    });
    timer.start();
    spinFor(ms);
    return lag;
}

} // namespace

void Runner::figGuiLag()
{
    const int seconds = secs(10, 2);
    const double rate = 5000;
    Broker::BrokerConfig config;
    config.port = 0;
    config.dataDir = newDataDir();
    QThread brokerThread;
    brokerThread.setObjectName(QStringLiteral("broker"));
    auto *service = new Broker::Service(config);
    service->moveToThread(&brokerThread);
    brokerThread.start();
    Broker::Status status = Broker::Ok{};
    QMetaObject::invokeMethod(
        service, [&] { status = service->start(); }, Qt::BlockingQueuedConnection);
    std::vector<double> idle;
    std::vector<double> p99;
    std::vector<double> delivered;
    std::vector<double> accepted;
    if (status) {
        const quint16 port = service->port();
        Dashboard::BrokerClient client(service);
        Dashboard::MainWindow window(&client);
        Dashboard::BrokerStatus st;
        st.baseUrl = service->baseUrl();
        st.token = service->token();
        st.currentSigningKey = service->signingKeys().current;
        st.nextSigningKey = service->signingKeys().next;
        st.dataDir = config.dataDir;
        window.setStatus(st);
        window.show();
        spinFor(500);
        idle = probeLag(secs(3000, 1000));
        for (int i = 0; i < m_opt.runs; ++i) {
            window.showPage(Dashboard::MainWindow::OverviewIndex);
            quint16 ready = 0;
            const quint64 c0 = m_receiver.count();
            auto load = startRole(
                {QStringLiteral("--role"), QStringLiteral("publish"), QStringLiteral("--port"),
                 QString::number(port), QStringLiteral("--target"),
                 QString::fromLatin1(m_receiver.url("/r/g")), QStringLiteral("--rate"),
                 QString::number(rate), QStringLiteral("--inflight"), QStringLiteral("64"),
                 QStringLiteral("--duration-ms"), QString::number(seconds * 1000)},
                &ready);
            if (ready == 0)
                break;
            // Half the run on the Overview, half on the Messages page (a live table).
            QTimer::singleShot(seconds * 500, &window, [&window] {
                window.showPage(Dashboard::MainWindow::MessagesIndex);
            });
            const qint64 t0 = nowNs();
            const auto lag = probeLag(seconds * 1000);
            const double s = double(nowNs() - t0) / 1e9;
            delivered.push_back(double(m_receiver.count() - c0) / s);
            p99.push_back(percentile(lag, 0.99));
            load->waitExit(30000);
            const QByteArray done = load->output().trimmed().split('\n').last();
            const qsizetype at = done.indexOf("ok=");
            const double published =
                at < 0 ? 0 : done.mid(at + 3, done.indexOf(' ', at) - at - 3).toDouble();
            accepted.push_back(published / s);
            note(QStringLiteral("run %1: %2 publishes/s accepted (offered %3), %4 deliveries/s; "
                                "lag max %5 ms")
                     .arg(i + 1)
                     .arg(fmtNum(published / s), fmtNum(rate), fmtNum(delivered.back()),
                          fmtNum(percentile(lag, 1.0), 1)));
            // The next run starts with the backlog delivered (bounded).
            spinUntil([&] { return double(m_receiver.count() - c0) >= published; }, 30000, 10);
        }
        m_receiver.clearSamples();
    } else {
        note(QStringLiteral("in-process broker did not start: %1").arg(status.error().message));
    }
    QMetaObject::invokeMethod(
        service,
        [service] {
            service->stop();
            delete service;
        },
        Qt::BlockingQueuedConnection);
    brokerThread.quit();
    brokerThread.wait();
    if (p99.empty())
        return;
    note(QStringLiteral("medians during the runs: %1 publishes/s accepted, %2 deliveries/s")
             .arg(fmtNum(median(accepted)), fmtNum(median(delivered))));
    const double idle99 = percentile(idle, 0.99);
    add({QStringLiteral("GUI event-loop lag p99, window open, 5,000 msg/s publish + deliver"),
         fmtNum(median(p99), 1) + QStringLiteral(" ms"),
         QStringLiteral("%1").arg(fmtNum(p99[0], 1)) +
             (p99.size() > 1 ? QStringLiteral(" / ") + fmtNum(p99[1], 1) : QString()) +
             (p99.size() > 2 ? QStringLiteral(" / ") + fmtNum(p99[2], 1) : QString()),
         fmtNum(idle99, 1) + QStringLiteral(" ms same window, broker idle"),
         idle99 > 0 ? fmtNum(median(p99) / idle99, 2) + u'x' : QStringLiteral("-"),
         QStringLiteral("<= 50 ms"),
         median(p99) <= 50 ? QStringLiteral("met") : QStringLiteral("NOT met")});
}

} // namespace Bench
