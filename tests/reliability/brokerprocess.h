#pragma once
// A real `localstash --headless` process for reliability tests: started on a data dir with port 0,
// its base URL read from the banner, stdout and stderr collected, killed (SIGKILL) or stopped
// (SIGTERM) on demand. Every wait runs the event loop, so an in-process HttpSink keeps answering
// the broker's deliveries meanwhile.

#include <QByteArray>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace Reliability {

class BrokerProcess final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrokerProcess)
public:
    // The dev token every `localstash` accepts (qstash-api.md §1.4).
    static QString devToken();

    explicit BrokerProcess(QString dataDir, QObject *parent = nullptr);
    ~BrokerProcess() override;

    void setExtraArguments(const QStringList &args) { m_extraArgs = args; }
    void setEnvironment(const QProcessEnvironment &env) { m_env = env; }
    // Runs the broker through a wrapper (e.g. setpriv to drop root); program first.
    void setWrapper(const QStringList &wrapper) { m_wrapper = wrapper; }

    // Starts and waits for the banner; returns the base URL, or "" (see output()) on failure.
    QString start(int timeoutMs = 20000);
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    // SIGKILL, then waits for the process to be gone.
    bool kill(int timeoutMs = 10000);
    // SIGTERM; returns the milliseconds until the process exited, or -1 on timeout.
    qint64 terminate(int timeoutMs = 10000);
    // Waits (event loop running) until the process exits.
    bool waitForExit(int timeoutMs);

    QProcess &process() { return m_process; }
    QString baseUrl() const { return m_baseUrl; }
    QByteArray allStdout() const { return m_stdout; }
    QByteArray allStderr() const { return m_stderr; }
    QString output() const; // both, for failure messages

private:
    QString m_dataDir;
    QStringList m_extraArgs;
    QStringList m_wrapper;
    QProcessEnvironment m_env = QProcessEnvironment::systemEnvironment();
    QProcess m_process;
    QByteArray m_stdout;
    QByteArray m_stderr;
    QString m_baseUrl;
};

} // namespace Reliability
