#include "commandline.h"

#include "core/settings.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStandardPaths>

#include <cstdio>
#include <cstring>

bool displayAvailable()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY") ||
           qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}

bool wantsHeadless(int argc, char **argv)
{
    if (!displayAvailable())
        return true;
    for (int i = 1; i < argc; ++i) {
        const char *a = argv[i];
        if (!std::strcmp(a, "--headless") || !std::strcmp(a, "--help") || !std::strcmp(a, "-h") ||
            !std::strcmp(a, "--version") || !std::strcmp(a, "-v"))
            return true;
    }
    return false;
}

ParseOutcome parseCommandLine(const QStringList &arguments, bool uiAvailable)
{
    ParseOutcome out;
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "CommandLine", "LocalStash: a local, persistent, QStash-compatible message broker.\n"
                       "Point the QStash SDKs (or curl) at the printed QSTASH_URL."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption headless(
        QStringLiteral("headless"),
        QCoreApplication::translate("CommandLine",
                                    "Run the broker without a window (CI, servers)."));
    const QCommandLineOption port(
        QStringLiteral("port"),
        QCoreApplication::translate("CommandLine",
                                    "Port to listen on for this run (default: the Settings "
                                    "page's, else 8080; 0 = any free port)."),
        QStringLiteral("port"));
    const QCommandLineOption bind(
        QStringLiteral("bind"),
        QCoreApplication::translate("CommandLine",
                                    "Address to listen on for this run (default: the Settings "
                                    "page's, else 127.0.0.1). Anything but loopback exposes the "
                                    "broker to other machines."),
        QStringLiteral("address"));
    const QCommandLineOption dataDir(
        QStringLiteral("data-dir"),
        QCoreApplication::translate("CommandLine",
                                    "Directory for the database (default: the platform's "
                                    "application data directory)."),
        QStringLiteral("dir"));
    const QCommandLineOption timeScale(
        QStringLiteral("time-scale"),
        QCoreApplication::translate("CommandLine",
                                    "Multiply delay and retry waits for this run, e.g. 0.01 "
                                    "turns the 12 s first retry into 120 ms (default: the "
                                    "Settings page's, else 1)."),
        QStringLiteral("factor"));
    parser.addOptions({headless, port, bind, dataDir, timeScale});
    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "localstash: %s\n", qPrintable(parser.errorText()));
        std::fprintf(stderr, "Try 'localstash --help'.\n");
        return ParseOutcome{ParseOutcome::Exit, 2, {}};
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return ParseOutcome{ParseOutcome::Exit, 0, {}};
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("localstash %s\n", LOCALSTASH_VERSION);
        return ParseOutcome{ParseOutcome::Exit, 0, {}};
    }
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "localstash: unexpected argument '%s'\n",
                     qPrintable(parser.positionalArguments().constFirst()));
        return ParseOutcome{ParseOutcome::Exit, 2, {}};
    }

    AppOptions &o = out.options;
    o.headless = parser.isSet(headless) || !uiAvailable;
    if (!parser.isSet(headless) && !uiAvailable)
        std::fputs("LocalStash: no display (or built without the UI), running headless\n", stderr);
    bool ok = false;
    if (parser.isSet(port)) {
        const uint portValue = parser.value(port).toUInt(&ok);
        if (!ok || portValue > 65535) {
            std::fprintf(stderr, "localstash: invalid --port '%s' (0-65535)\n",
                         qPrintable(parser.value(port)));
            return ParseOutcome{ParseOutcome::Exit, 2, {}};
        }
        o.port = quint16(portValue);
    }
    if (parser.isSet(bind)) {
        o.bind = Broker::Settings::parseBindAddress(parser.value(bind));
        if (!o.bind) {
            std::fprintf(stderr, "localstash: invalid --bind '%s' (an IP address)\n",
                         qPrintable(parser.value(bind)));
            return ParseOutcome{ParseOutcome::Exit, 2, {}};
        }
    }
    if (parser.isSet(timeScale)) {
        const double factor = parser.value(timeScale).toDouble(&ok);
        if (!ok || !(factor > 0) || factor > 1000) {
            std::fprintf(stderr, "localstash: invalid --time-scale '%s' (a number > 0)\n",
                         qPrintable(parser.value(timeScale)));
            return ParseOutcome{ParseOutcome::Exit, 2, {}};
        }
        o.timeScale = factor;
    }
    o.dataDir = parser.isSet(dataDir)
                    ? parser.value(dataDir)
                    : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return out;
}

Broker::BrokerConfig effectiveConfig(const AppOptions &options, const Broker::Settings &settings)
{
    Broker::BrokerConfig config;
    settings.applyTo(config);
    config.dataDir = options.dataDir;
    if (options.bind)
        config.bindAddress = *options.bind;
    if (options.port)
        config.port = *options.port;
    if (options.timeScale)
        config.timeScale = *options.timeScale;
    return config;
}

QStringList overriddenSettings(const AppOptions &options)
{
    using Key = Broker::Settings::Key;
    QStringList keys;
    if (options.bind)
        keys.append(Broker::Settings::keyName(Key::BindAddress));
    if (options.port)
        keys.append(Broker::Settings::keyName(Key::Port));
    if (options.timeScale)
        keys.append(Broker::Settings::keyName(Key::TimeScale));
    return keys;
}
