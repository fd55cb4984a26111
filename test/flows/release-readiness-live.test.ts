import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { expectationsApp } from "../../src/app.js";
import { replay } from "../../src/cli/replay.js";
import { settingsFromText } from "../../src/config/index.js";
import {
  type PublishQueueWorkers,
  publishQueueWorkers,
  rememberSettings,
} from "../../src/flows/index.js";
import { appConnector } from "../../src/github/index.js";
import { ingestDelivery } from "../../src/ingest/index.js";
import { kodiakChain, readJson } from "../helpers/fixtures.js";
import { fakeGitHub } from "../helpers/github/index.js";
import { APP_ID, postDelivery, startServer, TEST_PRIVATE_KEY } from "../helpers/probot-server.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

// biome-ignore lint/suspicious/noExplicitAny: recorded payloads are edited field by field in these tests.
type Payload = Record<string, any>;
const clone = <T>(value: T): T => structuredClone(value);

const OPENED = readJson(
  "kodiak-deliveries/pull_request/opened_reviewers_assignees_milestone_project.json",
) as Payload;
const MILESTONE = clone(OPENED.pull_request.milestone) as Payload;
const PR9_SHA = "da14dfc294d49d554f189965f9abd4ed9eea524e";

/**
 * Production retries (5xx retried by Octokit) with a 1 ms base delay; throttling off for speed.
 * A function, because Probot passes its own `throttle` options, which would replace an object default.
 */
const RetryingOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { retryAfterBaseValue: 1 },
  throttle: { ...(options.throttle as object), enabled: false },
}));

function withoutMilestone(payload: Payload): Payload {
  const copy = clone(payload);
  copy.pull_request.milestone = null;
  return copy;
}

/** PR #9 as kodiak recorded it up to the changes request, but not in any milestone yet. */
async function seedUnscheduledPr9(store: Parameters<typeof ingestDelivery>[0]) {
  const [opened, requested, , changes] = kodiakChain();
  for (const delivery of [opened, requested, changes]) {
    if (!delivery) continue;
    await ingestDelivery(store, {
      ...delivery,
      payload: withoutMilestone(delivery.payload as Payload),
    });
  }
}

function milestoned(at = "2019-05-01T03:28:00Z"): Payload {
  const payload = clone(OPENED);
  payload.action = "milestoned";
  payload.pull_request.updated_at = at;
  payload.milestone = clone(MILESTONE);
  return payload;
}

function demilestoned(): Payload {
  const payload = withoutMilestone(OPENED);
  payload.action = "demilestoned";
  payload.pull_request.updated_at = "2019-05-03T00:00:00Z";
  payload.milestone = clone(MILESTONE);
  return payload;
}

function milestoneEvent(action: string, changes: Payload, at: string): Payload {
  return {
    action,
    milestone: { ...clone(MILESTONE), ...changes, updated_at: at },
    repository: OPENED.repository,
    sender: OPENED.sender,
    installation: OPENED.installation,
  };
}

/** A release pull request (#12, head `release/1.0`) in the same milestone. */
function releasePr(action: string, at: string): Payload {
  const payload = clone(OPENED);
  payload.action = action;
  Object.assign(payload.pull_request, {
    id: 900000012,
    node_id: "MDExOlB1bGxSZXF1ZXN0OTAwMDAwMDEy",
    number: 12,
    title: "Release 1.0",
    created_at: at,
    updated_at: at,
    requested_reviewers: [],
  });
  payload.pull_request.head = {
    ...payload.pull_request.head,
    ref: "release/1.0",
    sha: "1".repeat(40),
  };
  return payload;
}

