import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { demoStreamCopies } from "../../../bench/demo-deliveries.js";
import { startLocalGitHub } from "../../../bench/local-github.js";
import { freePort } from "../../../bench/node-child.js";
import { serverEnvironment, throwawayPrivateKey } from "../../../bench/signing.js";
import { tempDir } from "../../../bench/temp-dir.js";
import { ingestDelivery } from "../../../src/ingest/index.js";
import { checkRunPublicationKey } from "../../../src/publish/index.js";
import { openStore } from "../../../src/store/index.js";
import { kodiakChain } from "../../helpers/fixtures.js";
import { sign } from "../../helpers/probot-server.js";
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

function serve(env: Record<string, string>, cwd: string) {
  const child = startServe(env, cwd);
  cleanups.push(() => {
    child.process.kill("SIGKILL");
  });
  return child;
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
    const dir = tempDir("forged");
    cleanups.push(dir.remove);
    const github = await startLocalGitHub(0);
    cleanups.push(github.stop);
    const databasePath = join(dir.path, "expectations.db");
    const child = serve(await environment(databasePath, github.host), dir.path);
    expect(await child.listening()).toBe(true);

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
    const github = await startLocalGitHub(40);
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
      expect(await store.getPublication(write.installationId, key), key).toMatchObject({
        targetId: write.id,
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
    const github = await startLocalGitHub(0);
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
});
