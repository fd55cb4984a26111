export { METRICS_PATH, metricsRoute } from "./metrics-route.js";
export {
  type OperationsSnapshot,
  type PrometheusTelemetry,
  prometheusTelemetry,
} from "./prometheus-telemetry.js";
export {
  type DeliveryOutcome,
  noTelemetry,
  type PublicationOutcome,
  type RedeliveryOutcome,
  type Telemetry,
} from "./telemetry.js";
