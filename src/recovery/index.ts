export { type AppRequest, type AppResponse, appRequest } from "./app-request.js";
export {
  DeliveriesUnavailableError,
  type DeliveryPage,
  type HookDeliveries,
  hookDeliveries,
  type RedeliveryAnswer,
} from "./hook-deliveries.js";
export { type ListedDelivery, nextCursor, parseDeliveryPage } from "./listed-delivery.js";
export {
  ASK_AGAIN_AFTER_MS,
  type MissedEvent,
  MOST_ASKS,
  planRedeliveries,
  type RedeliveryPlan,
  type RedeliveryPlanInput,
} from "./plan-redeliveries.js";
export { type DeliveryListReading, readDeliveryList } from "./read-delivery-list.js";
export {
  GitHubBusyError,
  type PoliteOptions,
  rateLimitWait,
  sendPolitely,
} from "./send-politely.js";
export {
  CLOCK_SLACK_MS,
  DELIVERY_RETENTION_MS,
  type GapDecisions,
  settleGaps,
  type UnsettledDelivery,
} from "./settle-gaps.js";
export { SUBSCRIBED_EVENTS } from "./subscribed-events.js";
