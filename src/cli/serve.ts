import { hostname } from "node:os";
import { run } from "probot";
import { expectationsApp } from "../app.js";
import { backfillOnInstall, type Reaction, releaseReadinessReaction } from "../flows/index.js";
import { appConnector, expectationsOctokit, githubWebUrl } from "../github/index.js";
import {
  releaseReadinessJob,
  reviewActivityJob,
  type ScheduledJob,
  startScheduler,
} from "../schedule/index.js";
import { openStore } from "../store/index.js";

/** Runs the Probot server; without APP_ID, Probot's own setup flow registers the app. */
export async function serve(): Promise<void> {
  const store = await openStore();
  const webUrl = githubWebUrl(process.env);
  const reactions: Reaction[] = [
    releaseReadinessReaction({ store, webUrl }),
    // History for new installations and repositories, imported in the background.
    backfillOnInstall({
      store,
      days: positiveInteger(process.env.BACKFILL_DAYS),
      concurrency: positiveInteger(process.env.BACKFILL_CONCURRENCY),
    }).reaction,
  ];
  const app = expectationsApp({ store, reactions });
  await run(
    async (probot, options) => {
      await app(probot, options);
      // Jobs need the app's own credentials, so they start with the app, not in the setup flow.
      const jobs: ScheduledJob[] = [
        releaseReadinessJob({ store, webUrl, connect: appConnector(probot), log: probot.log }),
        // Each repository's or team's review-activity issue, on its reports.schedule.
        reviewActivityJob({ store, connect: appConnector(probot), log: probot.log }),
      ];
      startScheduler(store, jobs, {
        owner: `${hostname()}:${process.pid}`,
        onError: (error) => probot.log.error({ err: error }, "scheduled job failed"),
      });
    },
    { Octokit: expectationsOctokit() },
  );
}

function positiveInteger(value: string | undefined): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
