export { probotWebhookPath } from "./probot-webhook-path.js";
export {
  type DeliveryObservation,
  type DeliveryTracker,
  type HttpRoute,
  type WebhookLimits,
  type WebhookRouteOptions,
  webhookRoute,
} from "./webhook-route.js";
