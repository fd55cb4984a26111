import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ingestDelivery } from "../../src/ingest/index.js";
import type { Period } from "../../src/metrics/index.js";
import type { RepositoryRecord } from "../../src/store/index.js";
import { type DashboardFigures, dashboardFigures } from "../../src/web/index.js";
import { reportPeriods } from "../../src/web/report-periods.js";
import { kodiakChain } from "../helpers/fixtures.js";
import { loggerCalling } from "../helpers/logger-calling.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

const NOW = new Date("2019-10-01T12:00:00Z");
const silent = loggerCalling();

/** Figures warmed in the background: a page that waits for nothing finds them ready. */
describe("the dashboard's figures kept warm by its worker thread", () => {
  let ctx: TempStore;
  let visible: RepositoryRecord[];
  const running: DashboardFigures[] = [];
  const chain = kodiakChain();

  beforeEach(async () => {
    ctx = await tempStore();
    // The last delivery comes later, as new activity.
    for (const delivery of chain.slice(0, -1)) await ingestDelivery(ctx.store, delivery);
    visible = await ctx.store.listRepositories(848733);
  });
  afterEach(async () => {
    vi.useRealTimers();
    for (const figures of running.splice(0)) await figures.stop();
    await ctx.cleanup();
  });

  const start = (options: { warmFigures?: number; warmEveryMs?: number } = {}) => {
    const figures = dashboardFigures({
      store: ctx.store,
      location: { path: ctx.path },
      log: silent,
      clock: () => NOW,
      ...options,
    });
    running.push(figures);
    return figures;
  };

  it("computes at start what a lead who may see every repository looks at first", async () => {
    const figures = start();
    await figures.warmed();
    const scopes = await figures.scopes(visible, 0);
    if (scopes.state !== "ready") throw new Error(`the teams are ${scopes.state}`);
    const [scope] = scopes.value.scopes;
    if (!scope) throw new Error("no scope");
    expect(scope.name).toBe("chdsbd/test_repo");
    const periods = reportPeriods(scope.config, NOW);
    // Asked with no wait at all: only what was computed before can be ready.
    expect((await figures.releases(scopes.value.repositories, 0)).state).toBe("ready");
    expect((await figures.report(scope, periods[0] as Period, 0)).state).toBe("ready");
    expect((await figures.trends(scope, periods.slice(1), 0)).state).toBe("ready");
    // Not one of them: counted when asked.
    expect((await figures.report(scope, periods[3] as Period, 0)).state).toBe("counting");
  });

  it("computes nothing at start when told not to", async () => {
    const figures = start({ warmFigures: 0 });
    await figures.warmed();
    expect(figures.computing).toBe(0);
    expect((await figures.scopes(visible, 0)).state).toBe("counting");
  });

  it("after the store changes, computes again the figures looked at last, before anyone asks", async () => {
    // Only the rounds of looking for changes are faked: the test says when the next one comes.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const figures = start({ warmEveryMs: 20 });
    await figures.warmed();
    const scopes = await figures.scopes(visible, 10_000);
    if (scopes.state !== "ready") throw new Error(`the teams are ${scopes.state}`);
    const scope = scopes.value.scopes[0];
    if (!scope) throw new Error("no scope");
    const period = reportPeriods(scope.config, NOW)[1] as Period;
    const before = await figures.report(scope, period, 10_000);
    expect(before).toMatchObject({ state: "ready", fresh: true });

    await ingestDelivery(ctx.store, chain.at(-1) as (typeof chain)[number]);
    // The next round of looking for changes, and the figures it computes again, finished.
    // Asking sooner would itself recompute the figure.
    vi.advanceTimersByTime(20);
    await figures.warmed();
    expect(figures.computing).toBe(0);
    // Recomputed under the new data version: fresh without a page having waited for it.
    const after = await figures.report(scope, period, 0);
    expect(after).toMatchObject({ state: "ready", fresh: true });
  });
});
