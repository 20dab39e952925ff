// localstash: the window, or `--headless` for CI and servers.

#include "application.h"
#include "commandline.h"

#ifdef LOCALSTASH_WITH_UI
#include <QApplication>
#endif
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>

int main(int argc, char **argv)
{
    QCoreApplication::setOrganizationName(QStringLiteral("LocalStash"));
    QCoreApplication::setApplicationName(QStringLiteral("LocalStash"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LOCALSTASH_VERSION));

#ifdef LOCALSTASH_WITH_UI
    const bool uiAvailable = displayAvailable();
#else
    const bool uiAvailable = false;
#endif
    std::unique_ptr<QCoreApplication> app;
#ifdef LOCALSTASH_WITH_UI
    if (!wantsHeadless(argc, argv)) {
        auto gui = std::make_unique<QApplication>(argc, argv);
        gui->setQuitOnLastWindowClosed(true);
        app = std::move(gui);
    }
#endif
    if (!app)
        app = std::make_unique<QCoreApplication>(argc, argv);

    // Our strings, then Qt's own (dialog buttons), in the system language when we have it.
    QTranslator ours;
    if (ours.load(QLocale(), QStringLiteral("localstash"), QStringLiteral("_"),
                  QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&ours);
    QTranslator qt;
    if (qt.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&qt);

    const ParseOutcome parsed = parseCommandLine(QCoreApplication::arguments(), uiAvailable);
    if (parsed.kind == ParseOutcome::Exit)
        return parsed.exitCode;

    Application application(parsed.options);
    return application.run();
}
