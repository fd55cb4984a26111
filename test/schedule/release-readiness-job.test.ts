import { Writable } from "node:stream";
import nock from "nock";
import { pino } from "pino";
import { Probot } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ConfigResult, parseConfig } from "../../src/config/index.js";
import {
  appConnector,
  dryRunTarget,
  type GitHubWrite,
  type InstallationConnection,
} from "../../src/github/index.js";
import { ingestDelivery } from "../../src/ingest/index.js";
import { releaseReadinessJob, runDueJobs } from "../../src/schedule/index.js";
import { kodiakChain } from "../helpers/fixtures.js";
import { fakeGitHub } from "../helpers/github/index.js";
import { APP_ID, TEST_PRIVATE_KEY, TestOctokit } from "../helpers/probot-server.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

const HOUR = 3_600_000;

/** PR #9 of the kodiak chain with changes requested and never approved: it cannot be on track by approval. */
async function seedUnapprovedPr9(store: Parameters<typeof ingestDelivery>[0]) {
  for (const delivery of kodiakChain().slice(0, 5)) await ingestDelivery(store, delivery);
}

/** A connection whose writes land in `writes`, stamped with the simulated time. */
function recordingConnection(
  clock: () => Date,
  config: ConfigResult = parseConfig(null),
): { connection: InstallationConnection; writes: (GitHubWrite & { at: string })[] } {
  const writes: (GitHubWrite & { at: string })[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      writes.push({ ...JSON.parse(String(chunk)), at: clock().toISOString() });
      done();
    },
  });
  const connection: InstallationConnection = {
    target: dryRunTarget(sink),
    loadConfig: async () => config,
    // The release job reads nothing else of GitHub: a read fails the test.
    request: async (route) => {
      throw new Error(`the release job read ${route}`);
    },
  };
  return { connection, writes };
}

/** Ticks the scheduler every hour from `from` to `to`, as startScheduler would, with no webhook. */
async function tickHourly(
  store: Parameters<typeof runDueJobs>[0],
  jobs: Parameters<typeof runDueJobs>[1],
  clock: { now: Date },
  to: string,
) {
  while (clock.now.getTime() < Date.parse(to)) {
    await runDueJobs(store, jobs, clock.now, { owner: "test-runner" });
    clock.now = new Date(clock.now.getTime() + HOUR);
  }
}

const checkRuns = (writes: (GitHubWrite & { at: string })[]) =>
  writes
    .filter((write) => write.path.includes("/check-runs"))
    .map((write) => `${write.at} ${write.method} ${write.body.conclusion}`);

