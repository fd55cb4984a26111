import type { DeliveryObservation } from "../app.js";
import { SUBSCRIBED_EVENTS } from "../recovery/index.js";
import {
  metricsRoute,
  type OperationsSnapshot,
  type PrometheusTelemetry,
  prometheusTelemetry,
} from "../telemetry/index.js";

/** The operators' metrics: what the app reports into, and the route that serves them. */
export interface OperationsMetrics {
  telemetry: PrometheusTelemetry;
  route: ReturnType<typeof metricsRoute>;
}

/**
 * The metrics at `/expectations/metrics` when METRICS_TOKEN is set (a Prometheus sends it as a
 * bearer token); undefined otherwise: never public by default, and the path does not exist.
 */
export function operationsMetrics(
  token: string | undefined,
  snapshot: () => Promise<OperationsSnapshot>,
): OperationsMetrics | undefined {
  if (token === undefined) return undefined;
  const telemetry = prometheusTelemetry(snapshot);
  return { telemetry, route: metricsRoute({ token, metrics: telemetry }) };
}

/**
 * Each delivery's outcome and answer time, told to the metrics. The event name is the request's
 * header, which the signature does not cover: any name but an event the app subscribes to is
 * counted as `other`, so that no request can add labels without end.
 */
export function deliveryObserver(metrics: OperationsMetrics | undefined) {
  return ({ event, outcome, ms }: DeliveryObservation): void => {
    const known = SUBSCRIBED_EVENTS.has(event);
    metrics?.telemetry.delivery(known ? event : "other", outcome, ms / 1000);
  };
}
