import type { Logger } from "pino";
import {
  type ConfigError,
  type ConfigResult,
  calendarFromConfig,
  type ExpectationsConfig,
} from "../config/index.js";
import type { RepositoryRef } from "../github/index.js";
import { type PublishContext, type PublishResult, writeCheckRun } from "../publish/index.js";
import {
  configErrorCheck,
  dashboardMilestoneUrl,
  type PullRequestReadiness,
  pullRequestReadiness,
  type ReleaseCheckRun,
  recordGapNotice,
} from "../release/index.js";
import type { MilestoneRow, PullRequestRow, RepositoryRecord } from "../store/index.js";
import type { Telemetry } from "../telemetry/index.js";
import type { BusinessCalendar } from "../time/index.js";
import {
  isUsable,
  loadReleaseScope,
  type ReleaseReadinessScope,
  type ReleaseScope,
} from "./load-release-scope.js";
import { updateMilestoneIssues } from "./update-milestone-issues.js";
import { updateReadinessChecks } from "./update-readiness-checks.js";
import { updateReleaseGates } from "./update-release-gates.js";

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

/** What the three publishers share: the scope read, the rules, and how to write and count. */
export interface ReleaseUpdate {
  context: PublishContext;
  ref: RepositoryRef;
  scope: ReleaseScope;
  config: ExpectationsConfig;
  calendar: BusinessCalendar;
  warnWithinBusinessDays: number;
  repositoryUrl: string;
  now: Date;
  /** Each pull request's readiness, evaluated once. */
  readinessOf(pr: PullRequestRow): PullRequestReadiness;
  /** What the record's gaps since then mean for what is published. */
  recordNotice(since: number): ReturnType<typeof recordGapNotice>;
  /** Publishes a check run (linked to the milestone's dashboard page when there is one). */
  check(content: ReleaseCheckRun, pr: PullRequestRow, milestone?: MilestoneRow): Promise<void>;
  /** Publishes one thing, counted; a failure is kept for the end and the rest goes on. */
  attempt(what: object, publish: () => Promise<PublishResult>): Promise<void>;
}

function repositoryRef({ fullName, repositoryId }: RepositoryRecord): RepositoryRef {
  const [owner = "", repo = ""] = fullName.split("/");
  return { owner, repo, repositoryId };
}

/** How one evaluation writes: each write counted and told, failures kept to raise at the end. */
function writers(
  context: PublishContext,
  scope: ReleaseReadinessScope,
  requested: ReleaseScope["requested"],
  options: ReleaseReadinessOptions,
  outcome: ReleaseReadinessOutcome,
  failures: unknown[],
): Pick<ReleaseUpdate, "attempt" | "check"> {
  const { repository } = scope;
  const attempt = async (what: object, publish: () => Promise<PublishResult>) => {
    try {
      const result = await publish();
      outcome.writes[result] += 1;
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
        repositoryRef(repository),
        { ...content, ...details },
        { force: scope.force && requested.has(pr.pullRequestId) },
      ),
    );
  };
  return { attempt, check };
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
  const outcome: ReleaseReadinessOutcome = {
    evaluated: false,
    configErrors: null,
    timezone: null,
    readiness: [],
    writes: { created: 0, updated: 0, unchanged: 0, closed: 0 },
  };
  const loaded = await loadReleaseScope(context, scope);
  if (!loaded.needsConfig) return outcome;
  const failures: unknown[] = [];
  const { attempt, check } = writers(context, scope, loaded.requested, options, outcome, failures);

  const result = await options.config();
  outcome.evaluated = true;
  if (!result.ok) {
    outcome.configErrors = result.errors;
    options.log?.warn(
      { repository: repository.fullName, errors: result.errors },
      ".github/expectations.yml is invalid; release readiness shows the errors instead",
    );
    for (const pr of loaded.readinessCandidates)
      await check(configErrorCheck(pr, result.errors), pr);
    return finish(outcome, failures);
  }
  const { config } = result;
  const calendar = calendarFromConfig(config);
  outcome.timezone = calendar.timezone;
  const warnWithinBusinessDays = config.release.warn_within_business_days;
  const now = new Date(context.now);
  // Where the record may be incomplete, what is published says so; verdicts stay as they are.
  const gaps = await store.listRecordGaps(installationId);
  const evaluatedIds = [...new Set([...loaded.requested.keys(), ...loaded.gateCandidates.keys()])];
  const [reviews, reviewRequests] = await Promise.all([
    store.listReviews(installationId, evaluatedIds),
    store.listReviewRequests(installationId, evaluatedIds),
  ]);
  const readiness = new Map<number, PullRequestReadiness>();
  const update: ReleaseUpdate = {
    context,
    ref: repositoryRef(repository),
    scope: loaded,
    config,
    calendar,
    warnWithinBusinessDays,
    repositoryUrl: `${options.webUrl}/${repository.fullName}`,
    now,
    readinessOf: (pr) => {
      let found = readiness.get(pr.pullRequestId);
      if (!found) {
        const milestone =
          pr.milestoneId === null ? undefined : loaded.milestones.get(pr.milestoneId);
        found = pullRequestReadiness(
          { pullRequest: pr, milestone, reviews, reviewRequests },
          { calendar, warnWithinBusinessDays },
          now,
        );
        readiness.set(pr.pullRequestId, found);
      }
      return found;
    },
    recordNotice: (since) =>
      recordGapNotice(gaps, { since, until: context.now }, calendar.timezone),
    check,
    attempt,
  };
  outcome.readiness.push(...(await updateReadinessChecks(update)));
  await updateReleaseGates(update);
  await updateMilestoneIssues(update);
  return finish(outcome, failures);
}

/** Everything that could be published was; the first failure is raised so the caller retries. */
function finish(outcome: ReleaseReadinessOutcome, failures: unknown[]): ReleaseReadinessOutcome {
  if (failures.length > 0) throw failures[0];
  return outcome;
}
