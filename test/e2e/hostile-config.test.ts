import { performance } from "node:perf_hooks";
import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type PublishQueueWorkers, publishQueueWorkers } from "../../src/flows/index.js";
import { appConnector } from "../../src/github/index.js";
import { readJson } from "../helpers/fixtures.js";
import { fakeGitHub } from "../helpers/github/index.js";
import { postDelivery, startServer } from "../helpers/probot-server.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

// biome-ignore lint/suspicious/noExplicitAny: a recorded payload, edited field by field.
type Payload = Record<string, any>;

const NOW = new Date("2019-10-02T12:00:00Z");
/** kodiak's PR #9, opened in "test milestone" (due 2019-10-04) of chdsbd/test_repo, installation 848733. */
const OPENED = readJson(
  "kodiak-deliveries/pull_request/opened_reviewers_assignees_milestone_project.json",
) as Payload;
// 0.7 ms at 20 characters, 397 ms at 28, 6.7 s at 32, 80 s at 36 for a backtracking matcher.
const GLOB = "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b";
const HOSTILE = `release:\n  gate:\n    labels: []\n    head_branches: ["${GLOB}"]\n`;

/** A pull request of the milestone with this head branch (and its own ids and commit). */
function pullRequest(number: number, branch: string, installation = 848733): Payload {
  const payload = structuredClone(OPENED);
  Object.assign(payload.pull_request, {
    id: 900_000_000 + number,
    node_id: `PR_e2e_${number}`,
    number,
    requested_reviewers: [],
  });
  payload.pull_request.head = {
    ...payload.pull_request.head,
    ref: branch,
    sha: String(number).repeat(40).slice(0, 40),
  };
  payload.installation = { ...payload.installation, id: installation };
  return payload;
}

describe("one repository's config cannot hold up the server (the real server, signed deliveries)", () => {
  let ctx: TempStore;
  let github: ReturnType<typeof fakeGitHub>;
  let queue: PublishQueueWorkers | undefined;
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    ctx = await tempStore();
    github = fakeGitHub({
      config: (repository) => (repository === "chdsbd/test_repo" ? HOSTILE : null),
    });
    server = await startServer((probot) => {
      queue = publishQueueWorkers({
        store: ctx.store,
        connect: appConnector(probot),
        webUrl: "https://github.com",
        owner: "e2e",
        clock: () => NOW,
        pollMs: 50,
      });
      return { store: ctx.store, clock: () => NOW, reactions: [queue.reaction] };
    });
    queue?.start();
  });
  afterEach(async () => {
    await queue?.stop();
    await server.stop();
    github.stop();
    await ctx.cleanup();
  });

  const post = (id: string, payload: Payload) =>
    postDelivery(server.url, { name: "pull_request", id, body: JSON.stringify(payload) });

  it("matches the pathological glob against a 45-character branch while /expectations/live and another installation are answered at once", async () => {
    const slowest = { live: 0, delivery: 0 };
    const timedFetch = async (kind: keyof typeof slowest, request: () => Promise<Response>) => {
      const started = performance.now();
      const response = await request();
      slowest[kind] = Math.max(slowest[kind], performance.now() - started);
      return response;
    };
    // A pull request whose branch the glob nearly matches, and a release pull request it matches.
    const near = await post("hostile-1", pullRequest(41, `${"a".repeat(45)}!`));
    expect(near.status).toBe(200);
    const release = await post("hostile-2", pullRequest(42, `${"a".repeat(45)}b`));
    expect(release.status).toBe(200);

    // While the workers evaluate them: the process answers, and records another installation.
    const elsewhere = pullRequest(43, "main", 4_242);
    elsewhere.pull_request.milestone = null;
    const other = await timedFetch("delivery", () => post("other-installation", elsewhere));
    expect(other.status).toBe(200);
    const deadline = Date.now() + 20_000;
    const gate = () => github.checkRuns.find((run) => run.name === "Release gate");
    while (!gate() && Date.now() < deadline) {
      const live = await timedFetch("live", () => fetch(`${server.url}/expectations/live`));
      expect(live.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }

    // Evaluated: each pull request has its readiness check; only the matching branch is gated.
    expect(github.checkRuns.map((run) => `${run.name} ${run.head_sha.slice(0, 2)}`).sort()).toEqual(
      ["Release gate 42", "Release readiness 41", "Release readiness 42"],
    );
    expect(await ctx.store.listInstallationIds()).toContain(4_242);
    // Generous bounds for a busy machine: a backtracking matcher held every answer for minutes.
    expect(slowest.live).toBeLessThan(1_000);
    expect(slowest.delivery).toBeLessThan(2_000);
  });
});
