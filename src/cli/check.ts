import { calendarFromConfig, type ExpectationsConfig } from "../config/index.js";
import {
  describeWaitingOn,
  formatReleaseDate,
  type PullRequestReadiness,
  pullRequestReadiness,
} from "../release/index.js";
import type { ActivityReads, MilestoneRow } from "../store/index.js";
import { releaseDateFromDueOn } from "../time/index.js";
import { readingCommandInputs, resolveRepository } from "./local-store-inputs.js";
import { UsageError } from "./usage-error.js";

export interface CheckOptions {
  repo: string;
  milestone?: string;
  now?: string;
  db?: string;
  config?: string;
}

const VERDICT: Record<PullRequestReadiness["status"], string> = {
  on_track: "on track",
  at_risk: "at risk",
  missed: "missed",
  not_scheduled: "not scheduled",
};

/** Each open pull request's release verdict, from the store alone, as lines of text. */
export async function releaseVerdicts(
  store: ActivityReads,
  options: CheckOptions,
  config: ExpectationsConfig,
  now: Date,
): Promise<string[]> {
  const repository = await resolveRepository(store, options.repo);
  const { installationId } = repository;
  const calendar = calendarFromConfig(config);
  const rules = { calendar, warnWithinBusinessDays: config.release.warn_within_business_days };
  const all = (await store.listMilestones(installationId, repository.repositoryId)).filter(
    (milestone) => milestone.deletedAt === null,
  );
  let milestones: MilestoneRow[];
  if (options.milestone !== undefined) {
    const wanted = options.milestone.trim().toLowerCase();
    milestones = all.filter((milestone) => milestone.title.trim().toLowerCase() === wanted);
    if (milestones.length === 0) {
      const known = all.map((milestone) => `"${milestone.title}"`).join(", ") || "none";
      throw new UsageError(
        `--milestone: no milestone "${options.milestone}" in ${repository.fullName} (known: ${known})`,
      );
    }
  } else {
    milestones = all.filter((milestone) => milestone.state === "open" && milestone.dueOn !== null);
  }
  if (milestones.length === 0)
    return [`${repository.fullName}: no open milestone with a due date.`];
  const lines: string[] = [];
  for (const milestone of milestones) {
    const open = (
      await store.listMilestonePullRequests(installationId, milestone.milestoneId)
    ).filter((pr) => pr.state === "open");
    const ids = open.map((pr) => pr.pullRequestId);
    const [reviews, reviewRequests] = await Promise.all([
      store.listReviews(installationId, ids),
      store.listReviewRequests(installationId, ids),
    ]);
    let heading = `${repository.fullName} · ${milestone.title}`;
    if (milestone.dueOn === null) heading += " · no due date";
    else {
      const date = releaseDateFromDueOn(new Date(milestone.dueOn));
      heading += ` · due ${formatReleaseDate(date)} (end of day, ${calendar.timezone})`;
      if (now < calendar.endOfDay(date))
        heading += ` · ${calendar.businessDaysBetween(calendar.localDate(now), date)} business days left`;
      else heading += " · release date passed";
    }
    if (milestone.state === "closed") heading += " · closed";
    lines.push(heading);
    if (open.length === 0) lines.push("  no open pull requests");
    for (const pr of open) {
      const readiness = pullRequestReadiness(
        { pullRequest: pr, milestone, reviews, reviewRequests },
        rules,
        now,
      );
      const waiting = describeWaitingOn(readiness.waitingOn).replace(/`/g, "");
      lines.push(
        `  #${String(pr.number).padEnd(6)} ${readiness.conclusion.padEnd(8)} ${VERDICT[readiness.status].padEnd(14)} waiting on ${waiting} · ${pr.title}`,
      );
    }
  }
  return lines;
}

/** `expectations check`: prints each open pull request's release verdict. */
export async function check(options: CheckOptions): Promise<number> {
  const { config, now, store } = await readingCommandInputs(options);
  try {
    const lines = await releaseVerdicts(store, options, config, now);
    process.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
