import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { DeliveryOutcome, Telemetry } from "./telemetry.js";

/** What is read from the store when the metrics are asked for (not counted as it happens). */
export interface OperationsSnapshot {
  /** False while the database cannot be reached; the rest is then left out. */
  storeUp: boolean;
  publishQueue?: { depth: number; oldestAgeSeconds: number };
  /** Open gaps of each installation, with the age of its oldest. */
  gaps?: { installationId: number; open: number; oldestAgeSeconds: number }[];
  /** How far behind its due time each scheduled job is (0 when not due yet). */
  jobLag?: { job: string; seconds: number }[];
}

export interface PrometheusTelemetry extends Telemetry {
  /** The metrics in Prometheus' text format, the snapshot read first. */
  render(): Promise<string>;
  readonly contentType: string;
}

const ANSWER_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function counter(registry: Registry, name: string, help: string, labelNames: string[] = []) {
  return new Counter({ name, help, labelNames, registers: [registry] });
}

function gauge(registry: Registry, name: string, help: string, labelNames: string[] = []) {
  return new Gauge({ name, help, labelNames, registers: [registry] });
}

/** The counter a delivery's outcome is counted in: anything else is a failure. */
function countedAs(
  outcome: DeliveryOutcome,
): "applied" | "duplicate" | "ignored" | "refused" | "failed" {
  return outcome === "applied" ||
    outcome === "duplicate" ||
    outcome === "ignored" ||
    outcome === "refused"
    ? outcome
    : "failed";
}

/**
 * The deliveries' metrics: each received, counted by its outcome, by event, and the time to its
 * answer; returns how a delivery is recorded.
 */
function deliveryMetrics(registry: Registry): Telemetry["delivery"] {
  const received = counter(
    registry,
    "expectations_deliveries_received_total",
    "Deliveries received, by event.",
    ["event"],
  );
  const byOutcome = {
    applied: counter(
      registry,
      "expectations_deliveries_applied_total",
      "Deliveries recorded, by event.",
      ["event"],
    ),
    duplicate: counter(
      registry,
      "expectations_deliveries_duplicate_total",
      "Deliveries already recorded (a redelivery), by event.",
      ["event"],
    ),
    ignored: counter(
      registry,
      "expectations_deliveries_ignored_total",
      "Deliveries of events or actions the app does not follow, by event.",
      ["event"],
    ),
    failed: counter(
      registry,
      "expectations_deliveries_failed_total",
      "Deliveries that could not be recorded (kept as failed, or answered 5xx), by event.",
      ["event"],
    ),
    refused: counter(
      registry,
      "expectations_deliveries_refused_total",
      "Requests refused as not GitHub's or never read (bad signature, too large, too slow), by event.",
      ["event"],
    ),
  };
  const answerTime = new Histogram({
    name: "expectations_delivery_answer_seconds",
    help: "Time from a delivery's arrival to its answer (recorded and committed).",
    buckets: ANSWER_BUCKETS,
    registers: [registry],
  });
  return (event, outcome, seconds) => {
    received.inc({ event });
    byOutcome[countedAs(outcome)].inc({ event });
    answerTime.observe(seconds);
  };
}

/**
 * The gauges of the store's view (`OperationsSnapshot`), and how far behind each scheduled job
 * is (also set when a job runs); `show` sets them from a snapshot.
 */
function snapshotMetrics(registry: Registry) {
  const storeUp = gauge(registry, "expectations_store_up", "1 while the database answers, else 0.");
  const queueDepth = gauge(
    registry,
    "expectations_publish_queue_depth",
    "Release readiness waiting to be published.",
  );
  const queueAge = gauge(
    registry,
    "expectations_publish_queue_oldest_age_seconds",
    "Age of the oldest item waiting to be published (0 when none).",
  );
  const gapsOpen = gauge(
    registry,
    "expectations_record_gaps_open",
    "Open gaps in the record, by installation.",
    ["installation"],
  );
  const gapAge = gauge(
    registry,
    "expectations_record_gap_oldest_age_seconds",
    "Age of the oldest open gap in the record, by installation.",
    ["installation"],
  );
  const jobLag = gauge(
    registry,
    "expectations_job_lag_seconds",
    "How far behind its due time each scheduled job is.",
    ["job"],
  );
  const show = (now: OperationsSnapshot) => {
    storeUp.set(now.storeUp ? 1 : 0);
    if (now.publishQueue) {
      queueDepth.set(now.publishQueue.depth);
      queueAge.set(now.publishQueue.oldestAgeSeconds);
    }
    if (now.gaps) {
      // Installations whose gaps all closed read 0, not their last count.
      gapsOpen.reset();
      gapAge.reset();
      for (const gap of now.gaps) {
        gapsOpen.set({ installation: String(gap.installationId) }, gap.open);
        gapAge.set({ installation: String(gap.installationId) }, gap.oldestAgeSeconds);
      }
    }
    for (const { job, seconds } of now.jobLag ?? []) jobLag.set({ job }, seconds);
  };
  return { jobLag, show };
}

/**
 * The app's metrics on a registry of their own (prom-client): counters and the answer-time
 * histogram as things happen, and on each scrape the store's view (`snapshot`): the publish
 * queue, open gaps, job lag, whether the database answers.
 */
export function prometheusTelemetry(
  snapshot: () => Promise<OperationsSnapshot>,
): PrometheusTelemetry {
  const registry = new Registry();
  // Registered in the order the scrape lists them.
  const delivery = deliveryMetrics(registry);
  const publications = counter(
    registry,
    "expectations_publications_total",
    "Publications to GitHub (check runs, issues), by outcome.",
    ["outcome"],
  );
  const rateLimit = gauge(
    registry,
    "expectations_github_rate_limit_remaining",
    "Requests GitHub last said are left this hour, by installation (app: the app itself).",
    ["installation"],
  );
  const redeliveries = counter(
    registry,
    "expectations_redeliveries_total",
    "Redeliveries asked of GitHub, and what became of them, by outcome.",
    ["outcome"],
  );
  const jobRuns = counter(
    registry,
    "expectations_job_runs_total",
    "Scheduled job runs, by job and result.",
    ["job", "result"],
  );
  const storeView = snapshotMetrics(registry);

  return {
    contentType: registry.contentType,
    delivery,
    publication(outcome, count = 1) {
      if (count > 0) publications.inc({ outcome }, count);
    },
    rateLimit(installationId, remaining) {
      rateLimit.set(
        { installation: installationId === null ? "app" : String(installationId) },
        remaining,
      );
    },
    redeliveries(outcome, count) {
      if (count > 0) redeliveries.inc({ outcome }, count);
    },
    jobRun(job, lagSeconds, ok) {
      jobRuns.inc({ job, result: ok ? "ok" : "failed" });
      storeView.jobLag.set({ job }, lagSeconds);
    },
    async render() {
      storeView.show(await snapshot().catch(() => ({ storeUp: false }) as OperationsSnapshot));
      return registry.metrics();
    },
  };
}
