import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { demoStreamCopies } from "../../../bench/demo-deliveries.js";
import { freePort } from "../../../bench/node-child.js";
import { projectRoot } from "../../../bench/project-root.js";
import {
  BENCH_WEBHOOK_SECRET,
  serverEnvironment,
  throwawayPrivateKey,
} from "../../../bench/signing.js";
import { tempDir } from "../../../bench/temp-dir.js";
import { ingestDelivery } from "../../../src/ingest/index.js";
import { checkRunPublicationKey } from "../../../src/publish/index.js";
import { openStore } from "../../../src/store/index.js";
import { kodiakChain } from "../../helpers/fixtures.js";
import {
  FakeGitHub,
  type GitHubServer,
  startFakeGitHub,
  startGitHubServer,
} from "../../helpers/github/index.js";
import { postDelivery, sign } from "../../helpers/probot-server.js";
import { postBurst } from "../support/burst.js";
import { startServe } from "../support/serve-command.js";
import { storedDeliveryIds } from "../support/stored-deliveries.js";

const privateKey = throwawayPrivateKey();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** What `expectations serve` is started with in production, GitHub being a local fake. */
async function environment(
  databasePath: string,
  githubHost: string,
): Promise<Record<string, string>> {
  return {
    ...serverEnvironment({ port: await freePort(), databasePath, privateKey, logLevel: "info" }),
    GHE_HOST: githubHost,
    GHE_PROTOCOL: "http",
  };
}