describe("release readiness on the live path (Probot + nock)", () => {
  let ctx: TempStore;
  let github: ReturnType<typeof fakeGitHub>;
  let probot: InstanceType<typeof Probot>;
  let queue: PublishQueueWorkers;
  let now: Date;
  let config: string | null;
  let deliveries = 0;

  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    ctx = await tempStore();
    now = new Date("2019-10-02T12:00:00Z");
    config = null;
    github = fakeGitHub({ config: () => config });
    ({ app: probot, queue } = await loadApp());
    await seedUnscheduledPr9(ctx.store);
  });

  /** The app on Probot, with the dashboard's public URL when it is on, and its publish queue. */
  async function loadApp(dashboardUrl?: string) {
    const app = new Probot({
      appId: APP_ID,
      privateKey: TEST_PRIVATE_KEY,
      secret: "unused",
      Octokit: RetryingOctokit,
      log: pino({ level: "silent" }),
    });
    const connect = appConnector(app);
    const queue = publishQueueWorkers({
      store: ctx.store,
      // As serve does: the settings the workers read are kept for the dashboard.
      connect: async (installationId) =>
        rememberSettings(ctx.store, installationId, await connect(installationId), () =>
          now.getTime(),
        ),
      webUrl: "https://github.com",
      dashboardUrl,
      owner: "test",
      clock: () => now,
    });
    await app.load(
      expectationsApp({ store: ctx.store, clock: () => now, reactions: [queue.reaction] }),
      { cwd: process.cwd(), addHandler: () => {} },
    );
    return { app, queue };
  }
  afterEach(async () => {
    github.stop();
    await ctx.cleanup();
  });

  /** A delivery recorded, then what it queued published (the workers' part, done here at once). */
  const receive = async (name: string, payload: Payload, id = `delivery-${++deliveries}`) => {
    await probot.receive({ id, name, payload } as Parameters<typeof probot.receive>[0]);
    await queue.drain();
  };
  const checkWrites = () => github.writes.filter((w) => w.path.includes("/check-runs"));

  it("milestoned: creates the check run on the head SHA, and the milestone issue", async () => {
    await receive("pull_request", milestoned());
    expect(github.writes.map((w) => `${w.method} ${w.path} ${w.status}`)).toEqual([
      "POST /repos/chdsbd/test_repo/check-runs 201",
      "POST /repos/chdsbd/test_repo/issues 201",
    ]);
    // Wednesday 2019-10-02 to Friday 2019-10-04: 2 business days left, changes requested.
    expect(github.writes[0]?.body).toMatchObject({
      name: "Release readiness",
      head_sha: PR9_SHA,
      external_id: "release-readiness:MDExOlB1bGxSZXF1ZXN0Mjc0OTQ4MjMy",
      status: "completed",
      conclusion: "neutral",
      completed_at: "2019-10-02T12:00:00.000Z",
      output: {
        title: "At risk for test milestone: due in 2 business days, waiting on requested changes",
      },
    });
    expect(github.issues[0]?.title).toBe("Release readiness: test milestone");
  });

  it("the same event again makes no write (a redelivery with the same id makes no request at all)", async () => {
    await receive("pull_request", milestoned(), "same-id");
    const writes = github.writes.length;
    const reads = github.reads.length;
    // Later the same day: the check's `completed_at` would differ, its content does not.
    now = new Date("2019-10-02T16:30:00Z");
    await receive("pull_request", milestoned(), "another-id");
    expect(github.writes).toHaveLength(writes);
    // A new delivery id re-reads .github/expectations.yml (repo, then org fallback), nothing else.
    expect(github.reads.slice(reads).every((read) => read.includes("expectations.yml"))).toBe(true);
    await receive("pull_request", milestoned(), "same-id");
    expect(github.writes).toHaveLength(writes);
    expect(github.reads.length).toBe(reads + 2);
  });

  it("while the record has an open gap, the check and the milestone issue say so in one line, the verdict unchanged", async () => {
    const gap = {
      installationId: 848733,
      startsAt: Date.parse("2019-10-01T08:00:00Z"),
      endsAt: Date.parse("2019-10-01T10:30:00Z"),
      reason: "down" as const,
      state: "redelivery" as const,
      openedAt: Date.parse("2019-10-01T10:30:00Z"),
      checked: false,
      lastError: null,
    };
    await ctx.store.openRecordGaps([gap]);
    await receive("pull_request", milestoned());
    const line =
      "Activity between 2019-10-01 08:00 and 2019-10-01 10:30 (UTC) is still being recovered; figures may be incomplete.";
    const [check] = checkWrites();
    expect(check?.body).toMatchObject({ conclusion: "neutral" });
    expect((check?.body.output as { summary: string } | undefined)?.summary).toMatch(
      new RegExp(`\\n\\n⚠️ ${line.replace(/[().]/g, "\\$&")}$`),
    );
    expect(github.issues[0]?.body).toContain(`> ⚠️ ${line}`);

    // Recovered: the next evaluation takes the line out, and nothing else changes.
    await ctx.store.closeRecordGaps([gap]);
    await receive("pull_request", milestoned());
    const updated = checkWrites().at(-1);
    expect(updated?.method).toBe("PATCH");
    expect(updated?.body).toMatchObject({ conclusion: "neutral" });
    expect((updated?.body.output as { summary: string } | undefined)?.summary).not.toContain(
      "recovered",
    );
    expect(github.issues[0]?.body).not.toContain("recovered");
  });

  it("the due date moved: the same check run is updated, no second one is created", async () => {
    await receive("pull_request", milestoned());
    await receive(
      "milestone",
      milestoneEvent("edited", { due_on: "2019-10-31T07:00:00Z" }, "2019-10-02T11:00:00Z"),
    );
    const checks = checkWrites();
    expect(checks.map((w) => `${w.method} ${w.path}`)).toEqual([
      "POST /repos/chdsbd/test_repo/check-runs",
      "PATCH /repos/chdsbd/test_repo/check-runs/1000",
    ]);
    // Thursday 2019-10-03 .. Thursday 2019-10-31: 21 business days, outside the 3-day window.
    expect(checks[1]?.body).toMatchObject({
      conclusion: "success",
      output: {
        title: "On track for test milestone: due in 21 business days, waiting on requested changes",
      },
    });
    expect(checks[1]?.body).not.toHaveProperty("head_sha");
    expect(github.checkRuns).toHaveLength(1);
  });

  it("502 then 201 on create: exactly one check run, with Octokit's retries enabled", async () => {
    github.fail("POST check-runs", { status: 502, applied: false });
    await receive("pull_request", milestoned());
    expect(checkWrites().map((w) => `${w.method} ${w.status}`)).toEqual(["POST 502", "POST 201"]);
    expect(github.checkRuns).toHaveLength(1);
  });

  it("a 502 after GitHub stored the check run: found by external_id and completed, not duplicated", async () => {
    github.fail("POST check-runs", { status: 502, applied: true });
    await receive("pull_request", milestoned());
    expect(checkWrites().map((w) => `${w.method} ${w.status}`)).toEqual(["POST 502", "PATCH 200"]);
    expect(github.checkRuns).toHaveLength(1);
  });

  it("a 502 on an update is retried by Octokit (updates are safe to repeat)", async () => {
    await receive("pull_request", milestoned());
    github.fail("PATCH check-runs", { status: 502, applied: false });
    await receive(
      "milestone",
      milestoneEvent("edited", { due_on: "2019-10-31T07:00:00Z" }, "2019-10-02T11:00:00Z"),
    );
    expect(checkWrites().map((w) => `${w.method} ${w.status}`)).toEqual([
      "POST 201",
      "PATCH 502",
      "PATCH 200",
    ]);
    expect(github.checkRuns[0]?.conclusion).toBe("success");
  });

  it("opened, milestoned and labeled arriving together create one check run, not three", async () => {
    const labeled = milestoned("2019-05-01T03:29:00Z");
    labeled.action = "labeled";
    const opened = milestoned("2019-05-01T03:27:00Z");
    opened.action = "opened";
    await Promise.all([
      receive("pull_request", opened),
      receive("pull_request", milestoned()),
      receive("pull_request", labeled),
    ]);
    expect(checkWrites().filter((w) => w.method === "POST")).toHaveLength(1);
    expect(github.checkRuns).toHaveLength(1);
    expect(github.issues).toHaveLength(1);
  });

  it("an invalid .github/expectations.yml: the check run names the bad key and the reason", async () => {
    config = "release:\n  warn_within_business_day: 2\n";
    await receive("pull_request", milestoned());
    const [check, ...rest] = github.writes;
    expect(rest).toEqual([]);
    expect(check?.body).toMatchObject({ conclusion: "neutral", head_sha: PR9_SHA });
    const output = check?.body.output as { title: string; summary: string };
    expect(output.title).toContain("release.warn_within_business_day");
    expect(output.summary).toContain(
      '- `release.warn_within_business_day`: unknown key; did you mean "warn\\_within\\_business\\_days"?',
    );
  });

  it("a config over a limit: the check run names the key and the limit, like any other error", async () => {
    config = `bots: [${Array.from({ length: 101 }, (_, i) => `bot-${i}`).join(", ")}]\n`;
    await receive("pull_request", milestoned());
    const [check] = github.writes;
    expect(check?.body).toMatchObject({ conclusion: "neutral", head_sha: PR9_SHA });
    const output = check?.body.output as { summary: string };
    expect(output.summary).toContain("- `bots`: at most 100 entries, got 101");
  });

  it("links the checks to the milestone's dashboard page only when the dashboard is on", async () => {
    await receive("pull_request", milestoned());
    await receive("pull_request", releasePr("opened", "2019-10-02T10:00:00Z"));
    expect(github.checkRuns.map((run) => "details_url" in run)).toEqual([false, false, false]);

    const withDashboard = await loadApp("https://expectations.example.com/");
    await withDashboard.app.receive({
      id: "dashboard-on",
      name: "pull_request",
      payload: milestoned("2019-05-01T03:29:00Z"),
    } as Parameters<typeof probot.receive>[0]);
    await withDashboard.queue.drain();
    const page =
      "https://expectations.example.com/expectations/repos/chdsbd/test_repo/milestones/1";
    // The link is part of the content: each check the event re-evaluates is sent once more, with
    // it; the release PR's own readiness check gets it when an event next touches that PR.
    expect(
      github.checkRuns.map((run) => [
        run.name,
        run.head_sha.slice(0, 4),
        (run as { details_url?: string }).details_url,
      ]),
    ).toEqual([
      ["Release readiness", "da14", page],
      ["Release readiness", "1111", undefined],
      ["Release gate", "1111", page],
    ]);
  });

  it("keeps the settings it read as the repository's, an invalid file's errors too", async () => {
    const kept = async () => {
      const settings = await ctx.store.listSettings(848733);
      expect(settings.map((s) => s.repositoryId)).toEqual([183980723]);
      return settingsFromText(settings[0]?.settings ?? "");
    };
    config = "timezone: Europe/Berlin\nrelease:\n  warn_within_business_days: 1\n";
    await receive("pull_request", milestoned());
    const loaded = await kept();
    expect(loaded.ok && loaded.config.timezone).toBe("Europe/Berlin");
    expect(loaded.ok && loaded.config.release.warn_within_business_days).toBe(1);
    config = "release:\n  warn_within_business_day: 2\n";
    await receive("pull_request", milestoned("2019-05-01T03:29:00Z"));
    expect(await kept()).toMatchObject({
      ok: false,
      errors: [{ key: "release.warn_within_business_day" }],
    });
  });

  it("demilestoned: the check turns neutral (not scheduled) and the issue says nothing is pending", async () => {
    await receive("pull_request", milestoned());
    await receive("pull_request", demilestoned());
    const last = checkWrites().at(-1);
    expect(last?.method).toBe("PATCH");
    expect(last?.body).toMatchObject({
      conclusion: "neutral",
      output: { title: "Not scheduled: this pull request is in no milestone" },
    });
    expect(github.issues[0]?.body).toContain("Nothing pending");
  });

  it("the milestone closes or is deleted: its issue is closed", async () => {
    await receive("pull_request", milestoned());
    await receive(
      "milestone",
      milestoneEvent(
        "closed",
        { state: "closed", closed_at: "2019-10-02T11:00:00Z" },
        "2019-10-02T11:00:00Z",
      ),
    );
    expect(github.issues[0]?.state).toBe("closed");
    expect(github.writes.at(-1)?.body).toEqual({ state: "closed", state_reason: "completed" });
  });

  it("check_run.rerequested sends the check again even when nothing changed", async () => {
    await receive("pull_request", milestoned());
    const before = checkWrites().length;
    await receive("check_run", {
      action: "rerequested",
      check_run: {
        id: 1000,
        name: "Release readiness",
        head_sha: PR9_SHA,
        external_id: "release-readiness:MDExOlB1bGxSZXF1ZXN0Mjc0OTQ4MjMy",
        pull_requests: [],
      },
      repository: OPENED.repository,
      sender: OPENED.sender,
      installation: OPENED.installation,
    });
    expect(
      checkWrites()
        .slice(before)
        .map((w) => `${w.method} ${w.path}`),
    ).toEqual(["PATCH /repos/chdsbd/test_repo/check-runs/1000"]);
  });

  it("release gate: failure listing the other open PR with its link, success once it is merged", async () => {
    await receive("pull_request", milestoned());
    await receive("pull_request", releasePr("opened", "2019-10-02T10:00:00Z"));
    const gate = () => github.checkRuns.find((run) => run.name === "Release gate");
    expect(gate()).toMatchObject({
      head_sha: "1".repeat(40),
      external_id: "release-gate:MDExOlB1bGxSZXF1ZXN0OTAwMDAwMDEy",
      conclusion: "failure",
      output: { title: "Blocked: 1 other pull request in test milestone still open" },
    });
    expect(gate()?.output?.summary).toContain(
      "- [#9](https://github.com/chdsbd/test_repo/pull/9) Create main\\.py: waiting on `chdsbd` to address the changes requested by `sbdchd`",
    );
    const merged = milestoned("2019-10-02T11:30:00Z");
    merged.action = "closed";
    Object.assign(merged.pull_request, {
      state: "closed",
      closed_at: "2019-10-02T11:30:00Z",
      merged_at: "2019-10-02T11:30:00Z",
      merged: true,
    });
    await receive("pull_request", merged);
    expect(gate()).toMatchObject({
      conclusion: "success",
      output: { title: "Ready to release: no other pull request in test milestone is open" },
    });
  });
});

