import { UsageError } from "./usage-error.js";

/**
 * A setting that must be a positive whole number, or undefined when it is unset or empty.
 * Anything else is a start-up error naming the variable, never a silent default.
 */
export function positiveIntegerSetting(
  env: Record<string, string | undefined>,
  name: string,
): number | undefined {
  const text = env[name]?.trim();
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1)
    throw new UsageError(
      `${name}: "${text}" is not a positive whole number; set one, or leave it unset for the default`,
    );
  return value;
}

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;

/**
 * A duration such as `90s`, `5m` or `1h` in milliseconds, at least `minimumMs`; undefined when
 * unset or empty. Anything else is a start-up error naming the variable.
 */
export function durationSetting(
  env: Record<string, string | undefined>,
  name: string,
  minimumMs: number,
): number | undefined {
  const text = env[name]?.trim();
  if (text === undefined || text === "") return undefined;
  const match = /^(\d{1,6})(s|m|h)$/.exec(text);
  const ms = match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : Number.NaN;
  if (!(ms >= minimumMs))
    throw new UsageError(
      `${name}: "${text}" is not a duration of at least ${minimumMs / 1000} seconds such as 90s, 5m or 1h; set one, or leave it unset for the default`,
    );
  return ms;
}

/**
 * A secret of at least `minimumLength` characters (a bearer token), or undefined when unset or
 * empty: the feature it guards is then off. A shorter one is a start-up error naming it.
 */
export function secretSetting(
  env: Record<string, string | undefined>,
  name: string,
  minimumLength: number,
): string | undefined {
  const text = env[name]?.trim();
  if (text === undefined || text === "") return undefined;
  if (text.length < minimumLength)
    throw new UsageError(
      `${name} is shorter than ${minimumLength} characters: set a longer random one (openssl rand -hex 32), or leave it unset to keep it off`,
    );
  return text;
}
