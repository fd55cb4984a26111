import type { z } from "zod";
import { configKey } from "./config-key.js";
import { describeValue } from "./describe-value.js";
import { configSchema, type ExpectationsConfig, knownKeysAt } from "./schema.js";
import { structureErrors } from "./structure-errors.js";
import { suggestKey } from "./suggest-key.js";

/** Errors past these are counted, not explained: nobody reads a suggestion for the 7,000th key. */
const SUGGESTIONS = 50;

export interface ConfigError {
  /** Dotted path such as "release.warn_within_business_days", or "(file)" for the file as a whole. */
  key: string;
  /** Short, for a person: what is wrong with the value. */
  message: string;
}

export type ConfigResult =
  | { ok: true; config: ExpectationsConfig }
  | { ok: false; errors: ConfigError[] };

function unknownKeyMessage(path: readonly PropertyKey[], key: string, explain: boolean): string {
  if (!explain) return "unknown key";
  const known = knownKeysAt(path);
  const suggestion = suggestKey(key, known);
  if (suggestion) return `unknown key; did you mean ${JSON.stringify(suggestion)}?`;
  if (known.length > 0)
    return `unknown key; expected one of ${known.map((k) => JSON.stringify(k)).join(", ")}`;
  return "unknown key";
}

function errorsOf(issues: readonly z.core.$ZodIssue[]): ConfigError[] {
  const errors: ConfigError[] = [];
  const seen = new Set<string>();
  const add = (key: string, message: string) => {
    // One problem per key is enough to fix it; later checks on the same value only repeat it.
    if (seen.has(key)) return;
    seen.add(key);
    errors.push({ key, message });
  };
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys)
        add(
          configKey([...issue.path, key]),
          unknownKeyMessage(issue.path, key, errors.length < SUGGESTIONS),
        );
    } else {
      add(configKey(issue.path), issue.message);
    }
  }
  return errors;
}

/** Validates the parsed content of `.github/expectations.yml`; `null` or `undefined` means there is no file. */
export function parseConfig(raw: unknown): ConfigResult {
  const input = raw ?? {};
  if (typeof input !== "object" || Array.isArray(input) || input instanceof Date) {
    return {
      ok: false,
      errors: [
        {
          key: "(file)",
          message: `expected a mapping of settings ("key: value" lines), got ${describeValue(input)}`,
        },
      ],
    };
  }
  const refused = structureErrors(input);
  if (refused.length > 0) return { ok: false, errors: refused };
  const result = configSchema.safeParse(input);
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, errors: errorsOf(result.error.issues) };
}
