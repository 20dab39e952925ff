#include "uilogging.h"

Q_LOGGING_CATEGORY(lcUi, "localstash.ui", QtInfoMsg)
