import { Probot } from "probot";
import { appJwt } from "../../src/github/index.js";
import { appRequest, type HookDeliveries, hookDeliveries } from "../../src/recovery/index.js";
import type { Telemetry } from "../../src/telemetry/index.js";
import type { DeliveringGitHub } from "./github/index.js";
import { APP_ID, TEST_PRIVATE_KEY, TestOctokit } from "./probot-server.js";

/**
 * The delivering GitHub's list of the App's deliveries as `serve` reaches it: as the App, its JWT
 * from Probot. Waits are recorded in `sleeps` instead of waited.
 */
export function appDeliveries(
  github: DeliveringGitHub,
  options: { clock?: () => Date; sleeps?: number[]; telemetry?: Telemetry } = {},
): HookDeliveries {
  const probot = new Probot({
    appId: APP_ID,
    privateKey: TEST_PRIVATE_KEY,
    Octokit: TestOctokit,
    baseUrl: github.apiUrl,
  });
  return hookDeliveries(appRequest({ baseUrl: github.apiUrl, token: () => appJwt(probot) }), {
    clock: options.clock ?? (() => new Date()),
    sleep: async (ms) => {
      options.sleeps?.push(ms);
    },
    maxWaitMs: 5 * 60_000,
    ...(options.telemetry ? { telemetry: options.telemetry } : {}),
  });
}
