#include "child.h"

#include "benchutil.h"

#include <csignal>

namespace Bench {

Child::Child(QObject *parent)
    : QObject(parent)
{
    connect(&m_proc, &QProcess::readyReadStandardOutput, this,
            [this] { m_out += m_proc.readAllStandardOutput(); });
    connect(&m_proc, &QProcess::readyReadStandardError, this, [this] {
        m_err += m_proc.readAllStandardError();
        if (m_err.size() > 1 << 20)
            m_err = m_err.right(1 << 19); // keep the tail only: bounded memory
    });
}

Child::~Child()
{
    if (running())
        stop(5000);
}

quint16 Child::start(const QString &program, const QStringList &args, const QByteArray &marker,
                     int timeoutMs, const QProcessEnvironment &env)
{
    m_out.clear();
    m_err.clear();
    if (!env.isEmpty())
        m_proc.setProcessEnvironment(env);
    m_startedNs = nowNs();
    m_proc.start(program, args);
    quint16 port = 0;
    spinUntil(
        [&] {
            const qsizetype at = m_out.indexOf(marker);
            if (at >= 0) {
                const qsizetype from = at + marker.size();
                qsizetype end = from;
                while (end < m_out.size() && m_out[end] >= '0' && m_out[end] <= '9')
                    ++end;
                if (end > from && end < m_out.size()) {
                    port = quint16(m_out.mid(from, end - from).toUInt());
                    return true;
                }
            }
            return m_proc.state() == QProcess::NotRunning;
        },
        timeoutMs, 1);
    m_readyNs = nowNs();
    if (port == 0 && running())
        stop(2000);
    return port;
}

int Child::stop(int graceMs)
{
    if (m_proc.state() == QProcess::NotRunning)
        return m_proc.exitStatus() == QProcess::NormalExit ? m_proc.exitCode() : -1;
    ::kill(pid_t(m_proc.processId()), SIGTERM);
    if (!waitExit(graceMs)) {
        m_proc.kill();
        waitExit(5000);
        return -1;
    }
    return m_proc.exitStatus() == QProcess::NormalExit ? m_proc.exitCode() : -1;
}

bool Child::waitExit(int timeoutMs)
{
    return spinUntil([this] { return m_proc.state() == QProcess::NotRunning; }, timeoutMs, 5);
}

} // namespace Bench
