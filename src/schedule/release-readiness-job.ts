import type { Logger } from "pino";
import { updateReleaseReadiness } from "../flows/index.js";
import type { InstallationConnection } from "../github/index.js";
import type { Store } from "../store/index.js";
import type { Telemetry } from "../telemetry/index.js";
import { createCalendar } from "../time/index.js";
import type { ScheduledJob } from "./job.js";

const RELEASE_READINESS_JOB = "release-readiness";
const HOUR_MS = 3_600_000;

export interface ReleaseReadinessJobOptions {
  store: Store;
  connect(installationId: number): Promise<InstallationConnection>;
  /** `https://github.com` or the GitHub Enterprise host (see githubWebUrl). */
  webUrl: string;
  /** The app's public URL when the dashboard is on (checks link to the milestone's page). */
  dashboardUrl?: string | undefined;
  log?: Logger;
  telemetry?: Telemetry;
}

/** The persisted time a repository is next due: the next local midnight of its team. */
function repositoryJobKey(installationId: number, repositoryId: number): string {
  return `${RELEASE_READINESS_JOB}:${installationId}:${repositoryId}`;
}

function nextLocalMidnight(timezone: string, now: Date): Date {
  const calendar = createCalendar({ timezone });
  return calendar.endOfDay(calendar.localDate(now));
}

/**
 * Moves pull requests from on track to at risk to missed as days pass, with no event needed.
 * It looks every hour, and re-evaluates each repository once a day, right after midnight in
 * that repository's configured time zone (when verdicts can change); each repository's next
 * time is kept in the store, so restarts neither skip nor repeat a day.
 */
export function releaseReadinessJob(options: ReleaseReadinessJobOptions): ScheduledJob {
  const { store } = options;
  return {
    name: RELEASE_READINESS_JOB,
    nextRunAfter: (after) => new Date((Math.floor(after.getTime() / HOUR_MS) + 1) * HOUR_MS),
    async run(now) {
      const suspended = new Set(
        (await store.listInstallations())
          .filter((installation) => installation.suspended)
          .map((installation) => installation.installationId),
      );
      for (const installationId of await store.listInstallationIds()) {
        if (suspended.has(installationId)) continue;
        const due = [];
        for (const repository of await store.listRepositories(installationId)) {
          const next = await store.getNextRun(
            repositoryJobKey(installationId, repository.repositoryId),
          );
          if (next === undefined || next <= now.getTime()) due.push(repository);
        }
        if (due.length === 0) continue;
        let connection: InstallationConnection;
        try {
          connection = await options.connect(installationId);
        } catch (error) {
          options.log?.error(
            { installation: installationId, err: error },
            "cannot reach installation",
          );
          continue;
        }
        for (const repository of due) {
          const [owner = "", repo = ""] = repository.fullName.split("/");
          try {
            const outcome = await updateReleaseReadiness(
              { store, target: connection.target, installationId, now: now.getTime() },
              { repository, everything: true },
              {
                config: () =>
                  connection.loadConfig({ owner, repo, repositoryId: repository.repositoryId }),
                webUrl: options.webUrl,
                dashboardUrl: options.dashboardUrl,
                ...(options.log ? { log: options.log } : {}),
                ...(options.telemetry ? { telemetry: options.telemetry } : {}),
              },
            );
            await store.setNextRun(
              repositoryJobKey(installationId, repository.repositoryId),
              nextLocalMidnight(outcome.timezone ?? "UTC", now).getTime(),
              now.getTime(),
              { installationId, repositoryId: repository.repositoryId },
            );
          } catch (error) {
            // Left due, so the next hourly look retries this repository only; other jobs still run.
            options.log?.error(
              { repository: repository.fullName, err: error },
              "daily release readiness failed",
            );
          }
        }
      }
    },
  };
}
