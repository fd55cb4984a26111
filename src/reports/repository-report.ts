import type { PullRequestCounts } from "../metrics/index.js";
import {
  type Period,
  type PersonParticipation,
  pullRequestCounts,
  reviewParticipation,
} from "../metrics/index.js";
import type { Activity } from "../store/index.js";

/** The `expectations report` JSON: what the store knows for a repository and period. */
export interface RepositoryReport {
  repository: string;
  period: { since: string; until: string };
  pull_requests: PullRequestCounts;
  people: PersonParticipation[];
}

export function repositoryReport(
  repository: string,
  activity: Activity,
  period: Period,
  bots: readonly string[] = [],
): RepositoryReport {
  return {
    repository,
    period: {
      since: new Date(period.since).toISOString(),
      until: new Date(period.until).toISOString(),
    },
    pull_requests: pullRequestCounts(activity, period),
    people: reviewParticipation(activity, period, bots),
  };
}
