import { configKey } from "./config-key.js";
import { CONFIG_LIMITS } from "./config-limits.js";
import type { ConfigError } from "./parse-config.js";

/** Keys that would give a JavaScript object another prototype, or look for one. */
const REFUSED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** A list longer than this is no setting's, and is refused as a whole without a look inside. */
const LONGEST_LIST = Math.max(
  CONFIG_LIMITS.holidays,
  CONFIG_LIMITS.workdays,
  CONFIG_LIMITS.bots,
  CONFIG_LIMITS.members,
  CONFIG_LIMITS.labels,
  CONFIG_LIMITS.headBranches,
  CONFIG_LIMITS.teamRepositories,
  CONFIG_LIMITS.teamMembers,
);

interface Visit {
  value: unknown;
  key: PropertyKey;
  parent: Visit | undefined;
  depth: number;
}

function pathOf(visit: Visit): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let at: Visit | undefined = visit; at?.parent; at = at.parent) path.unshift(at.key);
  return path;
}

/**
 * What no setting can be, found before any value is looked at: a key that would change what
 * other keys mean (`__proto__: {reports: …}` would make them inherited, past the trust check),
 * and mappings or lists nested deeper than any setting goes. Each mapping and list is looked at
 * once, however often YAML aliases repeat it.
 */
export function structureErrors(raw: unknown): ConfigError[] {
  const errors: ConfigError[] = [];
  const seen = new Set<object>();
  const pending: Visit[] = [{ value: raw, key: "", parent: undefined, depth: 0 }];
  while (pending.length > 0) {
    const visit = pending.pop() as Visit;
    const { value, depth } = visit;
    if (typeof value !== "object" || value === null || value instanceof Date || seen.has(value))
      continue;
    seen.add(value);
    if (depth > CONFIG_LIMITS.depth) {
      errors.push({
        key: configKey(pathOf(visit)),
        message: `nested more than ${CONFIG_LIMITS.depth} levels deep, deeper than any setting goes`,
      });
      continue;
    }
    if (Array.isArray(value)) {
      if (value.length > LONGEST_LIST) continue;
      for (let index = 0; index < value.length; index++)
        pending.push({ value: value[index], key: index, parent: visit, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(value)) {
      if (REFUSED_KEYS.has(key)) {
        errors.push({
          key: configKey([...pathOf(visit), key]),
          message: `${JSON.stringify(key)} is not a setting, and is refused wherever it appears: in JavaScript it would change what the other settings mean`,
        });
        continue;
      }
      const child = (value as Record<string, unknown>)[key];
      if (typeof child === "object" && child !== null)
        pending.push({ value: child, key, parent: visit, depth: depth + 1 });
    }
  }
  return errors.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
