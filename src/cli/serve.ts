import { hostname } from "node:os";
import { run } from "probot";
import { expectationsApp } from "../app.js";
import {
  backfillOnInstall,
  type Reaction,
  releaseReadinessReaction,
  rememberSettings,
} from "../flows/index.js";
import { appConnector, expectationsOctokit, githubWebUrl } from "../github/index.js";
import {
  releaseReadinessJob,
  reviewActivityJob,
  type ScheduledJob,
  startScheduler,
} from "../schedule/index.js";
import { openStore } from "../store/index.js";
import { dashboardHandler, dashboardSettings } from "../web/index.js";
import { serverLog } from "./server-log.js";

/** Runs the Probot server; without APP_ID, Probot's own setup flow registers the app. */
export async function serve(): Promise<void> {
  // A dashboard misconfigured (a short SESSION_SECRET) stops the start, before anything runs.
  const dashboard = dashboardSettings(process.env);
  const log = await serverLog(process.env);
  const store = openStore();
  const webUrl = githubWebUrl(process.env);
  const dashboardUrl = dashboard.on ? (dashboard.settings.publicUrl ?? undefined) : undefined;
  if (!dashboard.on) log.info(dashboard.reason);
  const reactions: Reaction[] = [
    releaseReadinessReaction({ store, webUrl, dashboardUrl }),
    // History for new installations and repositories, imported in the background.
    backfillOnInstall({
      store,
      days: positiveInteger(process.env.BACKFILL_DAYS),
      concurrency: positiveInteger(process.env.BACKFILL_CONCURRENCY),
    }).reaction,
  ];
  const app = expectationsApp({
    store,
    reactions,
    routes: dashboard.on ? [dashboardHandler({ store, settings: dashboard.settings, log })] : [],
  });
  await run(
    async (probot, options) => {
      await app(probot, options);
      // Jobs need the app's own credentials, so they start with the app, not in the setup flow.
      const installation = appConnector(probot);
      // The settings the jobs read are kept for the dashboard, which never reads GitHub itself.
      const connect = async (installationId: number) =>
        rememberSettings(store, installationId, await installation(installationId), Date.now);
      const jobs: ScheduledJob[] = [
        releaseReadinessJob({ store, webUrl, dashboardUrl, connect, log: probot.log }),
        // Each repository's or team's review-activity issue, on its reports.schedule.
        reviewActivityJob({ store, connect, log: probot.log }),
      ];
      startScheduler(store, jobs, {
        owner: `${hostname()}:${process.pid}`,
        onError: (error) => probot.log.error({ err: error }, "scheduled job failed"),
      });
    },
    { Octokit: expectationsOctokit(), log },
  );
}

function positiveInteger(value: string | undefined): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
