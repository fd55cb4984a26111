import { type Intern, TABLES } from "../schema/index.js";

/**
 * One statement's parameters, in the backend's form. Each method binds a value and returns what
 * writes its placeholder where it is called (again for each use), collecting values in order:
 * call it in the order the placeholders stand in the text (SQLite binds `?` by position).
 */
export interface StatementParameters {
  readonly values: unknown[];
  value(value: unknown): () => string;
  /** The test "is one of these ids" for a short list (repository ids, a chunk of milestone ids). */
  oneOf(ids: readonly number[]): () => string;
  /** The test "is one of these ids" for a list of any length (a period's pull requests). */
  oneOfMany(ids: readonly number[]): () => string;
}

/** What an SQL backend writes its own way in the activity reads; the rest is the same SQL. */
export interface ReadDialect {
  /** Runs a statement, its rows as arrays of the columns selected. */
  rows(text: string, values: unknown[]): unknown[][] | Promise<unknown[][]>;
  parameters(): StatementParameters;
  /** Most ids one statement may bind through `oneOf`. */
  idsPerStatement: number;
  /** `column` equal to the text `placeholder` stands for, ignoring case. */
  equalIgnoringCase(column: string, placeholder: string): string;
  /** `column` as an `ORDER BY` term comparing text byte by byte, never by locale. */
  byCodePoint(column: string): string;
  /** How many rows of the group `condition` holds for. */
  countWhere(condition: string): string;
}

/** Runs the statement `write` writes with a fresh set of parameters: its raw rows. */
export type Select = (write: (bind: StatementParameters) => string) => Promise<unknown[][]>;

export function selectIn(dialect: ReadDialect): Select {
  return async (write) => {
    const bind = dialect.parameters();
    const text = write(bind);
    return dialect.rows(text, bind.values);
  };
}

export const columns = (list: readonly string[]) => list.join(", ");

/** The tables read by pull request, and the order of one pull request's rows. */
const ORDER_IN_PULL_REQUEST = {
  reviews: "submitted_at, review_id",
  review_requests: "requested_at, reviewer",
  pull_request_timeline: "at, kind",
} as const;

/** Rows of `table` for these PRs, one statement; in a period's read `byPr` keeps each PR's together. */
export async function byPullRequest<T extends keyof typeof ORDER_IN_PULL_REQUEST>(
  select: Select,
  table: T,
  installationId: number,
  pullRequestIds: number[],
  intern: Intern,
  byPr = "",
) {
  const { columns: list, fromColumns } = TABLES[table];
  const found = await select((bind) => {
    const installation = bind.value(installationId);
    const pullRequests = bind.oneOfMany(pullRequestIds);
    return `SELECT ${columns(list)} FROM ${table} WHERE installation_id = ${installation()}
       AND pull_request_id ${pullRequests()} ORDER BY ${byPr}${ORDER_IN_PULL_REQUEST[table]}`;
  });
  return found.map((r) => fromColumns(r, intern));
}