/** A GitHub that takes every request and never answers it; `requests` lists them. */
function silentGitHub(): Promise<GitHubServer> {
  const github = new FakeGitHub();
  for (const method of ["GET", "POST", "PATCH", "PUT", "DELETE"])
    github.route(method, /^\//, () => new Promise<never>(() => {}));
  return startGitHubServer(github);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function serve(env: Record<string, string>, cwd: string) {
  const child = startServe(env, cwd);
  cleanups.push(() => {
    child.process.kill("SIGKILL");
  });
  return child;
}

/** `expectations serve` in a fresh folder against the GitHub at `githubHost`, listening. */
async function servingAgainst(name: string, githubHost: string) {
  const dir = tempDir(name);
  cleanups.push(dir.remove);
  const databasePath = join(dir.path, "expectations.db");
  const child = serve(await environment(databasePath, githubHost), dir.path);
  expect(await child.listening()).toBe(true);
  return { databasePath, child };
}

describe("expectations serve", () => {
  it("refuses to start without WEBHOOK_SECRET: exit 2, one line, never listens, creates nothing", async () => {
    const dir = tempDir("no-secret");
    cleanups.push(dir.remove);
    const databasePath = join(dir.path, "data", "expectations.db");
    const { WEBHOOK_SECRET: _secret, ...env } = await environment(databasePath, "127.0.0.1:9");

    const child = serve(env, dir.path);

    expect(await child.listening()).toBe(false);
    expect((await child.exited).code).toBe(2);
    expect(child.stderr()).toMatch(/^expectations: WEBHOOK_SECRET is not set: set it to .+\n$/);
    expect(child.stdout()).not.toContain("Listening");
    expect(existsSync(databasePath)).toBe(false);
  });

  it("refuses Probot's public default secret `development` as WEBHOOK_SECRET: exit 2, never listens", async () => {
    const dir = tempDir("development-secret");
    cleanups.push(dir.remove);
    const env = await environment(join(dir.path, "expectations.db"), "127.0.0.1:9");

    const child = serve({ ...env, WEBHOOK_SECRET: "development" }, dir.path);

    expect(await child.listening()).toBe(false);
    expect((await child.exited).code).toBe(2);
    expect(child.stderr()).toMatch(
      /^expectations: WEBHOOK_SECRET is Probot's public default, development: set it to .+\n$/,
    );
  });

  it("refuses a FAILED_DELIVERY_RETENTION_DAYS that is not a positive whole number: exit 2, before listening", async () => {
    const dir = tempDir("retention");
    cleanups.push(dir.remove);
    const env = await environment(join(dir.path, "expectations.db"), "127.0.0.1:9");

    const child = serve({ ...env, FAILED_DELIVERY_RETENTION_DAYS: "two weeks" }, dir.path);

    expect(await child.listening()).toBe(false);
    expect((await child.exited).code).toBe(2);
    expect(child.stderr()).toBe(
      'expectations: FAILED_DELIVERY_RETENTION_DAYS: "two weeks" is not a positive whole number; set one, or leave it unset for the default\n',
    );
  });

  it("with a secret, answers a delivery signed with Probot's default secret with a 4xx and stores nothing", async () => {
    const github = await startFakeGitHub();
    cleanups.push(github.stop);
    const { databasePath, child } = await servingAgainst("forged", github.host);

    const [opened] = kodiakChain();
    const body = JSON.stringify(opened?.payload);
    const response = await fetch(`${child.url}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "pull_request",
        "x-github-delivery": "forged-1",
        "x-hub-signature-256": sign(body, "development"),
      },
      body,
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);

    child.process.kill("SIGTERM");
    expect((await child.exited).code).toBe(0);
    expect((await storedDeliveryIds(databasePath)).ids).toEqual(new Set());
    const store = await openStore({ path: databasePath });
    cleanups.push(() => store.close());
    expect(await store.listInstallationIds()).toEqual([]);
    expect(github.writes).toEqual([]);
  });

  it("on SIGTERM during a burst: finishes what is in flight, keeps every delivery it answered 2xx, exits 0", async () => {
    const dir = tempDir("sigterm");
    cleanups.push(dir.remove);
    // Each GitHub request takes a while, so publications are in flight when the signal comes.
    const github = await startFakeGitHub({ latencyMs: 40 });
    cleanups.push(github.stop);
    const databasePath = join(dir.path, "expectations.db");
    const child = serve(await environment(databasePath, github.host), dir.path);
    expect(await child.listening()).toBe(true);
    const deliveries = demoStreamCopies(1_200);

    let acknowledgedAtSignal = -1;
    let signalled = false;
    const burst = await postBurst(child.url, deliveries, {
      concurrency: 16,
      onAnswer: (answered, sofar) => {
        if (answered >= 300 && !signalled) {
          signalled = true;
          acknowledgedAtSignal = sofar.acknowledged.size;
          child.process.kill("SIGTERM");
        }
      },
    });
    const { code, signal } = await child.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    // Deliveries in flight when the signal came were still answered 2xx, once recorded.
    expect(burst.acknowledged.size).toBeGreaterThan(acknowledgedAtSignal);
    const stops = child
      .stdout()
      .split("\n")
      .filter((line) => line.includes("stopped on SIGTERM"));
    expect(stops).toHaveLength(1);
    expect(stops[0]).toContain("deliveries and publications in flight finished, store closed");

    // Every delivery answered 2xx is in the file the server closed.
    const stored = await storedDeliveryIds(databasePath);
    expect(stored.integrity).toBe("ok");
    const lost = [...burst.acknowledged].filter((id) => !stored.ids.has(id));
    expect(lost).toEqual([]);
    expect(burst.acknowledged.size).toBeGreaterThanOrEqual(300);
    expect(burst.acknowledged.size).toBeLessThan(deliveries.length);

    // Publications were finished, not cut: every check run GitHub created is remembered.
    const store = await openStore({ path: databasePath });
    cleanups.push(() => store.close());
    const created = github.writes.filter(
      (w) => w.method === "POST" && w.path.endsWith("/check-runs"),
    );
    expect(created.length).toBeGreaterThan(0);
    for (const write of created) {
      const key = checkRunPublicationKey(
        String(write.body.external_id),
        String(write.body.head_sha),
      );
      expect(await store.getPublication(Number(write.installation), key), key).toMatchObject({
        targetId: write.created,
      });
    }
  });

  it("with the dashboard on, ends its worker thread at SIGTERM well within the deadline: exits 0, nothing logged as an error", async () => {
    const dir = tempDir("dashboard-workers");
    cleanups.push(dir.remove);
    const databasePath = join(dir.path, "expectations.db");
    // Recorded activity, so that the worker computes figures at start.
    const seeded = await openStore({ path: databasePath });
    for (const delivery of kodiakChain()) await ingestDelivery(seeded, delivery);
    await seeded.close();
    const github = await startFakeGitHub();
    cleanups.push(github.stop);
    const child = serve(
      {
        ...(await environment(databasePath, github.host)),
        GITHUB_CLIENT_ID: "Iv1.faults",
        GITHUB_CLIENT_SECRET: "faults-client-secret",
        SESSION_SECRET: "a-session-secret-for-the-fault-tests-only",
        DASHBOARD_WORKERS: "2",
      },
      dir.path,
    );
    expect(await child.listening()).toBe(true);

    const signalled = Date.now();
    child.process.kill("SIGTERM");
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(10_000);
    const lines = child
      .stdout()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    const messages = lines.map((line) => line.msg);
    expect(messages).toContain("dashboard figures: worker threads ended");
    expect(messages).toContainEqual(
      expect.stringContaining("stopped on SIGTERM: deliveries and publications in flight finished"),
    );
  });

  it("on SIGTERM with a publication stuck on a GitHub that never answers: exits 0 within the 10 s deadline, the log names the publication it left to the queue", async () => {
    const github = await silentGitHub();
    cleanups.push(github.stop);
    const { databasePath, child } = await servingAgainst("stuck-publication", github.host);

    // A pull request in a milestone with a due date: its release readiness is queued.
    const [opened] = kodiakChain();
    const body = JSON.stringify(opened?.payload);
    const response = await postDelivery(child.url, {
      name: "pull_request",
      id: "stuck-1",
      body,
      signature: sign(body, BENCH_WEBHOOK_SECRET),
    });
    expect(response.status).toBe(200);
    // The publication's first request (its installation's token); the redelivery job's list of
    // deliveries, asked at start, hangs beside it.
    while (!github.requests.some((request) => request.endsWith("/access_tokens"))) await sleep(50);

    const signalled = performance.now();
    child.process.kill("SIGTERM");
    const exited = await child.exited;
    const took = performance.now() - signalled;
    expect(exited).toEqual({ code: 0, signal: null });
    expect(took).toBeLessThan(10_000);
    const stop = child
      .stdout()
      .split("\n")
      .filter((line) => line.includes("stopped on SIGTERM"));
    expect(stop).toHaveLength(1);
    expect(stop[0]).toMatch(/publication/);
    // Still queued, for the next start or another replica.
    const store = await openStore({ path: databasePath });
    cleanups.push(() => store.close());
    expect((await store.listPublishWork()).length).toBeGreaterThan(0);
  });

  it("npm start forwards SIGTERM: the server stops and no process is left behind", async () => {
    const dir = tempDir("npm-start");
    cleanups.push(dir.remove);
    const github = await startFakeGitHub();
    cleanups.push(github.stop);
    const env = await environment(join(dir.path, "expectations.db"), github.host);
    const npm = spawn("npm", ["start", "--silent"], {
      cwd: projectRoot(),
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? dir.path,
        ...env,
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    npm.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    const npmExited = new Promise((resolve) => npm.once("exit", resolve));
    let serverPid = 0;
    cleanups.push(() => {
      if (serverPid && isRunning(serverPid)) process.kill(serverPid, "SIGKILL");
      if (npm.exitCode === null) npm.kill("SIGKILL");
    });
    while (serverPid === 0) {
      const listening = out
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as { pid: number; msg: string })
        .find((line) => line.msg.startsWith("Listening on"));
      if (listening) serverPid = listening.pid;
      else await sleep(50);
    }
    expect(serverPid).not.toBe(npm.pid);

    npm.kill("SIGTERM");
    await npmExited;
    const deadline = performance.now() + 12_000;
    while (isRunning(serverPid) && performance.now() < deadline) await sleep(100);
    expect(isRunning(serverPid)).toBe(false);
  });
});
