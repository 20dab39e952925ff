#pragma once
// Developer diagnostics, one category per subsystem. The user-facing message log is data in
// SQLite (the events table), not console output. Tokens and signing keys never go through here.

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcDelivery)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcScheduler)
