import type Database from "better-sqlite3";
import { activityReads, type ReadDialect } from "../activity-reads/index.js";
import type { ActivityReads } from "../store.js";

/** SQLite's way of writing the activity reads: `?` parameters, bound again at each use. */
function sqliteReadDialect(db: Database.Database): ReadDialect {
  return {
    rows: (text, values) =>
      db
        .prepare(text)
        .raw()
        .all(...values) as unknown[][],
    parameters() {
      const values: unknown[] = [];
      return {
        values,
        value: (value) => () => {
          values.push(value);
          return "?";
        },
        oneOf: (ids) => () => {
          values.push(...ids);
          return `IN (${ids.map(() => "?").join(", ")})`;
        },
        oneOfMany(ids) {
          // The ids go in as one JSON array, not thousands of parameters.
          const list = JSON.stringify(ids);
          return () => {
            values.push(list);
            return "IN (SELECT value FROM json_each(?))";
          };
        },
      };
    },
    // Stays below SQLite's bound-parameter limit.
    idsPerStatement: 500,
    equalIgnoringCase: (column, placeholder) => `${column} = ${placeholder} COLLATE NOCASE`,
    // BINARY, SQLite's default collation, already compares the bytes.
    byCodePoint: (column) => column,
    countWhere: (condition) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`,
  };
}

export function sqliteActivityReads(db: Database.Database): ActivityReads {
  const dataVersion = db
    .prepare("SELECT data_version, total_changes() FROM pragma_data_version()")
    .raw();
  return {
    ...activityReads(sqliteReadDialect(db)),
    async dataVersion() {
      // data_version moves with other connections' commits, total_changes() with this one's.
      const [version, changes] = dataVersion.get() as [number, number];
      return `${version}.${changes}`;
    },
  };
}
