/**
 * How a table is declared once for every backend: its columns (type and nullability, for the
 * migrations to match, see test/store/schema.test.ts) and how a row's fields are written to them
 * and read back from a raw row (an array of column values: much cheaper than one object per row).
 * Booleans are written 0/1 (PostgreSQL reads that as a boolean) and read as either, lists are
 * JSON text, times integer epoch milliseconds.
 */

/** The kinds of column both backends keep (a boolean is an INTEGER 0/1 on SQLite). */
export type ColumnType = "integer" | "text" | "boolean";

export interface Column<R> {
  type: ColumnType;
  nullable: boolean;
  /** The value this column keeps for a row; when absent, the field named after the column. */
  write?: (row: R) => unknown;
}

/** Columns by name, in the order they are selected and written. */
export type Columns<R, C extends string = string> = { readonly [K in C]: Column<R> };

/** Where each column stands in a raw row, found by name once. */
export type ColumnIndex<C extends string> = { readonly [K in C]: number };

/** Gives one copy of each repeated string (logins, states) across a large read. */
export type Intern = (value: unknown) => string;

export function interner(): Intern {
  const seen = new Map<string, string>();
  return (value) => {
    const text = value as string;
    const known = seen.get(text);
    if (known !== undefined) return known;
    seen.set(text, text);
    return text;
  };
}

const asIs: Intern = (value) => value as string;

/** A raw row read into the row type, its columns found through `at`. */
export type ReadRow<R, C extends string> = (
  r: readonly unknown[],
  at: ColumnIndex<C>,
  intern: Intern,
) => R;

/** A set of columns and the row type read from them. */
export interface RowMapping<R> {
  columns: readonly string[];
  fromColumns(r: readonly unknown[], intern?: Intern): R;
}

/** A table's declaration: its name, its columns, a row to and from their values. */
export interface TableDeclaration<R> extends RowMapping<R> {
  name: string;
  /** Each column's kind and nullability, by name. */
  declared: Readonly<Record<string, Column<R>>>;
  toColumns(row: R): unknown[];
}

function column<R>(type: ColumnType, nullable: boolean) {
  return (write?: (row: R) => unknown): Column<R> => ({ type, nullable, write });
}

/** Column builders for rows of type R: `integer()` keeps the field named after the column. */
export function columnsOf<R>() {
  return {
    integer: column<R>("integer", false),
    nullableInteger: column<R>("integer", true),
    text: column<R>("text", false),
    nullableText: column<R>("text", true),
    boolean: column<R>("boolean", false),
    /** A list or object kept as JSON text. */
    json: (read: (row: R) => unknown): Column<R> => ({
      type: "text",
      nullable: false,
      write: (row) => JSON.stringify(read(row)),
    }),
  };
}

/** The column of a row field: `pullRequestId` is kept as `pull_request_id`. */
export function columnOf(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function fieldOf(column: string): string {
  return column.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

/** A boolean column: SQLite gives 0/1, PostgreSQL true/false. */
export function flag(value: unknown): boolean {
  return value === 1 || value === true;
}

export function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : (value as number);
}

export function stringOrNull(value: unknown, intern: Intern = asIs): string | null {
  return value === null || value === undefined ? null : intern(value);
}

/** A JSON list of strings (labels, team names). */
export function stringList(text: unknown): string[] {
  return text === "[]" ? [] : (JSON.parse(text as string) as string[]);
}

export function indexOf<C extends string>(columns: readonly C[]): ColumnIndex<C> {
  return Object.fromEntries(columns.map((name, i) => [name, i])) as ColumnIndex<C>;
}

/** The columns of `declared` read by `read`: a raw row of them in that order into R. */
export function rowMapping<R, C extends string>(
  declared: { readonly [K in C]: unknown },
  read: ReadRow<R, C>,
): RowMapping<R> {
  const columns = Object.keys(declared) as C[];
  const at = indexOf(columns);
  return { columns, fromColumns: (r, intern = asIs) => read(r, at, intern) };
}

/** Each field in the column of its name, booleans as 0/1: the read of a flat table. */
function readFlat<R>(declared: Columns<R>): ReadRow<R, string> {
  const fields = Object.entries(declared).map(
    ([name, { type }]) => [fieldOf(name), type === "boolean"] as const,
  );
  return (r) => {
    const row: Record<string, unknown> = {};
    fields.forEach(([field, bool], i) => {
      row[field] = bool ? flag(r[i]) : r[i];
    });
    return row as R;
  };
}

/**
 * Declares a table. Without `read`, the table is flat: each field is read from the column of
 * its name (booleans from 0/1 or true/false).
 */
export function declareTable<R, C extends string>(
  name: string,
  declared: Columns<R, C>,
  read: ReadRow<R, C> = readFlat(declared) as ReadRow<R, C>,
): TableDeclaration<R> {
  const mapping = rowMapping(declared, read);
  const writers = Object.entries<Column<R>>(declared).map(([column, { type, write }]) => {
    const field = fieldOf(column);
    const value = write ?? ((row: R) => (row as Record<string, unknown>)[field]);
    return type === "boolean" ? (row: R) => (value(row) ? 1 : 0) : value;
  });
  return {
    name,
    declared,
    ...mapping,
    toColumns: (row) => writers.map((write) => write(row)),
  };
}
