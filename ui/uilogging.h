#pragma once
// The dashboard's developer diagnostics category ("localstash.ui"); the broker's categories live
// in broker/core/logging.h.

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcUi)
