import type { Logger } from "pino";
import { type ConfigError, type ConfigResult, calendarFromConfig } from "../config/index.js";
import type { RepositoryRef } from "../github/index.js";
import {
  checkRunPublicationKey,
  closeIssue,
  type PublishContext,
  type PublishResult,
  writeCheckRun,
  writeIssueInParts,
} from "../publish/index.js";
import {
  configErrorCheck,
  dashboardMilestoneUrl,
  isReleasePullRequest,
  MILESTONE_ISSUE_LABEL,
  milestoneIssue,
  milestoneIssueKey,
  type PullRequestReadiness,
  pullRequestReadiness,
  type ReleaseCheckRun,
  recordGapNotice,
  releaseGateCheck,
  releaseGateExternalId,
  releaseReadinessCheck,
  releaseReadinessExternalId,
  retiredReleaseGateCheck,
} from "../release/index.js";
import type { MilestoneRow, PullRequestRow, RepositoryRecord } from "../store/index.js";
import type { Telemetry } from "../telemetry/index.js";

/** Which part of a repository to re-evaluate. */
export interface ReleaseReadinessScope {
  repository: RepositoryRecord;
  /** Pull requests whose `Release readiness` check is re-published. */
  pullRequestIds?: number[];
  /** Open pull requests with these head SHAs, too (check re-runs on forks name no pull request). */
  headShas?: string[];
  /** Milestones whose release gates and issue are re-published; the pull requests' own are added. */
  milestoneIds?: number[];
  /** A milestone changed: re-publish the readiness of every open pull request in it, too. */
  wholeMilestones?: boolean;
  /** Every open pull request and every milestone of the repository (the daily run). */
  everything?: boolean;
  /** Send check runs of the named pull requests even when unchanged (a re-run was requested). */
  force?: boolean;
}

export interface ReleaseReadinessOptions {
  /** Loaded only when something in scope needs it (one GitHub read per call at most). */
  config: () => Promise<ConfigResult>;
  /** `https://github.com` or the GitHub Enterprise host: where the links in checks and issues point. */
  webUrl: string;
  /** The app's public URL when the dashboard is on: checks link to the milestone's page there. */
  dashboardUrl?: string | undefined;
  log?: Logger;
  /** Told each publication's outcome. */
  telemetry?: Telemetry;
}

export interface ReleaseReadinessOutcome {
  /** False when nothing in scope concerns a release, so the config was not even loaded. */
  evaluated: boolean;
  configErrors: ConfigError[] | null;
  /** The team time zone used; null when not evaluated. */
  timezone: string | null;
  readiness: PullRequestReadiness[];
  writes: Record<PublishResult, number>;
}

function repositoryRef({ fullName, repositoryId }: RepositoryRecord): RepositoryRef {
  const [owner = "", repo = ""] = fullName.split("/");
  return { owner, repo, repositoryId };
}

function isUsable(milestone: MilestoneRow | undefined): milestone is MilestoneRow {
  return milestone !== undefined && milestone.deletedAt === null;
}

/**
 * Re-evaluates release readiness for part of a repository from the store alone and publishes
 * what changed: `Release readiness` checks, `Release gate` checks and milestone issues. Each
 * publication is diff-based, so re-running it with nothing changed sends nothing.
 */
