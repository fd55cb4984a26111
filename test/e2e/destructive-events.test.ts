import examples from "@octokit/webhooks-examples";
import nock from "nock";
import { pino } from "pino";
import { Probot } from "probot";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type InFlightWork, inFlightWork } from "../../src/cli/in-flight-work.js";
import type { AppGitHub } from "../../src/github/index.js";
import { ingestDelivery } from "../../src/ingest/index.js";
import { purgeConfirmationJob } from "../../src/schedule/index.js";
import { type ActivityDump, copyStore } from "../../src/store/index.js";
import { capturedLog } from "../helpers/captured-log.js";
import { readDeliveryStream } from "../helpers/fixtures.js";
import {
  APP_ID,
  postDelivery,
  startServer,
  TEST_PRIVATE_KEY,
  TestOctokit,
} from "../helpers/probot-server.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

const API = "https://api.github.com";
/** The demo's two installations: chdsbd (chdsbd/test_repo) and panjf2000 (panjf2000/ants). */
const CHDSBD = 848733;
const ANTS = 1000001;
const ANTS_REPOSITORY = { id: 134018330, full_name: "panjf2000/ants", private: false };

type Payload = Record<string, unknown>;

/** A webhooks-examples payload of an event and action. */
function example(name: string, action: string): Payload {
  const event = (examples as unknown as { name: string; examples: Payload[] }[]).find(
    (e) => e.name === name,
  );
  const payload = event?.examples.find((p) => p.action === action);
  if (!payload) throw new Error(`no ${name}.${action} example`);
  return structuredClone(payload);
}

/** GitHub's own `installation` object of installation events, for one of the demo's installations. */
function installationObject(id: number, login: string): Payload {
  const { installation } = example("installation", "deleted") as { installation: Payload };
  return { ...installation, id, account: { ...(installation.account as Payload), login } };
}

