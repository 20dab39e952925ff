#pragma once
// A child process of the benchmark (the real broker, or a baseline role of this program), with its
// port read from what it prints, and a bounded, signal-based stop.

#include <QByteArray>
#include <QObject>
#include <QProcess>
#include <QStringList>

namespace Bench {

class Child final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Child)
public:
    explicit Child(QObject *parent = nullptr);
    ~Child() override;

    // Starts program and waits (bounded) for a stdout line containing `marker` followed by a
    // port number ("running at http://127.0.0.1:" or "READY "). Returns the port, or 0.
    quint16 start(const QString &program, const QStringList &args, const QByteArray &marker,
                  int timeoutMs, const QProcessEnvironment &env = {});
    qint64 pid() const { return m_proc.processId(); }
    qint64 startedAtNs() const { return m_startedNs; }
    qint64 readyAtNs() const { return m_readyNs; }
    bool running() const { return m_proc.state() == QProcess::Running; }
    // SIGTERM, then SIGKILL after graceMs. Returns the exit code (-1 when killed or crashed).
    int stop(int graceMs = 10000);
    // Waits (bounded) for the process to exit by itself.
    bool waitExit(int timeoutMs);
    QByteArray output() const { return m_out; }
    QByteArray errors() const { return m_err; }

private:
    QProcess m_proc;
    QByteArray m_out;
    QByteArray m_err;
    qint64 m_startedNs = 0;
    qint64 m_readyNs = 0;
};

} // namespace Bench
