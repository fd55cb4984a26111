import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestDelivery } from "../../../src/ingest/index.js";
import { openStore } from "../../../src/store/index.js";
import { runCli } from "../../helpers/cli-process.js";
import { FIXTURES, kodiakChain } from "../../helpers/fixtures.js";
import { freePort } from "../../helpers/probot-server.js";
import { tempDatabase } from "../../helpers/temp-postgres.js";

const dir = mkdtempSync(join(tmpdir(), "expectations-errors-"));
const sqlite = join(dir, "kodiak.db");
let postgres: Awaited<ReturnType<typeof tempDatabase>>;
let down: string;

beforeAll(async () => {
  const store = await openStore({ path: sqlite });
  for (const delivery of kodiakChain()) await ingestDelivery(store, delivery);
  await store.close();
  postgres = await tempDatabase();
  down = `postgres://app:secret-password@127.0.0.1:${await freePort()}/expectations`;
});
afterAll(async () => {
  await postgres?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const lines = (text: string) => text.split("\n").filter((line) => line !== "");

describe("with PostgreSQL down, each command names PostgreSQL, not GitHub", () => {
  it.each([
    ["report", () => ["report", "--repo", "chdsbd/test_repo", "--db", down]],
    ["check", () => ["check", "--repo", "chdsbd/test_repo", "--db", down]],
    ["store copy", () => ["store", "copy", "--from", sqlite, "--to", down]],
  ])("%s: one line naming the database and where it was looked for", async (_, args) => {
    const result = await runCli(args(), { cwd: dir });
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^expectations: (--db|--to): the PostgreSQL database cannot be opened/,
    );
    expect(result.stderr).toContain(`ECONNREFUSED ${new URL(down).host}`);
    expect(result.stderr).not.toMatch(/GitHub|GHE_HOST/);
    expect(result.stderr).not.toContain("secret-password");
  });

  it("the same from DATABASE_URL, and the stack trace only with --verbose", async () => {
    const plain = await runCli(["report", "--repo", "chdsbd/test_repo"], {
      cwd: dir,
      env: { DATABASE_URL: down },
    });
    expect(plain.code).toBe(2);
    expect(lines(plain.stderr)).toHaveLength(1);
    expect(plain.stderr).toMatch(
      /^expectations: DATABASE_URL: the PostgreSQL database cannot be opened/,
    );
    const verbose = await runCli(["--verbose", "report", "--repo", "chdsbd/test_repo"], {
      cwd: dir,
      env: { DATABASE_URL: down },
    });
    expect(verbose.stderr.startsWith(plain.stderr)).toBe(true);
    expect(verbose.stderr).toMatch(/\n\s+at /);
  });
});

describe("DATABASE_POOL_SIZE that is not a number", () => {
  it("exits 2 naming it on SQLite", async () => {
    const result = await runCli(["report", "--repo", "chdsbd/test_repo", "--db", sqlite], {
      cwd: dir,
      env: { DATABASE_POOL_SIZE: "abc" },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^expectations: DATABASE_POOL_SIZE: "abc" is not .+\n$/);
    expect(result.stdout).toBe("");
  });

  it("exits 2 naming it on PostgreSQL", async () => {
    const result = await runCli(["report", "--repo", "chdsbd/test_repo", "--db", postgres.url], {
      cwd: dir,
      env: { DATABASE_POOL_SIZE: "abc" },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^expectations: DATABASE_POOL_SIZE: "abc" is not .+\n$/);
  });
});

describe("usage errors create nothing", () => {
  it("replay of a file that does not exist: exit 2, one line, no database file", async () => {
    const result = await runCli(["replay", "nope.jsonl", "--db", "x.db"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^expectations: nope\.jsonl: .+\n$/);
    expect(existsSync(join(dir, "x.db"))).toBe(false);
  });

  it("replay --out into a folder that does not exist: exit 2 naming --out, no database file", async () => {
    const out = join(dir, "missing", "out.jsonl");
    const result = await runCli(
      [
        "replay",
        join(FIXTURES, "demo", "deliveries.jsonl"),
        "--db",
        "y.db",
        "--dry-run",
        "--out",
        out,
      ],
      { cwd: dir },
    );
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(/^expectations: --out: .*missing\/out\.jsonl/),
    ]);
    expect(existsSync(join(dir, "y.db"))).toBe(false);
  });

  it("a config file's errors on a terminal are plain text, without markdown escapes", async () => {
    const config = join(dir, "bad.yml");
    writeFileSync(config, "release:\n  warn_within_business_day: 3\n");
    const result = await runCli(
      ["check", "--repo", "chdsbd/test_repo", "--db", sqlite, "--config", config],
      {
        cwd: dir,
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `expectations: --config: ${config} is invalid:\n- release.warn_within_business_day: unknown key; did you mean "warn_within_business_days"?\n`,
    );
  });
});
