#pragma once
// Which event dispatcher the broker's threads run on. Call before the Q*Application exists.

namespace Broker {

// Qt's glib dispatcher writes its wake-up eventfd for every event posted to a thread, and each
// delivery posts a dozen between the dispatcher's thread and QNAM's; Qt's own UNIX dispatcher
// coalesces those wake-ups (measured: about 20 us less CPU per delivered message). Threads other
// than the main one always get Qt's; the main thread too when `wholeProcess` (no window: a
// desktop integration on the window's thread may need glib). A choice already made in the
// environment (QT_NO_GLIB, QT_NO_THREADED_GLIB) is left alone.
void preferQtEventDispatcher(bool wholeProcess);

} // namespace Broker
