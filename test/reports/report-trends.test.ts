import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarFromConfig, parseConfig } from "../../src/config/index.js";
import { buildReviewActivityReport } from "../../src/flows/index.js";
import { ingestDelivery } from "../../src/ingest/index.js";
import type { Period } from "../../src/metrics/index.js";
import {
  type MeasureTrend,
  type ReviewActivityReport,
  renderReportCsv,
  renderReportMarkdown,
  reportTrends,
  TREND_MEASURES,
  trendPeriods,
} from "../../src/reports/index.js";
import type { RepositoryRecord } from "../../src/store/index.js";
import { readDeliveryStream } from "../helpers/fixtures.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";
import { activity, at, comment, issue, pullRequest, review } from "../metrics/activity-builder.js";

function config(raw: unknown) {
  const parsed = parseConfig(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.config;
}

describe("trends over a hand-worked history of three weeks", () => {
  const settings = config({ team: ["alice", "bob"] });
  const week = (from: string, to: string): Period => ({
    since: at(`${from} 00:00`),
    until: at(`${to} 00:00`),
  });
  const periods = [
    week("2024-07-01", "2024-07-08"),
    week("2024-07-08", "2024-07-15"),
    week("2024-07-15", "2024-07-22"),
  ];
  // Week 1: reviewed after 48 business hours, approved; a customer answered in 2 hours.
  // Week 2: reviewed after 24 hours, approved; no customer issue at all.
  // Week 3: reviewed after 4 hours but merged without an approval; a customer answered in 1 hour.
  const history = activity({
    pullRequests: [
      pullRequest(1, "alice", "2024-07-01 09:00", {
        closedAt: at("2024-07-03 10:00"),
        mergedAt: at("2024-07-03 10:00"),
        mergedBy: "alice",
      }),
      pullRequest(2, "alice", "2024-07-08 09:00", {
        closedAt: at("2024-07-09 10:00"),
        mergedAt: at("2024-07-09 10:00"),
        mergedBy: "alice",
      }),
      pullRequest(3, "alice", "2024-07-15 09:00", {
        closedAt: at("2024-07-15 14:00"),
        mergedAt: at("2024-07-15 14:00"),
        mergedBy: "alice",
      }),
    ],
    reviews: [
      review(1, "bob", "2024-07-03 09:00", "APPROVED"),
      review(2, "bob", "2024-07-09 09:00", "APPROVED"),
      review(3, "bob", "2024-07-15 13:00", "COMMENTED"),
    ],
    issues: [
      issue(10, "carol", "NONE", "2024-07-01 10:00", { closedAt: at("2024-07-01 12:30") }),
      issue(11, "carol", "NONE", "2024-07-16 10:00"),
    ],
    issueComments: [
      comment(10, "bob", "MEMBER", "2024-07-01 12:00"),
      comment(11, "bob", "MEMBER", "2024-07-16 11:00"),
    ],
  });
  const trendsOver = (over: readonly Period[]) =>
    reportTrends({
      scope: { kind: "repository", name: "acme/storage" },
      activity: history,
      context: { now: at("2024-07-22 00:00"), calendar: calendarFromConfig(settings), bots: [] },
      config: settings,
      members: settings.team,
      periods: over.map((period) => ({ period, milestoneItems: new Map() })),
    });
  const trends = trendsOver(periods);
  const trend = (id: string) => trends.measures.find((t) => t.id === id) as MeasureTrend;

  it.each([
    {
      what: "time to first review improves: lower is better and it went down",
      id: "pull_requests.median_time_to_first_review_hours",
      values: [48, 24, 4],
      change: -20,
      direction: "down",
      judgement: "better",
    },
    {
      what: "merged without approval worsens: lower is better and it went up",
      id: "pull_requests.merged_without_approval",
      values: [0, 0, 1],
      change: 1,
      direction: "up",
      judgement: "worse",
    },
    {
      what: "customer first response has no data in the middle week: a gap, so no change to judge",
      id: "expectation:customer.timely-help",
      values: [2, null, 1],
      change: null,
      direction: null,
      judgement: null,
    },
    {
      what: "PRs merged stayed the same, and a volume is neither better nor worse",
      id: "pull_requests.merged",
      values: [1, 1, 1],
      change: 0,
      direction: "same",
      judgement: "same",
    },
  ])("$what", ({ id, values, change, direction, judgement }) => {
    const found = trend(id);
    expect(found.values).toEqual(values);
    expect(found.current).toBe(values[2]);
    expect(found.previous).toBe(values[1]);
    expect(found.change).toBe(change);
    expect(found.direction).toBe(direction);
    expect(found.judgement).toBe(judgement);
  });

  it("keeps each expectation line's verdict per week, and declares which way is better beside it", () => {
    const help = trend("expectation:customer.timely-help");
    expect(help.statuses).toEqual(["met", "not_measured", "met"]);
    expect(help.better).toBe("down");
    expect(trend("expectation:project.reviews-with-team").better).toBe("up");
    expect(trends.periods.map((p) => p.since)).toEqual([
      "2024-07-01T00:00:00.000Z",
      "2024-07-08T00:00:00.000Z",
      "2024-07-15T00:00:00.000Z",
    ]);
  });

  it("makes a period with nothing recorded a gap, never a zero", () => {
    const earlier = trendsOver([week("2024-06-24", "2024-07-01"), periods[0] as Period]);
    const opened = earlier.measures.find((t) => t.id === "pull_requests.opened") as MeasureTrend;
    expect(opened.values).toEqual([null, 1]);
    expect(opened.change).toBeNull();
  });
});

/** Every trend value of a report, and of the reports of its periods built one by one. */
async function comparePeriodByPeriod(
  ctx: TempStore,
  repository: RepositoryRecord,
  period: Period,
  raw: unknown,
): Promise<{ withData: number }> {
  const settings = config(raw);
  const request = {
    installationId: repository.installationId,
    scope: { kind: "repository" as const, name: repository.fullName },
    repositories: [repository],
    now: period.until,
    config: settings,
    members: settings.team,
    publicTarget: false,
  };
  const periods = trendPeriods(period, 12, settings.timezone);
  const report = await buildReviewActivityReport(ctx.store, {
    ...request,
    period,
    earlierPeriods: periods.slice(0, -1),
  });
  const trends = report.trends;
  if (!trends) throw new Error("no trends");
  let withData = 0;
  for (const [i, each] of periods.entries()) {
    const alone: ReviewActivityReport = await buildReviewActivityReport(ctx.store, {
      ...request,
      period: each,
    });
    const rows = await ctx.store.loadActivity({
      installationId: repository.installationId,
      repositoryIds: [repository.repositoryId],
      ...each,
    });
    const recorded = rows.pullRequests.length + rows.issues.length > 0;
    if (recorded) withData++;
    for (const measure of TREND_MEASURES)
      expect([measure.id, trends.measures.find((t) => t.id === measure.id)?.values[i]]).toEqual([
        measure.id,
        recorded ? measure.value(alone).value : null,
      ]);
    for (const line of alone.expectations.filter((e) => e.measure !== null)) {
      const found = trends.measures.find((t) => t.id === `expectation:${line.id}`);
      expect([line.id, found?.values[i], found?.statuses?.[i]]).toEqual([
        line.id,
        recorded ? (line.value?.value ?? null) : null,
        recorded ? line.status : "not_measured",
      ]);
    }
  }
  // The report itself is its period's own report, and the last point of every series.
  const { trends: _trends, ...own } = report;
  expect(own).toEqual(await buildReviewActivityReport(ctx.store, { ...request, period }));
  return { withData };
}

describe("trends on recorded histories equal the reports run period by period", () => {
  let ants: TempStore;
  let devlake: TempStore;
  beforeAll(async () => {
    ants = await tempStore();
    for (const delivery of readDeliveryStream("demo/deliveries.jsonl"))
      await ingestDelivery(ants.store, delivery);
    devlake = await tempStore();
    for (const delivery of readDeliveryStream("devlake-graphql-prs/deliveries.jsonl"))
      await ingestDelivery(devlake.store, delivery);
  });
  afterAll(async () => {
    await ants.cleanup();
    await devlake.cleanup();
  });

  it("panjf2000/ants, twelve months", async () => {
    const [repository] = await ants.store.findRepositories("panjf2000/ants");
    if (!repository) throw new Error("ants not ingested");
    const period = {
      since: Date.parse("2019-09-01T00:00:00Z"),
      until: Date.parse("2019-10-01T00:00:00Z"),
    };
    const { withData } = await comparePeriodByPeriod(ants, repository, period, null);
    expect(withData).toBeGreaterThan(6);
  });

  it("apache/incubator-devlake, twelve weeks in Europe/Berlin with a team", async () => {
    const [repository] = await devlake.store.findRepositories("apache/incubator-devlake");
    if (!repository) throw new Error("devlake not ingested");
    const period = {
      since: Date.parse("2024-08-12T22:00:00Z"),
      until: Date.parse("2024-08-19T22:00:00Z"),
    };
    const { withData } = await comparePeriodByPeriod(devlake, repository, period, {
      timezone: "Europe/Berlin",
      team: ["klesh", "d4x1", "abeizn"],
    });
    expect(withData).toBeGreaterThan(3);
  });

  it("prints the series in json, csv and the issue's markdown", async () => {
    const [repository] = await ants.store.findRepositories("panjf2000/ants");
    if (!repository) throw new Error("ants not ingested");
    const settings = config(null);
    const period = {
      since: Date.parse("2019-09-01T00:00:00Z"),
      until: Date.parse("2019-10-01T00:00:00Z"),
    };
    const report = await buildReviewActivityReport(ants.store, {
      installationId: repository.installationId,
      scope: { kind: "repository", name: repository.fullName },
      repositories: [repository],
      period,
      now: period.until,
      config: settings,
      publicTarget: false,
      earlierPeriods: trendPeriods(period, 12, "UTC").slice(0, -1),
    });
    const merged = report.trends?.measures.find((t) => t.id === "pull_requests.merged");
    expect(merged?.values.at(-1)).toBe(report.pull_requests.merged.value);
    const json = JSON.parse(JSON.stringify(report)) as ReviewActivityReport;
    expect(json.trends?.periods).toHaveLength(12);
    const csv = renderReportCsv(report).split("\r\n");
    const mergedRows = csv.filter((row) => row.includes(",trend,pull_requests.merged,value,"));
    expect(mergedRows).toHaveLength(12);
    expect(mergedRows.at(-1)).toBe(
      `panjf2000/ants,2019-09-01T00:00:00.000Z,2019-10-01T00:00:00.000Z,trend,pull_requests.merged,value,${report.pull_requests.merged.value},count,`,
    );
    const markdown = renderReportMarkdown(report);
    expect(markdown).toContain("### Trends: the last 12 periods");
    expect(markdown).toMatch(/```mermaid\nxychart-beta\n {2}title "Time to first review, median/);
    expect(markdown).toContain(
      "| Ladder expectation | Measure | Value | Target | Verdict | Previous period | Change |",
    );
  });
});
