import type pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { postgresPool } from "../../../src/store/postgres/connect-postgres.js";
import { rowSql, scanPostgres } from "../../../src/store/postgres/postgres-rows.js";
import { sqlLiteral } from "../../../src/store/postgres/sql-literal.js";
import type { StoredRows } from "../../../src/store/stored-rows.js";
import { tempDatabase } from "../../helpers/temp-postgres.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function database(): Promise<pg.Pool> {
  const { url, drop } = await tempDatabase();
  const pool = postgresPool({ url }, 2);
  cleanups.push(drop, () => pool.end());
  return pool;
}

/** Text a user could put in a title, a branch name or a label, and what breaks quoting. */
const AWKWARD = [
  "",
  "plain",
  "it's",
  "''",
  "back\\slash",
  "\\",
  "ends with a backslash\\",
  "\\'; DROP TABLE pull_requests; --",
  "'); DELETE FROM deliveries; --",
  "E'\\x41'",
  "$$dollar$$ $tag$ quoted $tag$",
  "semi; colon",
  "new\nline\r\ncarriage\ttab",
  "\u2028line separator\u2029",
  "émoji 🎉 ünïcödé 日本語",
  '"double" and `back` quotes',
  "\\\\'\\''",
  "/* comment */ -- comment",
];

/** Random text over the characters quoting cares about, and anything else of the BMP but NUL. */
function randomTexts(count: number): string[] {
  const special = ["'", "\\", '"', ";", "$", "\n", "E", "-", "/", "*", "\u0001", "\u007f"];
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + next(24) }, () =>
      next(2) === 0
        ? (special[next(special.length)] as string)
        : // Skips the surrogates, which a string only holds in pairs.
          String.fromCodePoint(1 + next(0xd7ff)),
    ).join(""),
  );
}

function pullRequest(id: number, title: string, labels: string[]): StoredRows["pull_requests"] {
  return {
    installationId: 2 ** 53 - 1,
    pullRequestId: id,
    repositoryId: 4_294_967_296,
    nodeId: `PR_${title}`,
    number: 2_147_483_647,
    title,
    author: { login: title, type: "User" },
    authorAssociation: null,
    draft: id % 2 === 0,
    state: "open",
    createdAt: 1_570_000_000_000,
    updatedAt: -1,
    closedAt: null,
    mergedAt: null,
    mergedBy: null,
    milestoneId: null,
    headSha: "0123456789abcdef",
    headRef: title,
    baseRef: "main",
    labels,
    readyAt: 0,
    versionHash: title,
  };
}

describe("a value written into a statement's text", () => {
  it("is read by PostgreSQL as the very text a parameter gives, however it is quoted", async () => {
    const pool = await database();
    const client = await pool.connect();
    try {
      for (const conforming of ["on", "off"]) {
        // Backslashes mean something in plain quotes when standard_conforming_strings is off.
        await client.query(`SET standard_conforming_strings = ${conforming}`);
        for (const text of [...AWKWARD, ...randomTexts(300)]) {
          const { rows } = await client.query({
            text: `SELECT ${sqlLiteral(text)}::text AS literal, $1::text AS parameter`,
            values: [text],
          });
          expect(rows[0]).toEqual({ literal: text, parameter: text });
        }
      }
    } finally {
      client.release();
    }
  });

  it("keeps every column of rows inserted, replaced, selected and deleted many to a statement", async () => {
    const pool = await database();
    const sql = rowSql("pull_requests");
    const rows = AWKWARD.map((title, i) => pullRequest(i + 1, title, [title, "a\\b", "'"]));
    await pool.query(sql.insert(rows));
    const byId = (list: StoredRows["pull_requests"][]) =>
      [...list].sort((a, b) => a.pullRequestId - b.pullRequestId);
    expect(byId(await scanPostgres(pool, "pull_requests"))).toEqual(rows);

    // A second insert of a key is refused; a replace overwrites every column but the key.
    await expect(pool.query(sql.insert(rows.slice(0, 1)))).rejects.toMatchObject({
      code: "23505",
    });
    const replaced = rows.map((row) => ({
      ...row,
      title: `${row.title}'\\`,
      draft: !row.draft,
      closedAt: 1_570_000_000_001,
      milestoneId: 42,
      labels: [],
    }));
    await pool.query(sql.replace(replaced));
    expect(byId(await scanPostgres(pool, "pull_requests"))).toEqual(replaced);

    // Rows are found by their keys, and only those rows are deleted.
    const some = replaced.filter((_, i) => i % 3 === 0);
    const { rows: found } = await pool.query({
      text: sql.select(["installationId", "pullRequestId"], some),
      rowMode: "array",
    });
    expect(byId(found.map((r: unknown[]) => sql.mapping.fromColumns(r) as never))).toEqual(some);
    await pool.query(sql.delete(some));
    expect(byId(await scanPostgres(pool, "pull_requests"))).toEqual(
      replaced.filter((_, i) => i % 3 !== 0),
    );
  });

  it("is refused, not guessed at, for what no row holds", () => {
    expect(sqlLiteral(null)).toBe("NULL");
    expect(sqlLiteral(undefined)).toBe("NULL");
    expect(sqlLiteral(true)).toBe("'1'");
    expect(sqlLiteral(false)).toBe("'0'");
    expect(sqlLiteral(-12)).toBe("'-12'");
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, {}, [], 1n, Symbol("s"), "a\0b"])
      expect(() => sqlLiteral(value)).toThrow(TypeError);
  });
});
