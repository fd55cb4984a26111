import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { throwawayPrivateKey } from "../../../bench/signing.js";
import { ingestDelivery } from "../../../src/ingest/index.js";
import { openStore } from "../../../src/store/index.js";
import { runCli } from "../../helpers/cli-process.js";
import { kodiakChain } from "../../helpers/fixtures.js";
import { refusingGitHub } from "../../helpers/github/index.js";
import { freePort } from "../../helpers/probot-server.js";
import { startServe } from "../support/serve-command.js";

const dir = mkdtempSync(join(tmpdir(), "expectations-dotenv-"));
const database = join(dir, "kodiak.db");

beforeAll(async () => {
  const store = await openStore({ path: database });
  for (const delivery of kodiakChain()) await ingestDelivery(store, delivery);
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A folder whose .env holds `lines`, as an operator's working directory. */
function withDotenv(lines: string[]): string {
  const folder = mkdtempSync(join(dir, "cwd-"));
  writeFileSync(join(folder, ".env"), `${lines.join("\n")}\n`);
  return folder;
}

describe(".env in the working directory, read by every command", () => {
  it("report finds DATABASE_PATH in .env", async () => {
    const cwd = withDotenv([`DATABASE_PATH=${database}`]);
    const result = await runCli(["report", "--repo", "chdsbd/test_repo", "--format", "json"], {
      cwd,
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ scope: { name: "chdsbd/test_repo" } });
  });

  it("the environment wins over .env", async () => {
    const cwd = withDotenv([`DATABASE_PATH=${database}`]);
    const elsewhere = join(cwd, "elsewhere.db");
    const result = await runCli(["check", "--repo", "chdsbd/test_repo"], {
      cwd,
      env: { DATABASE_PATH: elsewhere },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(elsewhere);
  });

  it("backfill takes the app's credentials from .env", async () => {
    const key = join(dir, "app.pem");
    writeFileSync(key, throwawayPrivateKey());
    const github = await refusingGitHub();
    const cwd = withDotenv([
      "APP_ID=12345",
      `PRIVATE_KEY_PATH=${key}`,
      `GHE_HOST=${github.host}`,
      "GHE_PROTOCOL=http",
    ]);
    try {
      const result = await runCli(
        ["backfill", "--repo", "acme/widgets", "--db", join(cwd, "b.db")],
        {
          cwd,
        },
      );
      expect(result.stderr).not.toContain("no GitHub credentials");
      expect(result.stderr).toMatch(/^expectations: GitHub refused the credentials \(401/);
      expect(result.code).toBe(1);
    } finally {
      await github.stop();
    }
  });

  it("serve: the environment wins over .env too", async () => {
    const cwd = withDotenv(["FAILED_DELIVERY_RETENTION_DAYS=not-a-number", "LOG_LEVEL=warn"]);
    const child = startServe(
      {
        APP_ID: "12345",
        PRIVATE_KEY: throwawayPrivateKey(),
        WEBHOOK_SECRET: "dotenv-secret",
        HOST: "127.0.0.1",
        PORT: String(await freePort()),
        DATABASE_PATH: join(cwd, "serve.db"),
        FAILED_DELIVERY_RETENTION_DAYS: "3",
      },
      cwd,
    );
    try {
      expect(await child.listening()).toBe(true);
    } finally {
      child.process.kill("SIGTERM");
    }
    expect((await child.exited).code).toBe(0);
    expect(child.stderr()).toBe("");
  });
});
