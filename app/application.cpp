#include "application.h"

#include "brokerservice.h"

#ifdef LOCALSTASH_WITH_UI
#include "brokerclient.h"
#include "mainwindow.h"

#include <QApplication>
#include <QMessageBox>
#endif

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QSocketNotifier>
#include <QThread>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int s_signalFds[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(s_signalFds[0], &byte, 1);
}

} // namespace

Application::Application(const AppOptions &options, const Broker::Settings &settings,
                         QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_config(effectiveConfig(options, settings))
{}

Application::~Application()
{
    shutdown();
}

bool Application::installSignalHandlers()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_signalFds) != 0)
        return false;
    m_signalNotifier = new QSocketNotifier(s_signalFds[1], QSocketNotifier::Read, this);
    connect(m_signalNotifier, &QSocketNotifier::activated, this, [this] {
        char byte = 0;
        [[maybe_unused]] const auto got = ::read(s_signalFds[1], &byte, 1);
        std::fputs("LocalStash: stopping\n", stderr);
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    return true;
}

void Application::printBanner() const
{
    const Broker::SigningKeys keys = m_service->signingKeys();
    const QString url = m_service->baseUrl();
    QString text;
    text += QStringLiteral("LocalStash %1 is running at %2\n")
                .arg(QLatin1String(LOCALSTASH_VERSION), url);
    text += QStringLiteral("Data: %1\n").arg(m_service->databasePath());
    if (!m_config.bindAddress.isLoopback())
        text += QStringLiteral("WARNING: listening on %1, not loopback: other machines can reach "
                               "this broker. Anyone with the token can publish.\n")
                    .arg(m_config.bindAddress.toString());
    if (m_config.timeScale != 1.0)
        text += QStringLiteral("Time scale x%1: delays and retry waits are multiplied by %1.\n")
                    .arg(m_config.timeScale);
    text += QStringLiteral("\nPaste into your app's environment (.env):\n");
    text += QStringLiteral("QSTASH_URL=%1\n").arg(url);
    text += QStringLiteral("QSTASH_TOKEN=%1\n").arg(m_service->token());
    text += QStringLiteral("QSTASH_CURRENT_SIGNING_KEY=%1\n").arg(keys.current);
    text += QStringLiteral("QSTASH_NEXT_SIGNING_KEY=%1\n\n").arg(keys.next);
    std::fputs(text.toLocal8Bit().constData(), stdout);
    std::fflush(stdout);
}

int Application::run()
{
    installSignalHandlers();

    m_service = new Broker::Service(m_config);
    if (!m_options.headless) {
        // The broker gets its own thread so the window can never stall it (and vice versa).
        m_brokerThread = new QThread(this);
        m_brokerThread->setObjectName(QStringLiteral("broker"));
        m_service->moveToThread(m_brokerThread);
        m_brokerThread->start();
    }
    Broker::Status status = Broker::Ok{};
    QMetaObject::invokeMethod(
        m_service, [this, &status] { status = m_service->start(); },
        m_brokerThread ? Qt::BlockingQueuedConnection : Qt::DirectConnection);
    if (!status) {
        const bool listenProblem = status.error().code != Broker::ErrorCode::StorageFailed;
        std::fprintf(stderr, "LocalStash: %s\n", qPrintable(status.error().message));
        if (listenProblem && m_config.port != 0)
            std::fprintf(stderr,
                         "Another LocalStash or QStash dev server may be running. Stop it, or "
                         "pick another port with --port.\n");
        shutdown();
        reportStartFailure(status.error().message, listenProblem);
        return listenProblem ? ListenFailed : StorageFailed;
    }
    printBanner();

#ifdef LOCALSTASH_WITH_UI
    std::unique_ptr<Dashboard::BrokerClient> client;
    std::unique_ptr<Dashboard::MainWindow> window;
    if (!m_options.headless) {
        // The window reads through its own read-only connection and acts through
        // Service::call, queued into the broker's thread; the client outlives the window.
        client = std::make_unique<Dashboard::BrokerClient>(m_service);
        window = std::make_unique<Dashboard::MainWindow>(client.get());
        Dashboard::BrokerStatus st;
        st.baseUrl = m_service->baseUrl();
        st.token = m_service->token();
        st.currentSigningKey = m_service->signingKeys().current;
        st.nextSigningKey = m_service->signingKeys().next;
        st.dataDir = m_options.dataDir;
        st.timeScale = m_config.timeScale;
        st.commandLineOverrides = overriddenSettings(m_options);
        window->setStatus(st);
        // The Settings page offers "Restart Now" for what only a restart applies.
        window->setRestartSupported(true);
        connect(window.get(), &Dashboard::MainWindow::restartRequested, this, [this] {
            m_restartRequested = true;
            QCoreApplication::quit();
        });
        // Counts and key rotations reach the window through the client (queued, batched).
        connect(window.get(), &Dashboard::MainWindow::quitRequested, this,
                [] { QCoreApplication::quit(); });
        // With a tray icon, closing the window keeps the broker running; Quit stops it.
        QApplication::setQuitOnLastWindowClosed(!window->enableTrayIcon());
        window->show();
    }
#endif

    const int code = QCoreApplication::exec();
#ifdef LOCALSTASH_WITH_UI
    window.reset();
    client.reset();
#endif
    shutdown();
    if (m_restartRequested) {
        // The broker has stopped and released its port and database: the new process starts
        // with the same command line and reads the saved settings.
        QStringList arguments = QCoreApplication::arguments();
        arguments.removeFirst();
        if (!QProcess::startDetached(QCoreApplication::applicationFilePath(), arguments,
                                     QDir::currentPath())) {
            std::fputs("LocalStash: could not restart; start it again by hand\n", stderr);
        }
    }
    return code;
}

void Application::reportStartFailure(const QString &message, bool listenProblem) const
{
#ifdef LOCALSTASH_WITH_UI
    // Started from a desktop menu, nobody reads stderr: say it in a window, with the way out.
    if (m_options.headless || !qobject_cast<QApplication *>(QCoreApplication::instance()))
        return;
    QString text = message.toHtmlEscaped();
    if (listenProblem)
        //: Start-up error, rich text; %1 is the settings file's path
        text += tr("<p>Another LocalStash or QStash dev server may be using the port. Stop it, "
                   "or pick another port: start LocalStash with <code>--port</code>, or change "
                   "<code>[server]</code> in %1.</p>")
                    .arg(QDir::toNativeSeparators(Broker::Settings::filePath(m_options.dataDir))
                             .toHtmlEscaped());
    QMessageBox::critical(nullptr, tr("LocalStash could not start"), text);
#else
    Q_UNUSED(message)
    Q_UNUSED(listenProblem)
#endif
}

void Application::shutdown()
{
    if (!m_service)
        return;
    if (m_brokerThread) {
        QMetaObject::invokeMethod(
            m_service,
            [this] {
                m_service->stop();
                delete m_service;
            },
            Qt::BlockingQueuedConnection);
        m_brokerThread->quit();
        m_brokerThread->wait();
        m_brokerThread = nullptr;
    } else {
        m_service->stop();
        delete m_service;
    }
    m_service = nullptr;
}
