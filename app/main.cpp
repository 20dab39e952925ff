// localstash: the window, or `--headless` for CI and servers.

#include "application.h"
#include "commandline.h"
#include "core/eventdispatch.h"
#include "core/settings.h"

#ifdef LOCALSTASH_WITH_UI
#include <QApplication>
#endif
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>

namespace {

// Our strings, then Qt's own (dialog buttons), in `language` ("" = the system's) when we have
// it; English, the source language, needs none.
class Translators final
{
public:
    void install(const QString &language)
    {
        QCoreApplication::removeTranslator(&m_ours);
        QCoreApplication::removeTranslator(&m_qt);
        const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
        if (m_ours.load(locale, QStringLiteral("localstash"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
            QCoreApplication::installTranslator(&m_ours);
        if (m_qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                      QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(&m_qt);
    }

private:
    QTranslator m_ours;
    QTranslator m_qt;
};

} // namespace

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
    Broker::preferQtEventDispatcher(!uiAvailable || wantsHeadless(argc, argv));
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

    // The command line's help and errors in the system language; the window in the one the
    // settings name, once the data dir (and with it localstash.ini) is known.
    Translators translators;
    translators.install(QString());

    const ParseOutcome parsed = parseCommandLine(QCoreApplication::arguments(), uiAvailable);
    if (parsed.kind == ParseOutcome::Exit)
        return parsed.exitCode;

    const Broker::Settings settings = Broker::Settings::loadFromDataDir(parsed.options.dataDir);
    if (!settings.language().isEmpty()) {
        QLocale::setDefault(QLocale(settings.language()));
        translators.install(settings.language());
    }

    Application application(parsed.options, settings);
    return application.run();
}
