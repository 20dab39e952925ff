#include "trayicon.h"

#include <QAction>
#include <QIcon>
#include <QLocale>
#include <QMenu>

using namespace Qt::StringLiterals;

namespace Dashboard {

TrayIcon::TrayIcon(QObject *parent)
    : QSystemTrayIcon(QIcon(u":/localstash.svg"_s), parent)
{
    auto *menu = new QMenu;
    menu->setObjectName(u"trayMenu"_s);
    //: Tray menu
    QAction *show = menu->addAction(tr("Show Dashboard"));
    connect(show, &QAction::triggered, this, &TrayIcon::showRequested);
    QAction *compose = menu->addAction(tr("Send Message…"));
    connect(compose, &QAction::triggered, this, &TrayIcon::composeRequested);
    menu->addSeparator();
    QAction *quit = menu->addAction(tr("Quit LocalStash"));
    connect(quit, &QAction::triggered, this, &TrayIcon::quitRequested);
    setContextMenu(menu);
    // The menu has no QObject parent (QSystemTrayIcon does not take it): delete it with us.
    connect(this, &QObject::destroyed, menu, &QObject::deleteLater);
    connect(this, &QSystemTrayIcon::activated, this, [this](ActivationReason reason) {
        if (reason == Trigger || reason == DoubleClick)
            emit showRequested();
    });
    updateToolTip();
}

void TrayIcon::setListening(const QString &baseUrl)
{
    m_baseUrl = baseUrl;
    updateToolTip();
}

void TrayIcon::setCounts(const QVariantMap &counts)
{
    m_waiting = counts.value(u"PENDING"_s).toLongLong() + counts.value(u"RETRY"_s).toLongLong() +
                counts.value(u"ACTIVE"_s).toLongLong();
    m_failed = counts.value(u"FAILED"_s).toLongLong();
    updateToolTip();
}

void TrayIcon::updateToolTip()
{
    const QLocale locale;
    QString text = tr("LocalStash");
    if (!m_baseUrl.isEmpty())
        //: Tray tool tip line; %1 is a URL
        text += u'\n' + tr("Listening on %1").arg(m_baseUrl);
    //: Tray tool tip line; %1 and %2 are numbers
    text += u'\n' +
            tr("%1 waiting, %2 failed").arg(locale.toString(m_waiting), locale.toString(m_failed));
    setToolTip(text);
}

} // namespace Dashboard