describe("the daily release readiness job", () => {
  let ctx: TempStore;
  beforeEach(async () => {
    ctx = await tempStore();
    await seedUnapprovedPr9(ctx.store);
  });
  afterEach(async () => ctx.cleanup());

  it("moves PR #9 from on track to at risk to missed across a week, with no webhook", async () => {
    const clock = { now: new Date("2019-09-29T00:00:00Z") };
    const { connection, writes } = recordingConnection(() => clock.now);
    const job = releaseReadinessJob({
      store: ctx.store,
      connect: async () => connection,
      webUrl: "https://github.com",
    });
    await tickHourly(ctx.store, [job], clock, "2019-10-07T00:00:00Z");
    // Due Friday 2019-10-04, warning window 3 business days, team time zone UTC.
    expect(checkRuns(writes)).toEqual([
      // First tick only schedules the job; the next one finds the repository never evaluated.
      "2019-09-29T01:00:00.000Z POST success", // Sunday: 5 business days left
      "2019-09-30T00:00:00.000Z PATCH success", // Monday: 4 left
      "2019-10-01T00:00:00.000Z PATCH neutral", // Tuesday: 3 left, inside the window
      "2019-10-02T00:00:00.000Z PATCH neutral", // 2 left
      "2019-10-03T00:00:00.000Z PATCH neutral", // 1 left
      "2019-10-04T00:00:00.000Z PATCH neutral", // due today
      "2019-10-05T00:00:00.000Z PATCH failure", // Saturday: the release date has ended
    ]);
    // Nothing changes over the weekend once missed: no request on Sunday.
    expect(writes.filter((w) => w.at >= "2019-10-06")).toEqual([]);
  });

  it("re-evaluates at midnight in the team's time zone, not UTC's", async () => {
    const clock = { now: new Date("2019-10-03T00:00:00Z") };
    const config = parseConfig({ timezone: "America/Los_Angeles" });
    const { connection, writes } = recordingConnection(() => clock.now, config);
    const job = releaseReadinessJob({
      store: ctx.store,
      connect: async () => connection,
      webUrl: "https://github.com",
    });
    await tickHourly(ctx.store, [job], clock, "2019-10-06T00:00:00Z");
    // Los Angeles is UTC-7 in October: its midnights are at 07:00 UTC.
    expect(checkRuns(writes)).toEqual([
      "2019-10-03T01:00:00.000Z POST neutral", // Wednesday evening in LA: 2 business days left
      "2019-10-03T07:00:00.000Z PATCH neutral", // Thursday: 1 left
      "2019-10-04T07:00:00.000Z PATCH neutral", // Friday: due today
      "2019-10-05T07:00:00.000Z PATCH failure", // Friday has ended in Los Angeles
    ]);
  });

  it("survives a restart: a new process neither repeats nor skips a day", async () => {
    const clock = { now: new Date("2019-09-30T12:00:00Z") };
    const { connection, writes } = recordingConnection(() => clock.now);
    const options = {
      store: ctx.store,
      connect: async () => connection,
      webUrl: "https://github.com",
    };
    await tickHourly(ctx.store, [releaseReadinessJob(options)], clock, "2019-10-01T05:00:00Z");
    // "Restart": a new job object, the same database.
    await tickHourly(ctx.store, [releaseReadinessJob(options)], clock, "2019-10-02T05:00:00Z");
    expect(checkRuns(writes)).toEqual([
      "2019-09-30T13:00:00.000Z POST success",
      "2019-10-01T00:00:00.000Z PATCH neutral",
      "2019-10-02T00:00:00.000Z PATCH neutral",
    ]);
  });

  it("runs once when two processes look at the same time (the lease)", async () => {
    const at = new Date("2019-10-01T00:00:00Z");
    const { connection, writes } = recordingConnection(() => at);
    const job = releaseReadinessJob({
      store: ctx.store,
      connect: async () => connection,
      webUrl: "https://github.com",
    });
    await ctx.store.setNextRun(job.name, at.getTime(), null);
    const [a, b] = await Promise.all([
      runDueJobs(ctx.store, [job], at, { owner: "process-a" }),
      runDueJobs(ctx.store, [job], at, { owner: "process-b" }),
    ]);
    expect([...a, ...b]).toEqual(["release-readiness"]);
    expect(checkRuns(writes)).toHaveLength(1);
  });

  it("in the server, reaches each installation with the app's credentials (app.auth) and its config", async () => {
    nock.disableNetConnect();
    const github = fakeGitHub({ config: () => "release:\n  warn_within_business_days: 5\n" });
    try {
      const probot = new Probot({
        appId: APP_ID,
        privateKey: TEST_PRIVATE_KEY,
        Octokit: TestOctokit,
        log: pino({ level: "silent" }),
      });
      const job = releaseReadinessJob({
        store: ctx.store,
        connect: appConnector(probot),
        webUrl: "https://github.com",
      });
      const at = new Date("2019-09-30T12:00:00Z");
      await ctx.store.setNextRun(job.name, at.getTime(), null);
      expect(await runDueJobs(ctx.store, [job], at, { owner: "server" })).toEqual([
        "release-readiness",
      ]);
      // Monday: 4 business days left, inside the configured 5-day window.
      expect(github.checkRuns.map((run) => run.conclusion)).toEqual(["neutral"]);
      expect(github.reads[0]).toBe(
        "GET /repos/chdsbd/test_repo/contents/.github%2Fexpectations.yml",
      );
    } finally {
      github.stop();
      nock.enableNetConnect();
    }
  });
});
