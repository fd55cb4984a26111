import { describe, expect, it } from "vitest";
import { normalizeDelivery } from "../../../src/ingest/index.js";
import { applyDelivery, type RowProgram } from "../../../src/store/changes/index.js";
import type { RowWrites } from "../../../src/store/postgres/pass-writes.js";
import { rowText } from "../../../src/store/postgres/row-text.js";
import {
  type ProgramOutcome,
  transactionRows,
} from "../../../src/store/postgres/transaction-rows.js";
import { TABLES } from "../../../src/store/schema/index.js";
import { ROW_KEYS, type TableName } from "../../../src/store/stored-rows.js";
import { kodiakChain, readDeliveryStream } from "../../helpers/fixtures.js";

type Row = Record<string, unknown>;

/** Tables as a database holds them after the writes given (a stand-in for PostgreSQL). */
function database() {
  const tables = new Map<TableName, Map<string, Row>>();
  const table = (name: TableName) => {
    if (!tables.has(name)) tables.set(name, new Map());
    return tables.get(name) as Map<string, Row>;
  };
  const key = (name: TableName, row: Row) => rowText(ROW_KEYS[name] as readonly string[], row);
  return {
    rows: (name: TableName) => [...table(name).values()],
    apply(writes: readonly RowWrites[]) {
      for (const entry of writes) {
        if (entry.kind === "purge") {
          const { installationId, repositoryId } = entry.scope;
          const column = repositoryId === undefined ? "installation_id" : "repository_id";
          for (const [name, rows] of tables)
            if ((TABLES[name].columns as readonly string[]).includes(column))
              for (const [text, row] of rows)
                if (
                  row.installationId === installationId &&
                  (repositoryId === undefined || row.repositoryId === repositoryId)
                )
                  rows.delete(text);
          continue;
        }
        const { table: name, inserted, replaced, deleted } = entry.writes;
        for (const gone of deleted) table(name).delete(key(name, gone));
        for (const row of inserted) {
          if (table(name).has(key(name, row))) throw new Error(`${name}: duplicate key`);
          table(name).set(key(name, row), row);
        }
        for (const row of replaced) table(name).set(key(name, row), row);
      }
    },
  };
}

/** Runs programs the way runPrograms does, counting its read round trips. */
function run<T>(db: ReturnType<typeof database>, programs: (() => RowProgram<T>)[]) {
  const rows = transactionRows();
  for (let rounds = 0; ; rounds++) {
    const pass = rows.pass();
    const outcomes: ProgramOutcome<T>[] = programs.map((program) => pass.run(program()));
    const needed = pass.needed();
    if (needed.length === 0) {
      db.apply(pass.writes());
      return { outcomes, rounds, writes: pass.writes() };
    }
    for (const read of needed)
      rows.load(
        read,
        db.rows(read.table).filter((row) => read.values.has(rowText(read.fields, row))),
      );
  }
}

function deliveries(list = [...kodiakChain(), ...readDeliveryStream("demo/deliveries.jsonl")]) {
  return list.flatMap((delivery) => {
    const normalized = normalizeDelivery(delivery);
    return normalized.ignored ? [] : [normalized];
  });
}

const everything = (db: ReturnType<typeof database>) =>
  Object.fromEntries(
    (Object.keys(TABLES) as TableName[]).map((name) => [
      name,
      db
        .rows(name)
        .map((row) => JSON.stringify(row))
        .sort(),
    ]),
  );

describe("a transaction's rows", () => {
  it("run a burst of deliveries after one round trip of reads, to what one by one gives", () => {
    // Recorded deliveries, and ten of them redelivered in the same burst.
    const recorded = deliveries();
    const burst = [...recorded, ...recorded.slice(0, 10)];
    const together = database();
    const { outcomes, rounds } = run(
      together,
      burst.map(
        ({ delivery, changes }) =>
          () =>
            applyDelivery(delivery, changes),
      ),
    );
    const apart = database();
    const one = burst.map(
      ({ delivery, changes }) => run(apart, [() => applyDelivery(delivery, changes)]).outcomes[0],
    );
    expect(outcomes).toEqual(one);
    expect(outcomes.filter((o) => "result" in o && o.result === "duplicate")).toHaveLength(10);
    expect(everything(together)).toEqual(everything(apart));
    expect(rounds).toBe(1);
  });

  it("write each row once, as the last program left it", () => {
    const chain = deliveries(kodiakChain());
    const { writes } = run(
      database(),
      chain.map(
        ({ delivery, changes }) =>
          () =>
            applyDelivery(delivery, changes),
      ),
    );
    const pullRequests = writes.flatMap((w) =>
      w.kind === "rows" && w.writes.table === "pull_requests" ? w.writes.replaced : [],
    );
    expect(pullRequests).toHaveLength(1);
    const reviews = writes.flatMap((w) =>
      w.kind === "rows" && w.writes.table === "reviews" ? w.writes.replaced : [],
    );
    expect(reviews).toHaveLength(3);
  });

  it("leave out everything a program that throws wrote, and the programs after it do not see it", () => {
    const [first, second] = deliveries(kodiakChain());
    if (!first || !second) throw new Error("too few deliveries");
    const db = database();
    const { outcomes } = run(db, [
      function* () {
        yield* applyDelivery(first.delivery, first.changes);
        throw new Error("a rule refused the record");
      },
      () => applyDelivery(first.delivery, first.changes),
      () => applyDelivery(second.delivery, second.changes),
    ]);
    expect(outcomes.map((o) => ("error" in o ? "error" : o.result))).toEqual([
      "error",
      "applied",
      "applied",
    ]);
    expect(db.rows("deliveries").map((row) => row.deliveryId)).toEqual([
      first.delivery.deliveryId,
      second.delivery.deliveryId,
    ]);
  });

  it("after an uninstall in the same transaction, find nothing of the installation but what came after it", () => {
    const burst = deliveries();
    const db = database();
    run(
      db,
      burst.map(
        ({ delivery, changes }) =>
          () =>
            applyDelivery(delivery, changes),
      ),
    );
    const installationId = burst[0]?.delivery.installationId as number;
    const uninstall = deliveries([
      {
        name: "installation",
        id: "uninstall-1",
        payload: {
          action: "deleted",
          installation: { id: installationId, account: { login: "panjf2000", type: "User" } },
        },
        receivedAt: 0,
      },
    ]);
    const again = burst.filter((n) => n.delivery.installationId === installationId).slice(0, 3);
    const after = run(db, [
      ...uninstall.map(
        ({ delivery, changes }) =>
          () =>
            applyDelivery(delivery, changes),
      ),
      ...again.map(
        ({ delivery, changes }) =>
          () =>
            applyDelivery(delivery, changes),
      ),
    ]);
    // What the uninstall removed is new again: the deliveries apply as if first seen.
    expect(after.outcomes.map((o) => ("result" in o ? o.result : "error"))).toEqual([
      "applied",
      "applied",
      "applied",
      "applied",
    ]);
    const fresh = database();
    run(
      fresh,
      [...uninstall, ...again].map(
        ({ delivery, changes }) =>
          () =>
            applyDelivery(delivery, changes),
      ),
    );
    const mine = (rows: Row[]) =>
      rows
        .filter((row) => row.installationId === installationId)
        .map((row) => JSON.stringify(row))
        .sort();
    for (const name of ["repositories", "pull_requests", "issues", "deliveries"] as const)
      expect(mine(db.rows(name))).toEqual(mine(fresh.rows(name)));
  });
});
