import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NO_GITHUB, throwawayPrivateKey } from "../../../bench/signing.js";
import { runCli } from "../../helpers/cli-process.js";
import { freePort } from "../../helpers/probot-server.js";

const dir = mkdtempSync(join(tmpdir(), "expectations-fail-fast-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What `serve` needs to start, each setting good, the store in `dir`. */
function goodSettings(port: number): Record<string, string> {
  return {
    APP_ID: "12345",
    PRIVATE_KEY: throwawayPrivateKey(),
    WEBHOOK_SECRET: "fail-fast-secret",
    HOST: "127.0.0.1",
    PORT: String(port),
    DATABASE_PATH: join(dir, "data", "expectations.db"),
    LOG_FORMAT: "json",
    ...NO_GITHUB,
  };
}

/** The one line on stderr, the exit code, and that nothing was listening or created. */
async function refused(change: (env: Record<string, string>) => void) {
  const port = await freePort();
  const env = goodSettings(port);
  change(env);
  const result = await runCli(["serve"], { cwd: dir, env, timeoutMs: 15_000 });
  const lines = result.stderr.split("\n").filter((line) => line !== "");
  return { ...result, lines };
}

describe("serve with a setting that keeps it from doing its job", () => {
  it("a private key file that cannot be read: exit 2 on its own (setup mode would keep running), one line naming PRIVATE_KEY_PATH, no setup mode", async () => {
    const result = await refused((env) => {
      delete env.PRIVATE_KEY;
      env.PRIVATE_KEY_PATH = join(dir, "nope.pem");
    });
    expect(result.code).toBe(2);
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toMatch(/^expectations: PRIVATE_KEY_PATH: .*nope\.pem/);
    expect(result.stdout).not.toMatch(/setup|Welcome|Listening/i);
  });

  it.each([
    ["garbage", /^expectations: PRIVATE_KEY: .*not a PEM private key/],
    [
      "-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5\n-----END RSA PRIVATE KEY-----",
      /^expectations: PRIVATE_KEY: .*not a PEM private key/,
    ],
  ])(
    "PRIVATE_KEY %j: exit 2 on its own (setup mode would keep running), one line naming PRIVATE_KEY",
    async (key, line) => {
      const result = await refused((env) => {
        env.PRIVATE_KEY = key;
      });
      expect(result.code).toBe(2);
      expect(result.lines).toHaveLength(1);
      expect(result.lines[0]).toMatch(line);
      // The key itself is never echoed.
      expect(result.stderr).not.toContain("bm90IGEga2V5");
      expect(result.stderr).not.toContain("garbage");
    },
  );

  it.each([
    ["APP_ID", "my-app"],
    ["APP_ID", "0"],
    ["APP_ID", "12.5"],
    ["PORT", "http"],
    ["PORT", "70000"],
    ["DATABASE_POOL_SIZE", "abc"],
    ["BACKFILL_DAYS", "-1"],
    ["BACKFILL_CONCURRENCY", "two"],
    ["DASHBOARD_WORKERS", "1.5"],
    ["FAILED_DELIVERY_RETENTION_DAYS", "2w"],
    ["LOG_LEVEL", "loud"],
    ["LOG_FORMAT", "xml"],
    ["GHE_PROTOCOL", "ftp"],
  ])("%s=%j: exit 2, one line naming it, nothing created", async (name, value) => {
    const databasePath = join(dir, `${name}-${value}`, "expectations.db");
    const result = await refused((env) => {
      env[name] = value;
      env.DATABASE_PATH = databasePath;
    });
    expect(result.code).toBe(2);
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toMatch(
      new RegExp(`^expectations: ${name}: "${value.replace(".", "\\.")}" is not`),
    );
    expect(existsSync(databasePath)).toBe(false);
  });

  it("a PostgreSQL database that cannot be reached at start: exit 2, one line naming DATABASE_URL and PostgreSQL", async () => {
    const closed = await freePort();
    const result = await refused((env) => {
      env.DATABASE_URL = `postgres://app:secret-password@127.0.0.1:${closed}/expectations`;
    });
    expect(result.code).toBe(2);
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toMatch(/^expectations: DATABASE_URL: .*PostgreSQL/);
    expect(result.lines[0]).toContain(`127.0.0.1:${closed}`);
    expect(result.lines[0]).not.toMatch(/GitHub/);
    expect(result.stderr).not.toContain("secret-password");
  });

  it("a .env with a bad value names the setting and the file", async () => {
    const folder = mkdtempSync(join(dir, "dotenv-"));
    writeFileSync(join(folder, ".env"), "BACKFILL_DAYS=ninety\n");
    const port = await freePort();
    const result = await runCli(["serve"], { cwd: folder, env: goodSettings(port) });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `expectations: BACKFILL_DAYS: "ninety" is not a positive whole number; set one, or leave it unset for the default (set in ${join(folder, ".env")})\n`,
    );
  });

  it("a PORT in use: exit 2, one line naming it", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const result = await refused((env) => {
        env.PORT = String(port);
      });
      expect(result.code).toBe(2);
      expect(result.lines).toEqual([
        `expectations: PORT: ${port} is in use on 127.0.0.1; stop what listens there or set another PORT`,
      ]);
    } finally {
      taken.close();
    }
  });
});
