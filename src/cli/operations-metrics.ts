import {
  metricsRoute,
  type OperationsSnapshot,
  type PrometheusTelemetry,
  prometheusTelemetry,
} from "../telemetry/index.js";
import { secretSetting } from "./env-setting.js";

/** The operators' metrics: what the app reports into, and the route that serves them. */
export interface OperationsMetrics {
  telemetry: PrometheusTelemetry;
  route: ReturnType<typeof metricsRoute>;
}

/**
 * The metrics at `/expectations/metrics` when METRICS_TOKEN is set (at least 16 characters; a
 * Prometheus sends it as a bearer token); undefined otherwise: never public by default, and the
 * path does not exist.
 */
export function operationsMetrics(
  env: Record<string, string | undefined>,
  snapshot: () => Promise<OperationsSnapshot>,
): OperationsMetrics | undefined {
  const token = secretSetting(env, "METRICS_TOKEN", 16);
  if (token === undefined) return undefined;
  const telemetry = prometheusTelemetry(snapshot);
  return { telemetry, route: metricsRoute({ token, metrics: telemetry }) };
}
