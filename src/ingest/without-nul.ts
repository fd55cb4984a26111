/** U+FFFD, the replacement character: where a NUL was, on every backend alike. */
const REPLACEMENT = "\uFFFD";

/**
 * The value with every NUL character (U+0000) in its strings, keys included, replaced by U+FFFD:
 * PostgreSQL's text cannot hold a NUL and SQLite can, so records are cleaned before either sees
 * them. Values without one are returned as they are.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === "string")
    return (value.includes("\0") ? value.replaceAll("\0", REPLACEMENT) : value) as T;
  if (Array.isArray(value)) {
    const items = value.map(withoutNul);
    return (items.some((item, i) => item !== value[i]) ? items : value) as T;
  }
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value);
  const cleaned = entries.map(([key, item]) => [withoutNul(key), withoutNul(item)] as const);
  return (
    cleaned.some(([key, item], i) => key !== entries[i]?.[0] || item !== entries[i]?.[1])
      ? Object.fromEntries(cleaned)
      : value
  ) as T;
}
