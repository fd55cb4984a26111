import { pino } from "pino";
import { Probot } from "probot";
import { appConnector } from "../../src/github/index.js";
import {
  type ReviewActivityJobOptions,
  reviewActivityJob,
  runDueJobs,
} from "../../src/schedule/index.js";
import type { Store } from "../../src/store/index.js";
import { APP_ID, TEST_PRIVATE_KEY, TestOctokit } from "../helpers/probot-server.js";

const MINUTE = 60_000;

/**
 * The review-activity job, ticking every minute as the scheduler would, through the devlake
 * week: Wednesday 2024-07-10 (each report seen for the first time) and Monday 2024-07-15 09:00
 * in Berlin (the week's reports), reaching GitHub with the app's credentials.
 */
export async function runReportWeek(
  store: Store,
  log: NonNullable<ReviewActivityJobOptions["log"]>,
) {
  const probot = new Probot({
    appId: APP_ID,
    privateKey: TEST_PRIVATE_KEY,
    Octokit: TestOctokit,
    log: pino({ level: "silent" }),
  });
  const job = reviewActivityJob({ store, connect: appConnector(probot), log });
  for (const [from, to] of [
    ["2024-07-10T12:00:00Z", "2024-07-10T12:10:00Z"],
    ["2024-07-15T06:55:00Z", "2024-07-15T07:05:00Z"],
  ] as const)
    for (let at = Date.parse(from); at <= Date.parse(to); at += MINUTE)
      await runDueJobs(store, [job], new Date(at), { owner: "server-1" });
}
