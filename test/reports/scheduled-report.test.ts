import nock from "nock";
import { pino } from "pino";
import { Probot } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appConnector } from "../../src/github/index.js";
import { type Delivery, ingestDelivery } from "../../src/ingest/index.js";
import {
  reviewActivityJob,
  reviewActivityRepositoryKey,
  runDueJobs,
} from "../../src/schedule/index.js";
import { readDeliveryStream } from "../helpers/fixtures.js";
import { fakeGitHub } from "../helpers/github/index.js";
import { APP_ID, TEST_PRIVATE_KEY, TestOctokit } from "../helpers/probot-server.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

// Weekly, Monday 09:00 in Berlin (07:00 UTC in summer), over the previous seven days.
const CONFIG = `timezone: Europe/Berlin
reports:
  schedule: "0 9 * * mon"
  period_days: 7
`;
const INSTALLATION = 1000002; // apache/incubator-devlake, a public repository
const REPOSITORY = 384111310;
const MINUTE = 60_000;

/** The scheduler's ticks, once a minute from `from` to `to`, as startScheduler runs them. */
async function tick(
  store: Parameters<typeof runDueJobs>[0],
  jobs: Parameters<typeof runDueJobs>[1],
  from: string,
  to: string,
) {
  for (let at = Date.parse(from); at <= Date.parse(to); at += MINUTE)
    await runDueJobs(store, jobs, new Date(at), { owner: "server-1" });
}

describe("the scheduled review-activity issue (live path, GitHub simulated by nock)", () => {
  let ctx: TempStore;
  let github: ReturnType<typeof fakeGitHub>;
  let deliveries: Delivery[];

  beforeEach(async () => {
    ctx = await tempStore();
    nock.disableNetConnect();
    github = fakeGitHub({ config: () => CONFIG });
    deliveries = readDeliveryStream("devlake-graphql-prs/deliveries.jsonl");
  });
  afterEach(async () => {
    github.stop();
    nock.enableNetConnect();
    await ctx.cleanup();
  });

  const ingestUntil = async (iso: string, keep: (d: Delivery) => boolean = () => true) => {
    for (const delivery of deliveries)
      if (delivery.receivedAt <= Date.parse(iso) && keep(delivery))
        await ingestDelivery(ctx.store, delivery);
  };

  it("creates one issue, updates it on a second run in the period, closes it the next period", async () => {
    const probot = new Probot({
      appId: APP_ID,
      privateKey: TEST_PRIVATE_KEY,
      Octokit: TestOctokit,
      log: pino({ level: "silent" }),
    });
    const job = reviewActivityJob({ store: ctx.store, connect: appConnector(probot) });
    // Reviews submitted on Friday 2024-07-12 reach us late (say, a webhook outage).
    const late = (d: Delivery) =>
      d.name === "pull_request_review" &&
      d.receivedAt >= Date.parse("2024-07-12T00:00:00Z") &&
      d.receivedAt < Date.parse("2024-07-13T00:00:00Z");
    await ingestUntil("2024-07-15T06:00:00Z", (d) => !late(d));

    // Wednesday: the job and the repository are seen for the first time and only scheduled.
    await tick(ctx.store, [job], "2024-07-10T12:00:00Z", "2024-07-10T12:10:00Z");
    expect(github.writes).toEqual([]);
    expect(await ctx.store.getNextRun(reviewActivityRepositoryKey(INSTALLATION, REPOSITORY))).toBe(
      Date.parse("2024-07-15T07:00:00Z"),
    );

    // Monday 09:00 Berlin: last week's report.
    await tick(ctx.store, [job], "2024-07-15T06:55:00Z", "2024-07-15T07:05:00Z");
    expect(github.writes.map((w) => `${w.method} ${w.path}`)).toEqual([
      "POST /repos/apache/incubator-devlake/issues",
    ]);
    const [created] = github.writes;
    expect(created?.body).toMatchObject({
      title: "Review activity: apache/incubator-devlake 8 – 15 July 2024",
      labels: ["review-activity"],
    });
    const firstBody = String(created?.body.body);
    expect(firstBody).toContain(
      "<!-- probot-expectations:review-activity:repository:apache/incubator-devlake:2024-07-08..2024-07-15 -->",
    );
    expect(firstBody).not.toContain("Previous report");

    // The late reviews arrive; the run is repeated in the same period (a restart before the next
    // time was stored): the same issue is edited, no second one is created.
    await ingestUntil("2024-07-15T07:30:00Z", late);
    await ctx.store.setNextRun(
      reviewActivityRepositoryKey(INSTALLATION, REPOSITORY),
      Date.parse("2024-07-15T07:00:00Z"),
      null,
    );
    await tick(ctx.store, [job], "2024-07-15T07:30:00Z", "2024-07-15T07:35:00Z");
    expect(github.writes.slice(1).map((w) => `${w.method} ${w.path}`)).toEqual([
      "PATCH /repos/apache/incubator-devlake/issues/1",
    ]);
    expect(String(github.writes[1]?.body.body)).not.toBe(firstBody);
    expect(github.issues).toHaveLength(1);

    // Nothing else happens during the week.
    await ingestUntil("2024-07-22T06:00:00Z");
    await tick(ctx.store, [job], "2024-07-19T12:00:00Z", "2024-07-19T12:10:00Z");
    expect(github.writes).toHaveLength(2);

    // Next Monday: a new issue linking the previous one, which is closed.
    await tick(ctx.store, [job], "2024-07-22T06:58:00Z", "2024-07-22T07:02:00Z");
    expect(github.writes.slice(2).map((w) => `${w.method} ${w.path}`)).toEqual([
      "POST /repos/apache/incubator-devlake/issues",
      "PATCH /repos/apache/incubator-devlake/issues/1",
    ]);
    expect(github.writes[2]?.body).toMatchObject({
      title: "Review activity: apache/incubator-devlake 15 – 22 July 2024",
    });
    expect(String(github.writes[2]?.body.body)).toContain("Previous report: #1.");
    expect(github.writes[3]?.body).toEqual({ state: "closed", state_reason: "completed" });
    expect(github.issues.map((issue) => [issue.number, issue.state])).toEqual([
      [1, "closed"],
      [2, "open"],
    ]);
    // The config is read only when something is due: Wednesday, twice on Monday, next Monday;
    // each time the repository's file and the organisation's (for its teams and targets).
    const configReads = github.reads.filter((read) => read.includes("expectations.yml"));
    expect(configReads.filter((read) => read.includes("/repos/apache/.github/"))).toHaveLength(4);
    expect(configReads).toHaveLength(8);
  });
});
