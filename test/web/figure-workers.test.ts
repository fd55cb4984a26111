import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig, settingsText } from "../../src/config/index.js";
import {
  buildPersonLadder,
  buildReportTrends,
  buildReviewActivityReport,
  type ReportRequest,
} from "../../src/flows/index.js";
import { ingestDelivery } from "../../src/ingest/index.js";
import type { Period } from "../../src/metrics/index.js";
import type { Store, StoreLocation } from "../../src/store/index.js";
import { type DashboardScope, dashboardScopes } from "../../src/web/dashboard-scopes.js";
import { type FigureWorkers, figureWorkers } from "../../src/web/figure-workers.js";
import { loadMilestoneStanding } from "../../src/web/load-milestone-standing.js";
import { reportPeriods } from "../../src/web/report-periods.js";
import { upcomingReleases } from "../../src/web/upcoming-releases.js";
import { organizationRepositoryAdded, readDeliveryStream } from "../helpers/fixtures.js";
import { loggerCalling } from "../helpers/logger-calling.js";
import { tempPostgresStore } from "../helpers/temp-postgres.js";
import { tempStore } from "../helpers/temp-store.js";

const NOW = new Date("2019-10-01T12:00:00Z");
/** chdsbd's `.github` repository (installed with the app), and panjf2000/ants. */
const CHDSBD_GITHUB = 900_000_001;
const ANTS_REPOSITORY = 134018330;
const silent = loggerCalling();

const request = (scope: DashboardScope, period: Period): ReportRequest => ({
  installationId: scope.installationId,
  scope: { kind: scope.kind, name: scope.name },
  repositories: scope.repositories,
  period,
  now: NOW.getTime(),
  config: scope.config,
  members: scope.members,
  memberSpans: scope.memberSpans,
  publicTarget: false,
});

interface Backend {
  store: Store;
  location: StoreLocation;
  cleanup: () => Promise<void>;
}

const backends: [string, () => Promise<Backend>][] = [
  [
    "an SQLite file, opened read-only",
    async () => {
      const ctx = await tempStore();
      return { ...ctx, location: { path: ctx.path } };
    },
  ],
  [
    "PostgreSQL, through the worker's own pool",
    async () => {
      const ctx = await tempPostgresStore();
      return { ...ctx, location: { url: ctx.url } };
    },
  ],
];

describe.each(backends)("figures computed by a worker thread on its own store: %s", (_, open) => {
  let ctx: Backend;
  let workers: FigureWorkers;

  beforeAll(async () => {
    ctx = await open();
    for (const delivery of readDeliveryStream("demo/deliveries.jsonl"))
      if (delivery.receivedAt <= NOW.getTime()) await ingestDelivery(ctx.store, delivery);
    await ingestDelivery(ctx.store, organizationRepositoryAdded(848733, "chdsbd", CHDSBD_GITHUB));
    // chdsbd's teams from its owner's file, ants reported monthly on its own.
    const teams = parseConfig({
      timezone: "Europe/Berlin",
      reports: {
        teams: { kodiak: { repos: ["chdsbd/test_repo"], members: ["chdsbd", "sbdchd"] } },
      },
    });
    const ants = parseConfig({
      timezone: "Asia/Shanghai",
      reports: { schedule: "0 9 1 * *", period_days: 30 },
    });
    for (const [installationId, repositoryId, settings] of [
      [848733, CHDSBD_GITHUB, teams],
      [1000001, ANTS_REPOSITORY, ants],
    ] as const)
      await ctx.store.putSettings({
        installationId,
        repositoryId,
        settings: settingsText(settings),
        updatedAt: NOW.getTime(),
      });
    workers = figureWorkers({ location: ctx.location, log: silent });
  });
  afterAll(async () => {
    await workers.close();
    await ctx.cleanup();
  });

  it("computes exactly what the main-thread functions compute, on the demo store", async () => {
    const visible = [
      ...(await ctx.store.listRepositories(848733)),
      ...(await ctx.store.listRepositories(1000001)),
    ];
    const scopes = await dashboardScopes(ctx.store, visible);
    expect(scopes.scopes.map((s) => s.name)).toEqual(["kodiak", "panjf2000/ants"]);
    expect(await workers.run({ kind: "scopes", visible })).toStrictEqual(scopes);

    const releases = await upcomingReleases(ctx.store, scopes.repositories, NOW);
    expect(releases.length).toBeGreaterThan(0);
    expect(
      await workers.run({
        kind: "releases",
        repositories: scopes.repositories,
        now: NOW.getTime(),
      }),
    ).toStrictEqual(releases);

    const testRepo = scopes.repositories.find((r) => r.repository.fullName === "chdsbd/test_repo");
    if (!testRepo?.config) throw new Error("chdsbd/test_repo has no settings");
    const [milestone] = await ctx.store.listMilestones(848733, testRepo.repository.repositoryId);
    if (!milestone) throw new Error("chdsbd/test_repo has no milestone");
    const job = {
      kind: "milestone",
      repository: testRepo.repository,
      config: testRepo.config,
      now: NOW.getTime(),
    } as const;
    expect(await workers.run({ ...job, number: milestone.number })).toStrictEqual(
      await loadMilestoneStanding(ctx.store, testRepo.repository, milestone, testRepo.config, NOW),
    );
    expect(await workers.run({ ...job, number: 999 })).toBeNull();

    for (const scope of scopes.scopes) {
      const periods = reportPeriods(scope.config, NOW);
      const report = await buildReviewActivityReport(
        ctx.store,
        request(scope, periods[1] as Period),
      );
      expect(report.people.length, scope.name).toBeGreaterThan(0);
      expect(
        await workers.run({ kind: "report", request: request(scope, periods[1] as Period) }),
      ).toStrictEqual(report);
      const earlier = periods.slice(1);
      expect(
        await workers.run({
          kind: "trends",
          request: request(scope, earlier[0] as Period),
          periods: earlier,
        }),
      ).toStrictEqual(
        await buildReportTrends(ctx.store, request(scope, earlier[0] as Period), earlier),
      );
      const login = (report.people[0] as { login: string }).login;
      expect(
        await workers.run({ kind: "person", request: request(scope, periods[1] as Period), login }),
      ).toStrictEqual(
        await buildPersonLadder(ctx.store, request(scope, periods[1] as Period), login),
      );
    }
  });

  it("reads what the server wrote after the worker opened the store", async () => {
    const before = await workers.run({ kind: "scopes", visible: [] });
    expect(before.repositories).toEqual([]);
    const [repository] = await ctx.store.listRepositories(848733);
    if (!repository) throw new Error("no repository");
    await ctx.store.putSettings({
      installationId: 848733,
      repositoryId: repository.repositoryId,
      settings: settingsText(parseConfig({ timezone: "Asia/Tokyo" })),
      updatedAt: NOW.getTime() + 1,
    });
    const after = await workers.run({ kind: "scopes", visible: [repository] });
    expect(after.repositories[0]?.config?.timezone).toBe("Asia/Tokyo");
  });
});
