import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { normalizeDelivery } from "../../../src/ingest/index.js";
import { openStore } from "../../../src/store/index.js";
import { kodiakChain } from "../../helpers/fixtures.js";
import { tempPostgresStore } from "../../helpers/temp-postgres.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function normalized(index: number) {
  const delivery = kodiakChain()[index];
  if (!delivery) throw new Error(`no delivery ${index}`);
  const result = normalizeDelivery(delivery);
  if (result.ignored) throw new Error("the delivery is ignored");
  return result;
}

describe("a read-only PostgreSQL store (the dashboard's workers)", () => {
  it("reads what the writing store stored, and a write is refused without a trace", async () => {
    const { store, url, cleanup } = await tempPostgresStore();
    cleanups.push(cleanup);
    const first = normalized(0);
    await store.applyDelivery(first.delivery, first.changes);

    const reader = await openStore({ url, readOnly: true });
    cleanups.push(() => reader.close());
    const [repository] = await store.findRepositories("chdsbd/test_repo");
    if (!repository) throw new Error("nothing stored");
    expect(await reader.findRepositories("chdsbd/test_repo")).toEqual([repository]);
    const open = await store.listOpenPullRequests(
      repository.installationId,
      repository.repositoryId,
    );
    expect(open).toHaveLength(1);
    expect(
      await reader.listOpenPullRequests(repository.installationId, repository.repositoryId),
    ).toEqual(open);

    const second = normalized(1);
    await expect(reader.applyDelivery(second.delivery, second.changes)).rejects.toThrow(
      /read-only/,
    );
    // Nothing of the refused attempt stayed: the writer records the delivery as new.
    expect(await store.applyDelivery(second.delivery, second.changes)).toBe("applied");
  });

  it("refuses a database this version has not migrated, and migrates nothing", async () => {
    const { url, cleanup } = await tempPostgresStore();
    cleanups.push(cleanup);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    cleanups.push(() => client.end());
    const { rows } = await client.query<{ version: number }>(
      "DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations) RETURNING version",
    );
    const removed = rows[0]?.version;

    await expect(openStore({ url, readOnly: true })).rejects.toThrow(
      new RegExp(`lacks migration ${removed}: start the server`),
    );
    const after = await client.query("SELECT 1 FROM schema_migrations WHERE version = $1", [
      removed,
    ]);
    expect(after.rowCount).toBe(0);
  });
});