/** A genuine `label.deleted` of chdsbd/test_repo, as GitHub sends it to the app. */
function labelDeleted(): Payload {
  return {
    ...example("label", "deleted"),
    repository: { id: 183980723, full_name: "chdsbd/test_repo", private: true },
    installation: { id: CHDSBD, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uODQ4NzMz" },
  };
}

function uninstall(id: number, login: string): Payload {
  return { ...example("installation", "deleted"), installation: installationObject(id, login) };
}

function repositoryRemoved(): Payload {
  return {
    ...example("installation_repositories", "removed"),
    installation: installationObject(ANTS, "panjf2000"),
    repositories_removed: [ANTS_REPOSITORY],
  };
}

/** Rows of one installation (or of one repository of it) in every activity table. */
function rowsOf(dump: ActivityDump, installationId: number, repositoryId?: number): number {
  return Object.values(dump)
    .flat()
    .map((row) => JSON.parse(row) as { installationId: number; repositoryId?: number })
    .filter(
      (row) =>
        row.installationId === installationId &&
        (repositoryId === undefined || row.repositoryId === repositoryId),
    ).length;
}

describe("destructive events: the signature covers the body, not the event name", () => {
  let ctx: TempStore;
  let server: Awaited<ReturnType<typeof startServer>>;
  let lines: string[];
  let work: InFlightWork;
  let sequence = 0;

  /** The demo's deliveries, ingested once: each test starts from a copy of this store. */
  let demo: TempStore;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    demo = await tempStore();
    for (const delivery of readDeliveryStream("demo/deliveries.jsonl"))
      await ingestDelivery(demo.store, delivery);
  });
  afterAll(async () => {
    nock.enableNetConnect();
    await demo.cleanup();
  });
  beforeEach(async () => {
    ctx = await tempStore();
    expect((await copyStore(demo.store, ctx.store)).differences).toEqual([]);
    const captured = await capturedLog();
    lines = captured.lines;
    work = inFlightWork();
    server = await startServer(
      { store: ctx.store, clock: () => new Date("2019-10-01T12:00:00Z"), tracker: work },
      { log: captured.log },
    );
  });
  afterEach(async () => {
    nock.cleanAll();
    await server.stop();
    await ctx.cleanup();
  });

  /** Posts a delivery; resolves with the answer once the app's work after it is done too. */
  const deliver = async (name: string, payload: Payload, id = `delivery-${++sequence}`) => {
    const response = await postDelivery(server.url, { name, id, body: JSON.stringify(payload) });
    await work.idle();
    return response;
  };
  const dump = () => ctx.store.dumpActivity();

  it("refuses a signed label.deleted re-sent as `installation` under a new id, and deletes nothing", async () => {
    const before = await dump();
    expect(rowsOf(before, CHDSBD)).toBeGreaterThan(10);
    const body = labelDeleted();
    // The genuine delivery: an event the app does not follow, acknowledged.
    const genuine = await deliver("label", body, "label-1");
    expect(genuine.status).toBe(200);

    const replayed = await deliver("installation", body, "label-1-as-installation");
    expect(replayed.status).toBeGreaterThanOrEqual(400);
    expect(replayed.status).toBeLessThan(500);
    expect(await dump()).toEqual(before);
  });

  it.each([
    ["milestone", "milestone", "deleted"],
    ["issues", "issues", "deleted"],
    ["team", "team", "deleted"],
  ])("refuses a signed %s.deleted re-sent as `installation`", async (_label, name, action) => {
    const before = await dump();
    const body = { ...example(name, action), installation: { id: CHDSBD } };
    const replayed = await deliver("installation", body);
    expect(replayed.status).toBeGreaterThanOrEqual(400);
    expect(replayed.status).toBeLessThan(500);
    expect(await dump()).toEqual(before);
  });

  it("purges an installation GitHub confirms is gone (404 for GET /app/installations/{id})", async () => {
    const github = nock(API)
      .get(`/app/installations/${CHDSBD}`)
      .reply(404, { message: "Not Found" });
    const before = await dump();

    const response = await deliver("installation", uninstall(CHDSBD, "chdsbd"));
    expect(response.status).toBe(200);
    expect(rowsOf(await dump(), CHDSBD)).toBe(0);
    expect(github.isDone()).toBe(true);
    // The other installation is as it was.
    expect(rowsOf(await dump(), ANTS)).toBe(rowsOf(before, ANTS));
  });

  it("keeps the purge pending while GitHub answers 5xx, and a later retry does it", async () => {
    const down = nock(API).get(`/app/installations/${CHDSBD}`).reply(502, "Bad Gateway");
    const before = await dump();

    expect((await deliver("installation", uninstall(CHDSBD, "chdsbd"))).status).toBe(200);
    const later = Date.parse("2019-10-01T13:00:00Z");
    expect((await ctx.store.listDuePurges(later, 10)).map((purge) => purge.attempts)).toEqual([1]);
    expect(down.isDone()).toBe(true);
    expect(await dump()).toEqual(before);
    const [pending] = await ctx.store.listDuePurges(later, 10);
    expect(pending).toMatchObject({
      installationId: CHDSBD,
      lastError: expect.stringContaining("502"),
    });

    // The scheduled retry, once GitHub answers again.
    const gone = nock(API).get(`/app/installations/${CHDSBD}`).reply(404, { message: "Not Found" });
    const app = new Probot({ appId: APP_ID, privateKey: TEST_PRIVATE_KEY, Octokit: TestOctokit });
    const job = purgeConfirmationJob({
      store: ctx.store,
      github: async () => (await app.auth()) as unknown as AppGitHub,
      log: pino({ level: "silent" }),
    });
    await job.run(new Date(later));
    expect(gone.isDone()).toBe(true);
    expect(rowsOf(await dump(), CHDSBD)).toBe(0);
    expect(rowsOf(await dump(), ANTS)).toBe(rowsOf(before, ANTS));
    expect(await ctx.store.listDuePurges(later, 10)).toEqual([]);
  });

  it("keeps everything when GitHub says the installation still exists, with one warning", async () => {
    const github = nock(API)
      .get(`/app/installations/${CHDSBD}`)
      .reply(200, { id: CHDSBD, account: { login: "chdsbd", type: "User" } });
    const before = await dump();

    const response = await deliver("installation", uninstall(CHDSBD, "chdsbd"));
    expect(response.status).toBe(200);
    expect(github.isDone()).toBe(true);
    expect(await dump()).toEqual(before);
    const warnings = lines
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .filter((line) => line.level === 40 && /still/.test(line.msg));
    expect(warnings).toHaveLength(1);
  });

  it("removes a repository GitHub confirms the installation no longer reaches, and keeps one it still does", async () => {
    const before = await dump();
    expect(rowsOf(before, ANTS, ANTS_REPOSITORY.id)).toBeGreaterThan(0);
    const stillThere = nock(API)
      .get("/repos/panjf2000/ants/installation")
      .reply(200, { id: ANTS, account: { login: "panjf2000", type: "User" } });
    expect((await deliver("installation_repositories", repositoryRemoved())).status).toBe(200);
    expect(stillThere.isDone()).toBe(true);
    expect(await dump()).toEqual(before);

    const gone = nock(API)
      .get("/repos/panjf2000/ants/installation")
      .reply(404, { message: "Not Found" });
    expect((await deliver("installation_repositories", repositoryRemoved())).status).toBe(200);
    expect(rowsOf(await dump(), ANTS, ANTS_REPOSITORY.id)).toBe(0);
    expect(gone.isDone()).toBe(true);
  });
});
