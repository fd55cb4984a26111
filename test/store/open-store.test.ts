import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "../../bench/temp-dir.js";
import { openStore } from "../../src/store/index.js";

const removals: (() => void)[] = [];
afterEach(() => {
  for (const remove of removals.splice(0)) remove();
});

function folder(): string {
  const dir = tempDir("open-store");
  removals.push(dir.remove);
  return dir.path;
}

describe("opening the store chosen by configuration", () => {
  it("opens the SQLite file at DATABASE_PATH, or at the path it is given", async () => {
    const dir = folder();
    const fromEnv = await openStore({}, { DATABASE_PATH: join(dir, "env", "a.db") });
    await fromEnv.close();
    expect(existsSync(join(dir, "env", "a.db"))).toBe(true);
    // --db wins over the environment, DATABASE_URL included.
    const given = await openStore(
      { path: join(dir, "given.db") },
      { DATABASE_PATH: join(dir, "ignored.db"), DATABASE_URL: "postgres://u:p@127.0.0.1:1/x" },
    );
    await given.close();
    expect(existsSync(join(dir, "given.db"))).toBe(true);
    expect(existsSync(join(dir, "ignored.db"))).toBe(false);
  });

  it.each([
    // Nothing listens on port 1: the server cannot be reached.
    ["postgres://app:s3cret@127.0.0.1:1/expectations", /PostgreSQL database cannot be opened/],
    [
      "postgresql://app:s3cret@127.0.0.1:1/expectations",
      /^DATABASE_URL: .*ECONNREFUSED 127.0.0.1:1.*check the URL/,
    ],
    ["mysql://app:s3cret@db.internal/expectations", /"mysql:" URLs are not a database/],
    ["s3cret", /this value is not a database/],
  ])("refuses DATABASE_URL=%s with a clear error that does not repeat it", async (url, message) => {
    const dir = folder();
    for (const attempt of [
      openStore({}, { DATABASE_URL: url, DATABASE_PATH: join(dir, "x.db") }),
      openStore({ url }),
    ]) {
      const error = await attempt.then(
        () => null,
        (failure: Error) => failure,
      );
      expect(error?.message).toMatch(message);
      expect(error?.message).not.toContain("s3cret");
    }
    expect(existsSync(join(dir, "x.db"))).toBe(false);
  });
});
