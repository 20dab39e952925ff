#include "brokerprocess.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QRegularExpression>
#include <QTimer>

namespace Reliability {

QString BrokerProcess::devToken()
{
    return QStringLiteral(
        "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=");
}

BrokerProcess::BrokerProcess(QString dataDir, QObject *parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir))
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    connect(&m_process, &QProcess::readyReadStandardOutput, this,
            [this] { m_stdout += m_process.readAllStandardOutput(); });
    connect(&m_process, &QProcess::readyReadStandardError, this,
            [this] { m_stderr += m_process.readAllStandardError(); });
}

BrokerProcess::~BrokerProcess()
{
    if (isRunning())
        kill();
}

QString BrokerProcess::output() const
{
    return QString::fromUtf8(m_stdout + "\n--- stderr ---\n" + m_stderr);
}

QString BrokerProcess::start(int timeoutMs)
{
    m_baseUrl.clear();
    QStringList args{QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                     QStringLiteral("--data-dir"), m_dataDir};
    args += m_extraArgs;
    QString program = QStringLiteral(LOCALSTASH_BIN);
    if (!m_wrapper.isEmpty()) {
        args.prepend(program);
        args = m_wrapper.mid(1) + args;
        program = m_wrapper.constFirst();
    }
    m_process.setProgram(program);
    m_process.setArguments(args);
    m_process.setProcessEnvironment(m_env);
    const qsizetype outBefore = m_stdout.size();
    m_process.start();

    static const QRegularExpression running(QStringLiteral("is running at (http://\\S+)"));
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    const auto check = [&] {
        const auto m = running.match(QString::fromUtf8(m_stdout.mid(outBefore)));
        if (m.hasMatch()) {
            m_baseUrl = m.captured(1);
            loop.quit();
        }
    };
    connect(&m_process, &QProcess::readyReadStandardOutput, &loop, check);
    connect(&m_process, &QProcess::finished, &loop, &QEventLoop::quit);
    connect(&m_process, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    deadline.start(timeoutMs);
    check();
    if (m_baseUrl.isEmpty() && isRunning())
        loop.exec();
    return m_baseUrl;
}

bool BrokerProcess::waitForExit(int timeoutMs)
{
    if (!isRunning())
        return true;
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(&m_process, &QProcess::finished, &loop, &QEventLoop::quit);
    deadline.start(timeoutMs);
    loop.exec();
    if (!isRunning()) {
        m_stdout += m_process.readAllStandardOutput();
        m_stderr += m_process.readAllStandardError();
    }
    return !isRunning();
}

bool BrokerProcess::kill(int timeoutMs)
{
    if (!isRunning())
        return true;
    m_process.kill();
    return waitForExit(timeoutMs);
}

qint64 BrokerProcess::terminate(int timeoutMs)
{
    if (!isRunning())
        return 0;
    QElapsedTimer timer;
    timer.start();
    m_process.terminate();
    if (!waitForExit(timeoutMs))
        return -1;
    return timer.elapsed();
}

} // namespace Reliability
