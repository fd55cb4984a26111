import { performance } from "node:perf_hooks";
import type { Logger } from "pino";
import type { ExpectationsConfig } from "../config/index.js";
import type { ReportRequest } from "../flows/index.js";
import type { Period } from "../metrics/index.js";
import { contentHash } from "../publish/index.js";
import type { PersonLadder, ReportTrends, ReviewActivityReport } from "../reports/index.js";
import type { Millis, RepositoryRecord, Store, StoreLocation } from "../store/index.js";
import { setBounded } from "./bounded-map.js";
import type { FigureJob, FigureValue } from "./compute-figure.js";
import { ComputedCache, type Figure } from "./computed-cache.js";
import type { DashboardScope, DashboardScopes, VisibleRepository } from "./dashboard-scopes.js";
import { type FigureWorkers, figureWorkers } from "./figure-workers.js";
import type { MilestoneStanding } from "./milestone-standing.js";
import { reportPeriods } from "./report-periods.js";

export interface DashboardFiguresOptions {
  /** The server's store: only its data version is read here, the figures come from workers. */
  store: Store;
  /** Where that store is (`resolveStoreLocation`): each worker opens it again, to read. */
  location: StoreLocation;
  /** Worker threads computing figures side by side (default 1). */
  workers?: number;
  log: Logger;
  /** The wall clock; tests pass a fake one. */
  clock?: () => Date;
  /**
   * How many of the figures last looked at are kept up to date when the store changes, and how
   * many are computed at start (default 20; 0: none).
   */
  warmFigures?: number;
  /** How often to look whether the store changed since the figures were last brought up to date. */
  warmEveryMs?: number;
  /** After a failed computation, how long the figure is unavailable before a view tries again. */
  retryMs?: number;
  /** A worker that died is started again after this, doubled for each death in a row (to 30 s). */
  restartMs?: number;
}

type JobOf<K extends FigureJob["kind"]> = Extract<FigureJob, { kind: K }>;

/** A figure a page wants: its cache key, whether it depends on the time, and its job. */
interface Wanted<J extends FigureJob> {
  key: string;
  live: boolean;
  job: (now: Millis) => J;
}

const DAY_MS = 86_400_000;

/** A short key of a value, whatever the order of its keys. */
const hash = (value: unknown) => contentHash(value).slice(0, 32);

/** What the scope's report is about (the key of its figures), without the period. */
const scopeKey = (scope: DashboardScope, period: Period) =>
  [
    scope.installationId,
    scope.kind,
    hash([
      scope.name,
      scope.repositories.map((r) => r.repositoryId).sort((a, b) => a - b),
      scope.members,
      [...(scope.memberSpans ?? [])],
      scope.config,
    ]),
    period.since,
    period.until,
  ].join("|");

const reportRequest = (scope: DashboardScope, period: Period, now: Millis): ReportRequest => ({
  installationId: scope.installationId,
  scope: { kind: scope.kind, name: scope.name },
  repositories: scope.repositories,
  period,
  now,
  config: scope.config,
  members: scope.members,
  memberSpans: scope.memberSpans,
  // Only people GitHub lets see these repositories see this page.
  publicTarget: false,
});

/**
 * The dashboard's figures: computed by worker threads, each with its own store, and kept in a
 * `ComputedCache` while the store is unchanged, so that the server's thread only renders pages
 * and webhooks never wait behind a team's report. A page asks for what it shows with how long
 * it can wait; what is not ready by then is counting. In the background it computes, at start,
 * the overview and team pages of someone who may see every repository, and, after the store
 * changes, the figures looked at last.
 */
export class DashboardFigures {
  private readonly cache: ComputedCache;
  private readonly pool: FigureWorkers;
  private readonly clock: () => Date;
  private readonly warmFigures: number;
  private readonly viewed = new Map<string, { wanted: Wanted<FigureJob>; at: number }>();
  private readonly timer: NodeJS.Timeout;
  private warmedVersion: string | undefined;
  private warmRound: Promise<void> = Promise.resolve();
  private warming = false;
  private stopped = false;

