import { DECLARED_SETTINGS, type SettingName, type SettingsEnv } from "./declared-settings.js";
import { SettingError } from "./setting-error.js";

/**
 * A whole-number setting within its declared bounds, or undefined when it is unset or empty.
 * Anything else is a start-up error naming the setting, never a silent default. Every numeric
 * setting is read through here.
 */
export function integerSetting(env: SettingsEnv, name: SettingName): number | undefined {
  const declared = DECLARED_SETTINGS.find((setting) => setting.name === name)?.value;
  if (declared?.kind !== "integer") throw new TypeError(`${name} is not a declared number`);
  const text = env[name]?.trim();
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  const max = "max" in declared ? declared.max : Number.MAX_SAFE_INTEGER;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < declared.min || value > max)
    throw new SettingError(
      `${name}: "${text}" is not ${max === Number.MAX_SAFE_INTEGER && declared.min === 1 ? "a positive whole number" : `a whole number from ${declared.min} to ${max}`}; set one, or leave it unset for the default`,
    );
  return value;
}
