export type { DeliveryObservation } from "./delivery-answer.js";
export { probotWebhookPath } from "./probot-webhook-path.js";
export type { DeliveryTracker } from "./record-delivery.js";
export {
  type HttpRoute,
  type WebhookLimits,
  type WebhookRouteOptions,
  webhookRoute,
} from "./webhook-route.js";
