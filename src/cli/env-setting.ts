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
