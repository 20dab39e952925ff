#include "logging.h"

Q_LOGGING_CATEGORY(lcHttp, "localstash.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDelivery, "localstash.delivery", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "localstash.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcScheduler, "localstash.scheduler", QtInfoMsg)
