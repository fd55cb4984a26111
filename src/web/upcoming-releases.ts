import { calendarFromConfig } from "../config/index.js";
import type { Store } from "../store/index.js";
import { releaseDateFromDueOn } from "../time/index.js";
import type { VisibleRepository } from "./dashboard-scopes.js";
import { loadMilestoneStanding } from "./load-milestone-standing.js";
import type { MilestoneStanding } from "./milestone-standing.js";

/** Releases this many days ahead are on the overview. */
const UPCOMING_DAYS = 28;

/**
 * Every open milestone of the visible repositories whose release date is in the next four weeks
 * or has passed, soonest first: what a lead looks at to see which releases are at risk.
 */
export async function upcomingReleases(
  store: Store,
  repositories: readonly VisibleRepository[],
  now: Date,
): Promise<MilestoneStanding[]> {
  const releases: MilestoneStanding[] = [];
  for (const { repository, config } of repositories) {
    if (config === null) continue;
    const calendar = calendarFromConfig(config);
    const horizon = calendar.localDate(new Date(now.getTime() + UPCOMING_DAYS * 86_400_000));
    for (const milestone of await store.listMilestones(
      repository.installationId,
      repository.repositoryId,
    )) {
      if (milestone.state !== "open" || milestone.deletedAt !== null || milestone.dueOn === null)
        continue;
      if (releaseDateFromDueOn(new Date(milestone.dueOn)) > horizon) continue;
      releases.push(await loadMilestoneStanding(store, repository, milestone, config, now));
    }
  }
  return releases.sort(
    (a, b) =>
      (a.releaseDate ?? "").localeCompare(b.releaseDate ?? "") ||
      a.repository.fullName.localeCompare(b.repository.fullName) ||
      a.milestone.number - b.milestone.number,
  );
}
