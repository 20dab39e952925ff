#pragma once
// Route registration, one function per resource. Handlers get what they need through RouteContext
// and never see QHttpServer.

#include "core/config.h"

#include <functional>

namespace Broker {

class HttpIngress;
class IClock;
class WriteBatcher;
class MessageStore;
class DlqStore;
class GateStore;
class TopicStore;
class ScheduleService;
class DeliveryService;
class KeyRing;
struct SigningKeys;

struct RouteContext
{
    const BrokerConfig *config = nullptr; // the service's, updated live
    IClock *clock = nullptr;
    WriteBatcher *batcher = nullptr;
    MessageStore *store = nullptr;
    DlqStore *dlq = nullptr;
    GateStore *gateStore = nullptr;
    TopicStore *topics = nullptr;
    ScheduleService *schedules = nullptr;
    DeliveryService *delivery = nullptr;
    KeyRing *keys = nullptr;
    // Stores new signing keys, then uses them (Service::setSigningKeys).
    std::function<void(const SigningKeys &, std::function<void(Status)>)> replaceKeys;
};

void registerPublishRoutes(HttpIngress &ingress, const RouteContext &ctx);
void registerMessageRoutes(HttpIngress &ingress, const RouteContext &ctx);
void registerLogRoutes(HttpIngress &ingress, const RouteContext &ctx);
void registerKeyRoutes(HttpIngress &ingress, const RouteContext &ctx);
void registerDlqRoutes(HttpIngress &ingress, const RouteContext &ctx);
void registerQueueRoutes(HttpIngress &ingress, const RouteContext &ctx);
void registerFlowControlRoutes(HttpIngress &ingress, const RouteContext &ctx);
void registerTopicRoutes(HttpIngress &ingress, const RouteContext &ctx);
void registerBatchRoutes(HttpIngress &ingress, const RouteContext &ctx);
void registerScheduleRoutes(HttpIngress &ingress, const RouteContext &ctx);

} // namespace Broker
