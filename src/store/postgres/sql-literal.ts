import pg from "pg";

/**
 * A column value written into a statement's text, for statements sent many to a round trip (the
 * simple query protocol takes no parameters). Every value is a quoted literal of unknown type,
 * which PostgreSQL reads as the column's type (BIGINT, INTEGER, BOOLEAN from 0/1, TEXT); only
 * the values rows are made of are accepted, anything else throws rather than being guessed at.
 */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new TypeError(`a row value is not a finite number: ${value}`);
    return `'${value}'`;
  }
  if (typeof value === "boolean") return value ? "'1'" : "'0'";
  if (typeof value !== "string") throw new TypeError(`a row value of type ${typeof value}`);
  // The statement's text ends at a NUL byte; PostgreSQL's text cannot hold one either.
  if (value.includes("\0")) throw new TypeError("a row value holds a NUL character");
  return pg.escapeLiteral(value);
}
