#include "eventdispatch.h"

#include <QByteArray>
#include <QtGlobal>

namespace Broker {

void preferQtEventDispatcher(bool wholeProcess)
{
    if (!qEnvironmentVariableIsSet("QT_NO_THREADED_GLIB"))
        qputenv("QT_NO_THREADED_GLIB", QByteArrayLiteral("1"));
    if (wholeProcess && !qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", QByteArrayLiteral("1"));
}

} // namespace Broker
