import { type ExpectationsConfig, parseConfig } from "../../src/config/index.js";
import { indexActivity } from "../../src/metrics/index.js";
import { type ReviewActivityReport, reviewActivityReport } from "../../src/reports/index.js";
import type { Activity } from "../../src/store/index.js";
import { calendar, period } from "../metrics/week-scenario.js";

export function defaults(raw: Record<string, unknown> = {}): ExpectationsConfig {
  const loaded = parseConfig(raw);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.config;
}

/** The report of some activity over the week scenario's period, as it would be posted. */
export function reportOf(activity: Activity, config = defaults()): ReviewActivityReport {
  indexActivity(activity); // fails early on a malformed fixture
  return reviewActivityReport({
    scope: { kind: "repository", name: "acme/storage" },
    activity,
    context: { period, now: period.until, calendar, bots: config.bots },
    config,
    milestoneItems: new Map(),
  });
}
