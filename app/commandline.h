#pragma once
// The command line: what to run (window or headless) and the broker's address and data dir.

#include <QHostAddress>
#include <QString>
#include <QStringList>

struct AppOptions
{
    bool headless = false;
    QHostAddress bind = QHostAddress::LocalHost;
    quint16 port = 8080;
    QString dataDir;
    double timeScale = 1.0;
};

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
