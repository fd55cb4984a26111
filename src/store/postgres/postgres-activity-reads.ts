import type pg from "pg";
import { activityReads, type ReadDialect } from "../activity-reads/index.js";
import type { ActivityReads } from "../store.js";
import { queryRows } from "./postgres-rows.js";

/** PostgreSQL's way of writing the activity reads: numbered parameters, a list of ids as one array. */
function postgresReadDialect(pool: pg.Pool): ReadDialect {
  return {
    rows: (text, values) => queryRows(pool, text, values),
    parameters() {
      const values: unknown[] = [];
      /** Numbered at its first use; later uses write the same number. */
      const bind = (value: unknown, write: (placeholder: string) => string) => {
        let placeholder: string | undefined;
        return () => {
          if (placeholder === undefined) placeholder = `$${values.push(value)}`;
          return write(placeholder);
        };
      };
      const anyOf = (ids: readonly number[]) =>
        bind(ids, (placeholder) => `= ANY(${placeholder}::bigint[])`);
      return {
        values,
        value: (value) => bind(value, (placeholder) => placeholder),
        oneOf: anyOf,
        oneOfMany: anyOf,
      };
    },
    // One array parameter holds any number of ids.
    idsPerStatement: Number.POSITIVE_INFINITY,
    equalIgnoringCase: (column, placeholder) => `lower(${column}) = lower(${placeholder})`,
    byCodePoint: (column) => `${column} COLLATE "C"`,
    countWhere: (condition) => `COUNT(*) FILTER (WHERE ${condition})`,
  };
}

/** The reads of the PostgreSQL store: the same rows as SQLite's, lists of ids as one array parameter. */
export function postgresActivityReads(pool: pg.Pool): ActivityReads {
  return {
    ...activityReads(postgresReadDialect(pool)),
    async dataVersion() {
      // Moved by every replica after each committed write (see postgresTransactions).
      const [[version, called] = []] = await queryRows(
        pool,
        "SELECT last_value, is_called FROM data_version",
      );
      return called ? String(version) : "0";
    },
  };
}
