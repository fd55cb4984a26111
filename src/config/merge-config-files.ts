import { isPlainObject } from "./is-plain-object.js";

function mergeInto(
  base: Record<string, unknown>,
  override: Record<string, unknown>,
): Record<string, unknown> {
  // No prototype: a key named `__proto__` stays a key (for parseConfig to refuse), never a parent.
  const merged: Record<string, unknown> = Object.create(null);
  for (const [key, value] of Object.entries(base)) merged[key] = value;
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    merged[key] =
      isPlainObject(current) && isPlainObject(value) ? mergeInto(current, value) : value;
  }
  return merged;
}

/**
 * Merges config files from the most general (an `_extends` base) to the most specific (the repository):
 * mappings merge key by key, and a list or value in a more specific file replaces the inherited one.
 */
export function mergeConfigFiles(
  files: readonly Record<string, unknown>[],
): Record<string, unknown> {
  return files.reduce<Record<string, unknown>>(
    (merged, file) => mergeInto(merged, file),
    Object.create(null),
  );
}
