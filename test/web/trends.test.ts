import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import { buildReviewActivityReport } from "../../src/flows/index.js";
import { ingestDelivery } from "../../src/ingest/index.js";
import type { Period } from "../../src/metrics/index.js";
import type { DashboardScope } from "../../src/web/dashboard-scopes.js";
import { reportTrends } from "../../src/web/index.js";
import { reportPeriods } from "../../src/web/report-periods.js";
import { readDeliveryStream } from "../helpers/fixtures.js";
import { tempStore } from "../helpers/temp-store.js";

const NOW = new Date("2019-10-01T12:00:00Z");

describe("a team's trends: its report run period by period", () => {
  let ctx: Awaited<ReturnType<typeof tempStore>>;
  let scope: DashboardScope;
  let periods: Period[];
  beforeAll(async () => {
    ctx = await tempStore();
    for (const delivery of readDeliveryStream("demo/deliveries.jsonl"))
      if (delivery.receivedAt <= NOW.getTime()) await ingestDelivery(ctx.store, delivery);
    const parsed = parseConfig({ reports: { schedule: "0 9 1 * *", period_days: 30 } });
    if (!parsed.ok) throw new Error("config");
    const repositories = await ctx.store.listRepositories(1000001);
    scope = {
      installationId: 1000001,
      kind: "repository",
      name: "panjf2000/ants",
      repositories,
      members: undefined,
      config: parsed.config,
      settingsSince: null,
      path: "/expectations/repos/panjf2000/ants",
    };
    periods = reportPeriods(parsed.config, NOW).slice(1);
  });
  afterAll(() => ctx.cleanup());

  const report = (period: Period) =>
    buildReviewActivityReport(ctx.store, {
      installationId: scope.installationId,
      scope: { kind: scope.kind, name: scope.name },
      repositories: scope.repositories,
      period,
      now: NOW.getTime(),
      config: scope.config,
      members: scope.members,
      publicTarget: false,
    });

  it("gives, for each measure, exactly the figure each period's own report shows, oldest first", async () => {
    const trends = await reportTrends((_, period) => report(period))(scope, periods);
    if (!trends) throw new Error("no trends");
    const oldestFirst = [...periods].reverse();
    const reports = await Promise.all(oldestFirst.map(report));
    const series = (id: string) => trends.find((s) => s.id === id)?.points ?? [];
    expect(series("pull_requests.merged").map((p) => p.period)).toEqual(oldestFirst);
    expect(series("pull_requests.opened").map((p) => p.value)).toEqual(
      reports.map((r) => r.pull_requests.opened),
    );
    expect(series("pull_requests.merged_without_approval").map((p) => p.value)).toEqual(
      reports.map((r) => r.pull_requests.merged_without_approval),
    );
    expect(series("customer_issues.median_first_response_hours").map((p) => p.value)).toEqual(
      reports.map((r) => r.customer_issues.median_first_response_hours),
    );
    expect(series("expectation:customer.timely-help").map((p) => p.status)).toEqual(
      reports.map((r) => r.expectations.find((e) => e.id === "customer.timely-help")?.status),
    );
    // ants was busy in that year: the trend is not a flat line of zeros.
    expect(new Set(series("pull_requests.opened").map((p) => p.value)).size).toBeGreaterThan(1);
  });

  it("has no trend while any of its periods is still being counted", async () => {
    const trends = await reportTrends(async (_, period) =>
      period === periods[3] ? undefined : report(period),
    )(scope, periods);
    expect(trends).toBeUndefined();
  });
});