  constructor(private readonly options: DashboardFiguresOptions) {
    const { store, log } = options;
    this.clock = options.clock ?? (() => new Date());
    this.warmFigures = options.warmFigures ?? 20;
    this.pool = figureWorkers({
      location: options.location,
      size: options.workers ?? 1,
      log,
      ...(options.restartMs ? { restartMs: options.restartMs } : {}),
    });
    this.cache = new ComputedCache({
      version: () => store.dataVersion(),
      clock: () => this.clock().getTime(),
      ...(options.retryMs !== undefined ? { retryMs: options.retryMs } : {}),
      // Jobs refused because the pool is stopping are no failure worth a line.
      onError: (error, key) => {
        if (!this.stopped)
          log.error({ err: error, figures: key.split("|")[0] }, "dashboard figures failed");
      },
    });
    this.warmRound = this.background(() => this.warmAtStart(), "computing them at start");
    this.timer = setInterval(() => this.warmAfterChanges(), options.warmEveryMs ?? 30_000);
    this.timer.unref();
  }

  /** The teams and settings of exactly these repositories. */
  scopes(visible: RepositoryRecord[], waitMs: number): Promise<Figure<DashboardScopes>> {
    return this.show(this.scopesWanted(visible), waitMs);
  }

  /** The releases due in the next four weeks, and overdue ones, of these repositories. */
  releases(
    repositories: VisibleRepository[],
    waitMs: number,
  ): Promise<Figure<MilestoneStanding[]>> {
    return this.show(this.releasesWanted(repositories), waitMs);
  }

  /** A milestone's standing; a value of null when the milestone is gone. */
  milestone(
    repository: RepositoryRecord,
    number: number,
    config: ExpectationsConfig,
    waitMs: number,
  ): Promise<Figure<MilestoneStanding | null>> {
    return this.show(
      {
        key: `milestone|${repository.installationId}|${repository.repositoryId}|${number}|${hash(config)}`,
        live: true,
        job: (now) => ({ kind: "milestone", repository, number, config, now }),
      },
      waitMs,
    );
  }

  /** A team's (or repository's) review-activity report for a period. */
  report(
    scope: DashboardScope,
    period: Period,
    waitMs: number,
  ): Promise<Figure<ReviewActivityReport>> {
    return this.show(this.reportWanted(scope, period), waitMs);
  }

  /** The periods' figures from one read of their span, by the reports' own trends function. */
  trends(
    scope: DashboardScope,
    periods: readonly Period[],
    waitMs: number,
  ): Promise<Figure<ReportTrends>> {
    return this.show(this.trendsWanted(scope, periods), waitMs);
  }

  /** One person's ladder lines in a team for a period. */
  person(
    scope: DashboardScope,
    period: Period,
    login: string,
    waitMs: number,
  ): Promise<Figure<PersonLadder>> {
    return this.show(
      {
        key: `person|${scopeKey(scope, period)}|${login}`,
        live: this.isLive(period),
        job: (now) => ({ kind: "person", request: reportRequest(scope, period, now), login }),
      },
      waitMs,
    );
  }

  /** How many figures are being computed or wait for a worker. */
  get computing(): number {
    return this.pool.pending;
  }

  /** Resolves when the figures being brought up to date in the background are done. */
  warmed(): Promise<void> {
    return this.warmRound;
  }

