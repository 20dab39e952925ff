#pragma once
// The command line: what to run (window or headless), the data dir, and the settings it
// overrides for this run.

#include "core/config.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>

namespace Broker {
class Settings;
}

struct AppOptions
{
    bool headless = false;
    QString dataDir;
    // Only what was given on the command line: it wins over localstash.ini for this run.
    std::optional<QHostAddress> bind;
    std::optional<quint16> port;
    std::optional<double> timeScale;
};

// The broker's configuration for this run: localstash.ini, then the command line on top.
Broker::BrokerConfig effectiveConfig(const AppOptions &options, const Broker::Settings &settings);
// The INI keys (Broker::Settings::keyName) the command line overrides, for the Settings page.
QStringList overriddenSettings(const AppOptions &options);

// Looks for --headless/--help/--version before any QCoreApplication exists, to pick the kind of
// application object (a QApplication needs a display).
bool wantsHeadless(int argc, char **argv);
// Whether a window can be shown at all (X11, Wayland, or a platform chosen explicitly).
bool displayAvailable();

struct ParseOutcome
{
    enum Kind { Run, Exit } kind = Run;
    int exitCode = 0;
    AppOptions options;
};

// Needs a QCoreApplication. Prints help/version/errors itself.
ParseOutcome parseCommandLine(const QStringList &arguments, bool uiAvailable);
