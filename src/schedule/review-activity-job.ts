import type { ExpectationsConfig } from "../config/index.js";
import { type PublishLog, postReviewActivityReport } from "../flows/index.js";
import type { InstallationConnection } from "../github/index.js";
import { type ReportScope, scheduledPeriod } from "../reports/index.js";
import type { JobScope, RepositoryRecord, Store } from "../store/index.js";
import { nextCronRun } from "../time/index.js";
import type { ScheduledJob } from "./job.js";

const REVIEW_ACTIVITY_JOB = "review-activity";
const LOOK_EVERY_MS = 5 * 60_000;
const HOUR_MS = 3_600_000;
// A repository with reports off, or a bad config, is looked at again a day later.
const RECHECK_MS = 24 * HOUR_MS;

export interface ReviewActivityJobOptions {
  store: Store;
  connect(installationId: number): Promise<InstallationConnection>;
  log?: PublishLog & { info?(details: object, message: string): void };
}

/** The persisted next time of a repository's report (or of its config check, for team repos). */
export function reviewActivityRepositoryKey(installationId: number, repositoryId: number): string {
  return `${REVIEW_ACTIVITY_JOB}:${installationId}:repository:${repositoryId}`;
}

function reviewActivityTeamKey(installationId: number, team: string): string {
  return `${REVIEW_ACTIVITY_JOB}:${installationId}:team:${team}`;
}

interface Target {
  key: string;
  /** Whose the persisted job is: removed with that installation or repository. */
  jobScope: JobScope;
  scope: ReportScope;
  repositories: RepositoryRecord[];
  members: readonly string[] | undefined;
  postTo: string;
}

/**
 * Posts each repository's (or, with `reports.teams`, each team's) review-activity issue on its
 * `reports.schedule`, in the team's time zone. It looks every five minutes; each report's next
 * time is kept in the store, so a restart neither skips nor repeats one, and a report seen for
 * the first time waits for its first scheduled time. Only due repositories cost a config read.
 */
export function reviewActivityJob(options: ReviewActivityJobOptions): ScheduledJob {
  const { store, log } = options;
  return {
    name: REVIEW_ACTIVITY_JOB,
    nextRunAfter: (after) =>
      new Date((Math.floor(after.getTime() / LOOK_EVERY_MS) + 1) * LOOK_EVERY_MS),
    async run(now) {
      const at = now.getTime();
      const suspended = new Set(
        (await store.listInstallations()).filter((i) => i.suspended).map((i) => i.installationId),
      );
      for (const installationId of await store.listInstallationIds()) {
        if (suspended.has(installationId)) continue;
        const repositories = await store.listRepositories(installationId);
        const due: RepositoryRecord[] = [];
        for (const repository of repositories) {
          const next = await store.getNextRun(
            reviewActivityRepositoryKey(installationId, repository.repositoryId),
          );
          if (next === undefined || next <= at) due.push(repository);
        }
        if (due.length === 0) continue;
        let connection: InstallationConnection;
        try {
          connection = await options.connect(installationId);
        } catch (error) {
          log?.error({ installation: installationId, err: error }, "cannot reach installation");
          continue;
        }
        for (const repository of due) {
          const repositoryKey = reviewActivityRepositoryKey(
            installationId,
            repository.repositoryId,
          );
          const repositoryScope = { installationId, repositoryId: repository.repositoryId };
          const firstLook = (await store.getNextRun(repositoryKey)) === undefined;
          const [owner = "", repo = ""] = repository.fullName.split("/");
          let config: ExpectationsConfig;
          try {
            const loaded = await connection.loadConfig({ owner, repo });
            if (!loaded.ok) {
              log?.warn(
                { repository: repository.fullName, errors: loaded.errors },
                "review-activity report skipped: .github/expectations.yml is invalid",
              );
              await store.setNextRun(repositoryKey, at + RECHECK_MS, at, repositoryScope);
              continue;
            }
            config = loaded.config;
          } catch (error) {
            log?.error({ repository: repository.fullName, err: error }, "cannot load config");
            await store.setNextRun(repositoryKey, at + HOUR_MS, at, repositoryScope);
            continue;
          }
          if (!config.reports.enabled) {
            await store.setNextRun(repositoryKey, at + RECHECK_MS, at, repositoryScope);
            continue;
          }
          const next = nextCronRun(config.reports.schedule, now, config.timezone).getTime();
          const targets = reportTargets(installationId, repository, repositories, config);
          for (const target of targets) {
            const targetNext =
              target.key === repositoryKey && !firstLook ? at : await store.getNextRun(target.key);
            if (targetNext === undefined) {
              // Seen for the first time: the first report comes at its first scheduled time.
              await store.setNextRun(target.key, next, null, target.jobScope);
              continue;
            }
            if (targetNext > at) continue;
            try {
              await runReport(options, connection, installationId, target, config, now);
              await store.setNextRun(target.key, next, at, target.jobScope);
            } catch (error) {
              log?.error(
                { report: target.scope.name, err: error },
                "review-activity report failed; retrying in an hour",
              );
              await store.setNextRun(target.key, at + HOUR_MS, at, target.jobScope);
            }
          }
          // A team's repository only tells when to look at the config (and the team) again.
          if (!targets.some((t) => t.key === repositoryKey))
            await store.setNextRun(
              repositoryKey,
              Math.min(next, at + RECHECK_MS),
              at,
              repositoryScope,
            );
        }
      }
    },
  };
}

/** One report per team listing this repository, or else one for the repository itself. */
function reportTargets(
  installationId: number,
  repository: RepositoryRecord,
  installed: readonly RepositoryRecord[],
  config: ExpectationsConfig,
): Target[] {
  const teams = Object.entries(config.reports.teams);
  if (teams.length === 0) {
    return [
      {
        key: reviewActivityRepositoryKey(installationId, repository.repositoryId),
        jobScope: { installationId, repositoryId: repository.repositoryId },
        scope: { kind: "repository", name: repository.fullName },
        repositories: [repository],
        members: config.team,
        postTo: config.reports.repository ?? repository.fullName,
      },
    ];
  }
  const byName = new Map(installed.map((r) => [r.fullName.toLowerCase(), r]));
  return teams
    .filter(([, team]) =>
      team.repos.some((name) => name.toLowerCase() === repository.fullName.toLowerCase()),
    )
    .map(([name, team]) => ({
      key: reviewActivityTeamKey(installationId, name),
      jobScope: { installationId, repositoryId: null },
      scope: { kind: "team" as const, name },
      repositories: team.repos.flatMap((r) => byName.get(r.toLowerCase()) ?? []),
      members: team.members.length > 0 ? team.members : config.team,
      postTo: config.reports.repository ?? (team.repos[0] as string),
    }));
}

async function runReport(
  options: ReviewActivityJobOptions,
  connection: InstallationConnection,
  installationId: number,
  target: Target,
  config: ExpectationsConfig,
  now: Date,
): Promise<void> {
  const published = await postReviewActivityReport(
    { store: options.store, target: connection.target, installationId, now: now.getTime() },
    {
      scope: target.scope,
      repositories: target.repositories,
      period: scheduledPeriod(config, now),
      config,
      members: target.members,
    },
    target.postTo,
  );
  options.log?.info?.(
    { report: target.scope.name, issue: published.issue, result: published.result },
    "review-activity report published",
  );
}