export async function updateReleaseReadiness(
  context: PublishContext,
  scope: ReleaseReadinessScope,
  options: ReleaseReadinessOptions,
): Promise<ReleaseReadinessOutcome> {
  const { store, installationId } = context;
  const { repository } = scope;
  const repositoryId = repository.repositoryId;
  const ref = repositoryRef(repository);
  const repositoryUrl = `${options.webUrl}/${repository.fullName}`;
  const writes: Record<PublishResult, number> = { created: 0, updated: 0, unchanged: 0, closed: 0 };
  const outcome: ReleaseReadinessOutcome = {
    evaluated: false,
    configErrors: null,
    timezone: null,
    readiness: [],
    writes,
  };
  const inRepository = (pr: PullRequestRow | undefined): pr is PullRequestRow =>
    pr !== undefined && pr.repositoryId === repositoryId && pr.state === "open";

  // What is in scope, from the store.
  const requested = new Map<number, PullRequestRow>();
  const openPullRequests =
    scope.everything || (scope.headShas?.length ?? 0) > 0
      ? await store.listOpenPullRequests(installationId, repositoryId)
      : [];
  if (scope.everything) for (const pr of openPullRequests) requested.set(pr.pullRequestId, pr);
  for (const id of scope.pullRequestIds ?? []) {
    const pr = await store.getPullRequest(installationId, id);
    if (inRepository(pr)) requested.set(pr.pullRequestId, pr);
  }
  const shas = new Set(scope.headShas ?? []);
  for (const pr of openPullRequests) if (shas.has(pr.headSha)) requested.set(pr.pullRequestId, pr);

  const milestoneIds = new Set(scope.milestoneIds ?? []);
  if (scope.everything)
    for (const m of await store.listMilestones(installationId, repositoryId))
      milestoneIds.add(m.milestoneId);
  for (const pr of requested.values())
    if (pr.milestoneId !== null) milestoneIds.add(pr.milestoneId);
  const milestones = new Map<number, MilestoneRow>();
  const members = new Map<number, PullRequestRow[]>();
  for (const id of milestoneIds) {
    const milestone = await store.getMilestone(installationId, id);
    if (!milestone || milestone.repositoryId !== repositoryId) continue;
    milestones.set(id, milestone);
    members.set(id, await store.listMilestonePullRequests(installationId, id));
  }
  if (scope.wholeMilestones) {
    for (const list of members.values())
      for (const pr of list) if (inRepository(pr)) requested.set(pr.pullRequestId, pr);
  }
  const openMembers = (milestoneId: number) =>
    (members.get(milestoneId) ?? []).filter((pr) => pr.state === "open");

  const published = async (externalId: string, pr: PullRequestRow) =>
    (await store.getPublication(installationId, checkRunPublicationKey(externalId, pr.headSha))) !==
    undefined;
  const readinessCandidates: PullRequestRow[] = [];
  for (const pr of requested.values()) {
    const milestone = pr.milestoneId === null ? undefined : milestones.get(pr.milestoneId);
    const scheduled = isUsable(milestone) && milestone.dueOn !== null;
    if (scheduled || (await published(releaseReadinessExternalId(pr.nodeId), pr)))
      readinessCandidates.push(pr);
  }
  const gateCandidates = new Map<number, PullRequestRow>();
  for (const pr of requested.values()) gateCandidates.set(pr.pullRequestId, pr);
  for (const [id, milestone] of milestones)
    if (isUsable(milestone))
      for (const pr of openMembers(id)) gateCandidates.set(pr.pullRequestId, pr);
  const issueKnown = new Map<number, boolean>();
  for (const id of milestones.keys()) {
    const known = await store.getPublication(installationId, `issue:${milestoneIssueKey(id)}`);
    issueKnown.set(id, known?.state === "open");
  }
  const needsConfig =
    readinessCandidates.length > 0 ||
    [...gateCandidates.values()].some((pr) => pr.milestoneId !== null) ||
    [...issueKnown.values()].some(Boolean) ||
    (await anyAsync([...requested.values()], (pr) =>
      published(releaseGateExternalId(pr.nodeId), pr),
    ));
  if (!needsConfig) return outcome;

  const failures: unknown[] = [];
  const attempt = async (what: object, publish: () => Promise<PublishResult>) => {
    try {
      const result = await publish();
      writes[result] += 1;
      options.telemetry?.publication(result);
    } catch (error) {
      options.telemetry?.publication("failed");
      failures.push(error);
      // The first failure is thrown once the rest is done: the caller logs it, with its plan.
      options.log?.debug({ ...what, err: error }, "could not publish release readiness");
    }
  };
  const check = (content: ReleaseCheckRun, pr: PullRequestRow, milestone?: MilestoneRow) => {
    const { dashboardUrl } = options;
    const details =
      dashboardUrl && isUsable(milestone)
        ? {
            details_url: dashboardMilestoneUrl(dashboardUrl, repository.fullName, milestone.number),
          }
        : {};
    return attempt({ check: content.name, pull_request: pr.number }, () =>
      writeCheckRun(
        context,
        ref,
        { ...content, ...details },
        { force: scope.force && requested.has(pr.pullRequestId) },
      ),
    );
  };

  const loaded = await options.config();
  outcome.evaluated = true;
  if (!loaded.ok) {
    outcome.configErrors = loaded.errors;
    options.log?.warn(
      { repository: repository.fullName, errors: loaded.errors },
      ".github/expectations.yml is invalid; release readiness shows the errors instead",
    );
    for (const pr of readinessCandidates) await check(configErrorCheck(pr, loaded.errors), pr);
    return finish(outcome, failures);
  }
  const { config } = loaded;
  const calendar = calendarFromConfig(config);
  outcome.timezone = calendar.timezone;
  const rules = { calendar, warnWithinBusinessDays: config.release.warn_within_business_days };
  const now = new Date(context.now);
  // Where the record may be incomplete, what is published says so; verdicts stay as they are.
  const gaps = await store.listRecordGaps(installationId);
  const recordNotice = (since: number) =>
    recordGapNotice(gaps, { since, until: context.now }, calendar.timezone);

  const evaluatedIds = [...new Set([...requested.keys(), ...gateCandidates.keys()])];
  const [reviews, reviewRequests] = await Promise.all([
    store.listReviews(installationId, evaluatedIds),
    store.listReviewRequests(installationId, evaluatedIds),
  ]);
  const readiness = new Map<number, PullRequestReadiness>();
  const readinessOf = (pr: PullRequestRow): PullRequestReadiness => {
    let found = readiness.get(pr.pullRequestId);
    if (!found) {
      const milestone = pr.milestoneId === null ? undefined : milestones.get(pr.milestoneId);
      found = pullRequestReadiness(
        { pullRequest: pr, milestone, reviews, reviewRequests },
        rules,
        now,
      );
      readiness.set(pr.pullRequestId, found);
    }
    return found;
  };

  for (const pr of readinessCandidates) {
    const result = readinessOf(pr);
    outcome.readiness.push(result);
    // "Not scheduled" only corrects a check posted before; it is never news on its own.
    if (
      result.status === "not_scheduled" &&
      !(await published(releaseReadinessExternalId(pr.nodeId), pr))
    )
      continue;
    await check(
      releaseReadinessCheck(result, {
        timezone: calendar.timezone,
        warnWithinBusinessDays: rules.warnWithinBusinessDays,
        recordNotice: recordNotice(pr.createdAt),
      }),
      pr,
      result.milestone,
    );
  }

  for (const pr of gateCandidates.values()) {
    const gated = await published(releaseGateExternalId(pr.nodeId), pr);
    if (!isReleasePullRequest(pr, config.release.gate)) {
      if (gated) await check(retiredReleaseGateCheck(pr), pr);
      continue;
    }
    const milestone = pr.milestoneId === null ? undefined : milestones.get(pr.milestoneId);
    if (!isUsable(milestone) && !gated) continue;
    const pending = isUsable(milestone)
      ? openMembers(milestone.milestoneId)
          .filter((other) => other.pullRequestId !== pr.pullRequestId)
          .map(readinessOf)
      : [];
    await check(
      releaseGateCheck({
        pullRequest: pr,
        milestone: isUsable(milestone) ? milestone : undefined,
        pending,
        repositoryUrl,
      }),
      pr,
      milestone,
    );
  }

  if (config.release.milestone_issue) {
    for (const [id, milestone] of milestones) {
      const issue = { key: milestoneIssueKey(id), labels: [MILESTONE_ISSUE_LABEL] };
      const gone = milestone.deletedAt !== null || milestone.dueOn === null;
      if (gone || milestone.state === "closed") {
        if (issueKnown.get(id))
          await attempt({ milestone: milestone.number }, () =>
            closeIssue(context, ref, issue, gone ? "not_planned" : "completed"),
          );
        continue;
      }
      const open = openMembers(id);
      if (open.length === 0 && !issueKnown.get(id)) continue;
      const all = members.get(id) ?? [];
      await attempt({ milestone: milestone.number }, async () => {
        const content = milestoneIssue({
          milestone,
          open: open.map(readinessOf),
          merged: all.filter((pr) => pr.mergedAt !== null).length,
          closedUnmerged: all.filter((pr) => pr.state === "closed" && pr.mergedAt === null).length,
          repositoryUrl,
          calendar,
          now,
          recordNotice: recordNotice(Math.min(...all.map((pr) => pr.createdAt))),
        });
        // Thousands of open pull requests do not fit one body: the table continues in comments.
        return (await writeIssueInParts(context, ref, content, "Release readiness")).result;
      });
    }
  }
  return finish(outcome, failures);
}

async function anyAsync<T>(items: T[], test: (item: T) => Promise<boolean>): Promise<boolean> {
  for (const item of items) if (await test(item)) return true;
  return false;
}

/** Everything that could be published was; the first failure is raised so the caller retries. */
function finish(outcome: ReleaseReadinessOutcome, failures: unknown[]): ReleaseReadinessOutcome {
  if (failures.length > 0) throw failures[0];
  return outcome;
}