describe("the live check run and the dry-run line are the same request", () => {
  let dir: string;
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "live-vs-dry-"));
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it("replaying the kodiak chain with --dry-run prints the body the app sends GitHub", async () => {
    const now = "2019-10-02T12:00:00Z";
    const chain = kodiakChain();
    const stream = join(dir, "chain.jsonl");
    writeFileSync(
      stream,
      chain.map((d) => JSON.stringify({ ...d, at: new Date(d.receivedAt) })).join("\n"),
    );
    await replay([stream], {
      db: join(dir, "dry.db"),
      now,
      dryRun: true,
      out: join(dir, "out.jsonl"),
    });
    const dryRun = readFileSync(join(dir, "out.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line));

    // Live: the same deliveries through the real Probot server, signed, over HTTP.
    nock.enableNetConnect("127.0.0.1");
    const github = fakeGitHub();
    const ctx = await tempStore();
    const queues: PublishQueueWorkers[] = [];
    const server = await startServer((probot) => {
      const made = publishQueueWorkers({
        store: ctx.store,
        connect: appConnector(probot),
        webUrl: "https://github.com",
        owner: "live",
        clock: () => new Date(now),
      });
      queues.push(made);
      return { store: ctx.store, clock: () => new Date(now), reactions: [made.reaction] };
    });
    try {
      for (const delivery of chain.slice(0, 5)) await ingestDelivery(ctx.store, delivery);
      const last = chain[5];
      const response = await postDelivery(server.url, {
        name: last?.name ?? "",
        id: "live-approved",
        body: JSON.stringify(last?.payload),
      });
      expect(response.status).toBe(200);
      // Answered once recorded; what it queued is published by the queue's workers.
      for (const queued of queues) await queued.drain();
      const live = github.writes.map(({ method, path, body }) => ({ method, path, body }));
      expect(live.map((w) => `${w.method} ${w.path}`)).toEqual([
        "POST /repos/chdsbd/test_repo/check-runs",
        "POST /repos/chdsbd/test_repo/issues",
      ]);
      expect(live).toEqual(dryRun);
    } finally {
      await server.stop();
      github.stop();
      await ctx.cleanup();
    }
  });
});
