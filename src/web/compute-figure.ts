import type { ExpectationsConfig } from "../config/index.js";
import {
  buildPersonLadder,
  buildReportTrends,
  buildReviewActivityReport,
  type ReportRequest,
} from "../flows/index.js";
import type { Period } from "../metrics/index.js";
import type { PersonLadder, ReportTrends, ReviewActivityReport } from "../reports/index.js";
import type { Millis, RepositoryRecord, Store } from "../store/index.js";
import {
  type DashboardScopes,
  dashboardScopes,
  type VisibleRepository,
} from "./dashboard-scopes.js";
import { loadMilestoneStanding } from "./load-milestone-standing.js";
import type { MilestoneStanding } from "./milestone-standing.js";
import { upcomingReleases } from "./upcoming-releases.js";

/**
 * What a dashboard page shows, described by plain data (it crosses to a worker thread by
 * structured clone): the teams of a person's repositories, the upcoming releases, a release's
 * standing, a team's report or trends, a person's ladder lines.
 */
export type FigureJob =
  | { kind: "scopes"; visible: RepositoryRecord[] }
  | { kind: "releases"; repositories: VisibleRepository[]; now: Millis }
  | {
      kind: "milestone";
      repository: RepositoryRecord;
      number: number;
      config: ExpectationsConfig;
      now: Millis;
    }
  | { kind: "report"; request: ReportRequest }
  | { kind: "trends"; request: ReportRequest; periods: Period[] }
  | { kind: "person"; request: ReportRequest; login: string };

/** What each kind of job computes. */
export interface FigureValues {
  scopes: DashboardScopes;
  releases: MilestoneStanding[];
  /** Null when the repository has no such milestone (any more). */
  milestone: MilestoneStanding | null;
  report: ReviewActivityReport;
  trends: ReportTrends;
  person: PersonLadder;
}

export type FigureValue<J extends FigureJob> = FigureValues[J["kind"]];

/** Computes a figure from the store, as the dashboard's worker threads do for each job. */
export async function computeFigure<J extends FigureJob>(
  store: Store,
  job: J,
): Promise<FigureValue<J>> {
  return (await compute(store, job)) as FigureValue<J>;
}

async function compute(store: Store, job: FigureJob): Promise<FigureValues[FigureJob["kind"]]> {
  switch (job.kind) {
    case "scopes":
      return dashboardScopes(store, job.visible);
    case "releases":
      return upcomingReleases(store, job.repositories, new Date(job.now));
    case "milestone": {
      const { repository } = job;
      // Looked up here, not given: the figure is recomputed from the store as it is now.
      const milestone = (
        await store.listMilestones(repository.installationId, repository.repositoryId)
      ).find((m) => m.number === job.number && m.deletedAt === null);
      return milestone
        ? loadMilestoneStanding(store, repository, milestone, job.config, new Date(job.now))
        : null;
    }
    case "report":
      return buildReviewActivityReport(store, job.request);
    case "trends":
      return buildReportTrends(store, job.request, job.periods);
    case "person":
      return buildPersonLadder(store, job.request, job.login);
  }
}
