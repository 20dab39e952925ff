#pragma once
// The composition root: builds the broker (in its own thread when a window is shown) from the
// settings file and the command line, the window, wires them, handles SIGINT/SIGTERM, and owns
// the start-up and shutdown order (and a restart the Settings page asks for).

#include "commandline.h"
#include "core/settings.h"

#include <QObject>

#include <memory>

class QThread;
class QSocketNotifier;

namespace Broker {
class Service;
}

class Application final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Application)
public:
    Application(const AppOptions &options, const Broker::Settings &settings,
                QObject *parent = nullptr);
    ~Application() override;

    // Returns the process exit code.
    int run();

    enum ExitCode { Success = 0, UsageError = 2, ListenFailed = 3, StorageFailed = 4 };

private:
    bool installSignalHandlers();
    void shutdown();
    void printBanner() const;
    void reportStartFailure(const QString &message, bool listenProblem) const;

    AppOptions m_options;
    Broker::BrokerConfig m_config;
    bool m_restartRequested = false;
    QThread *m_brokerThread = nullptr;
    Broker::Service *m_service = nullptr;
    QSocketNotifier *m_signalNotifier = nullptr;
};
