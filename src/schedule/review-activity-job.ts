import type { Logger } from "pino";
import { type ConfigResult, ORGANIZATION_REPOSITORY } from "../config/index.js";
import {
  type GitHubTeam,
  learnGitHubTeams,
  postReviewActivityReport,
  resolveGitHubTeams,
} from "../flows/index.js";
import type { InstallationConnection } from "../github/index.js";
import { earlierScheduledPeriods, scheduledPeriod, TREND_PERIODS } from "../reports/index.js";
import type { RepositoryRecord, Store } from "../store/index.js";
import type { Telemetry } from "../telemetry/index.js";
import { nextCronRun } from "../time/index.js";
import type { ScheduledJob } from "./job.js";
import {
  REVIEW_ACTIVITY_JOB,
  type ReportTarget,
  reportTargets,
  reviewActivityRepositoryKey,
} from "./report-targets.js";

const LOOK_EVERY_MS = 5 * 60_000;
const HOUR_MS = 3_600_000;
// A repository with reports off, or a bad config, is looked at again a day later.
const RECHECK_MS = 24 * HOUR_MS;

export interface ReviewActivityJobOptions {
  store: Store;
  connect(installationId: number): Promise<InstallationConnection>;
  log?: Logger;
  telemetry?: Telemetry;
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
        // The owner's `.github` file: the only one whose teams and report targets count.
        const organizations = new Map<string, Promise<ConfigResult>>();
        const organizationOf = (owner: string) => {
          const key = owner.toLowerCase();
          let loaded = organizations.get(key);
          if (!loaded) {
            loaded = connection.loadConfig({ owner, repo: ORGANIZATION_REPOSITORY });
            organizations.set(key, loaded);
            void loaded.then(
              (result) => {
                if (!result.ok)
                  log?.warn(
                    { owner, errors: result.errors },
                    `team reports skipped: ${owner}/${ORGANIZATION_REPOSITORY}'s .github/expectations.yml is invalid`,
                  );
              },
              () => undefined,
            );
          }
          return loaded;
        };
        // The organisation's GitHub teams (and CODEOWNERS, for teams that take owners from it):
        // read from GitHub only the first time they are named.
        const teamsOf = new Map<string, Promise<Map<string, GitHubTeam>>>();
        const githubTeamsOf = (owner: string, organization: ConfigResult) => {
          const key = owner.toLowerCase();
          let found = teamsOf.get(key);
          if (!found) {
            found = (async () => {
              if (!organization.ok) return new Map<string, GitHubTeam>();
              const { config } = organization;
              const learned = await learnGitHubTeams(
                store,
                connection,
                installationId,
                owner,
                config,
                repositories,
                at,
              );
              if (learned.read.length > 0)
                log?.info?.({ owner, teams: learned.read }, "GitHub teams read");
              if (learned.missing.length > 0)
                log?.warn(
                  { owner, teams: learned.missing },
                  `github_team in ${owner}/${ORGANIZATION_REPOSITORY}'s .github/expectations.yml names a team GitHub does not know; its report is skipped`,
                );
              return resolveGitHubTeams(store, installationId, config, repositories);
            })();
            teamsOf.set(key, found);
          }
          return found;
        };
        for (const repository of due) {
          const repositoryKey = reviewActivityRepositoryKey(
            installationId,
            repository.repositoryId,
          );
          const repositoryScope = { installationId, repositoryId: repository.repositoryId };
          const firstLook = (await store.getNextRun(repositoryKey)) === undefined;
          const [owner = "", repo = ""] = repository.fullName.split("/");
          let own: ConfigResult;
          let organization: ConfigResult;
          let githubTeams: Map<string, GitHubTeam>;
          try {
            own = await connection.loadConfig({
              owner,
              repo,
              repositoryId: repository.repositoryId,
            });
            organization = await organizationOf(owner);
            githubTeams = await githubTeamsOf(owner, organization);
          } catch (error) {
            log?.error({ repository: repository.fullName, err: error }, "cannot load config");
            await store.setNextRun(repositoryKey, at + HOUR_MS, at, repositoryScope);
            continue;
          }
          if (!own.ok)
            log?.warn(
              { repository: repository.fullName, errors: own.errors },
              "review-activity report skipped: .github/expectations.yml is invalid",
            );
          const targets = reportTargets(
            installationId,
            repository,
            repositories,
            own,
            organization,
            githubTeams,
          );
          if (targets.length === 0) {
            await store.setNextRun(repositoryKey, at + RECHECK_MS, at, repositoryScope);
            continue;
          }
          let soonest = at + RECHECK_MS;
          for (const target of targets) {
            const { schedule } = target.config.reports;
            const next = nextCronRun(schedule, now, target.config.timezone).getTime();
            soonest = Math.min(soonest, next);
            const targetNext =
              target.key === repositoryKey && !firstLook ? at : await store.getNextRun(target.key);
            if (targetNext === undefined) {
              // Seen for the first time: the first report comes at its first scheduled time.
              await store.setNextRun(target.key, next, null, target.jobScope);
              continue;
            }
            if (targetNext > at) continue;
            try {
              await runReport(options, connection, installationId, target, now);
              await store.setNextRun(target.key, next, at, target.jobScope);
            } catch (error) {
              options.telemetry?.publication("failed");
              log?.error(
                { report: target.scope.name, err: error },
                "review-activity report failed; retrying in an hour",
              );
              await store.setNextRun(target.key, at + HOUR_MS, at, target.jobScope);
            }
          }
          // A team's repository only tells when to look at the config (and the team) again.
          if (!targets.some((t) => t.key === repositoryKey))
            await store.setNextRun(repositoryKey, soonest, at, repositoryScope);
        }
      }
    },
  };
}

async function runReport(
  options: ReviewActivityJobOptions,
  connection: InstallationConnection,
  installationId: number,
  target: ReportTarget,
  now: Date,
): Promise<void> {
  const { config } = target;
  const period = scheduledPeriod(config, now);
  const published = await postReviewActivityReport(
    { store: options.store, target: connection.target, installationId, now: now.getTime() },
    {
      scope: target.scope,
      repositories: target.repositories,
      period,
      config,
      members: target.members,
      memberSpans: target.memberSpans,
      earlierPeriods: earlierScheduledPeriods(config, period, TREND_PERIODS - 1),
    },
    target.postTo,
  );
  options.telemetry?.publication(published.result);
  options.log?.info?.(
    { report: target.scope.name, issue: published.issue, result: published.result },
    "review-activity report published",
  );
}