  /** Stops keeping figures up to date and ends the workers (a job in progress after `graceMs`). */
  async stop(graceMs?: number): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.pool.close(graceMs);
  }

  private scopesWanted(visible: RepositoryRecord[]): Wanted<JobOf<"scopes">> {
    return {
      key: `scopes|${hash(visible.map((r) => [r.installationId, r.repositoryId, r.fullName]))}`,
      live: false,
      job: () => ({ kind: "scopes", visible }),
    };
  }

  private releasesWanted(repositories: VisibleRepository[]): Wanted<JobOf<"releases">> {
    return {
      key: `releases|${hash(repositories.map((r) => [r.repository, r.config]))}`,
      live: true,
      job: (now) => ({ kind: "releases", repositories, now }),
    };
  }

  private reportWanted(scope: DashboardScope, period: Period): Wanted<JobOf<"report">> {
    return {
      key: `report|${scopeKey(scope, period)}`,
      live: this.isLive(period),
      job: (now) => ({ kind: "report", request: reportRequest(scope, period, now) }),
    };
  }

  private trendsWanted(scope: DashboardScope, periods: readonly Period[]): Wanted<JobOf<"trends">> {
    return {
      key: `trends|${periods.map((period) => scopeKey(scope, period)).join("|")}`,
      live: periods.some((period) => this.isLive(period)),
      job: (now) => ({
        kind: "trends",
        request: reportRequest(scope, periods[0] as Period, now),
        periods: [...periods],
      }),
    };
  }

  private isLive(period: Period): boolean {
    return period.until > this.clock().getTime();
  }

  private compute<J extends FigureJob>(wanted: Wanted<J>) {
    return (now: Millis): Promise<FigureValue<J>> => this.pool.run(wanted.job(now));
  }

  private show<J extends FigureJob>(
    wanted: Wanted<J>,
    waitMs: number,
  ): Promise<Figure<FigureValue<J>>> {
    if (this.warmFigures > 0)
      setBounded(this.viewed, wanted.key, { wanted, at: performance.now() }, this.warmFigures);
    return this.cache.get(wanted.key, this.compute(wanted), { live: wanted.live, waitMs });
  }

  private warm<J extends FigureJob>(wanted: Wanted<J>): Promise<void> {
    return this.cache.refresh(wanted.key, this.compute(wanted), wanted.live);
  }

  /**
   * What a lead who may see every repository looks at first: the teams, the releases, each
   * team's report for this period, then its trends; one at a time, at most `warmFigures`.
   */
  private async warmAtStart(): Promise<void> {
    if (this.warmFigures === 0) return;
    const { store } = this.options;
    const visible: RepositoryRecord[] = [];
    for (const installationId of (await store.listInstallationIds()).sort((a, b) => a - b))
      visible.push(...(await store.listRepositories(installationId)));
    if (visible.length === 0 || this.stopped) return;
    const scopesWanted = this.scopesWanted(visible);
    await this.warm(scopesWanted);
    const scopes = await this.cache.get(scopesWanted.key, this.compute(scopesWanted), {
      live: false,
      waitMs: 0,
    });
    if (scopes.state !== "ready") return;
    const now = this.clock();
    const current = scopes.value.scopes.map(
      (scope) => [scope, reportPeriods(scope.config, now)] as const,
    );
    const wanted: Wanted<FigureJob>[] = [
      this.releasesWanted(scopes.value.repositories),
      ...current.map(([scope, periods]) => this.reportWanted(scope, periods[0] as Period)),
      ...current.map(([scope, periods]) => this.trendsWanted(scope, periods.slice(1))),
    ].slice(0, this.warmFigures - 1);
    for (const figure of wanted) {
      if (this.stopped) return;
      await this.warm(figure);
    }
  }

  /** After the store changed: the figures looked at in the last day, latest first, one at a time. */
  private warmAfterChanges(): void {
    if (this.warming || this.stopped || this.viewed.size === 0) return;
    this.warmRound = this.background(async () => {
      const version = await this.options.store.dataVersion();
      if (version === this.warmedVersion) return;
      this.warmedVersion = version;
      for (const [key, { wanted, at }] of [...this.viewed].reverse()) {
        if (this.stopped) return;
        if (performance.now() - at > DAY_MS) this.viewed.delete(key);
        else await this.warm(wanted);
      }
    }, "bringing them up to date");
  }

  /** One round of background work at a time; its failure is logged, never thrown. */
  private async background(round: () => Promise<void>, what: string): Promise<void> {
    this.warming = true;
    try {
      await round();
    } catch (error) {
      if (!this.stopped)
        this.options.log.error({ err: error }, `dashboard figures: ${what} failed`);
    } finally {
      this.warming = false;
    }
  }
}

/** The dashboard's figures, computed by worker threads that open the store at `location`. */
export function dashboardFigures(options: DashboardFiguresOptions): DashboardFigures {
  return new DashboardFigures(options);
}
