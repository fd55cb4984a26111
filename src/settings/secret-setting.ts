import {
  DECLARED_SETTINGS,
  type SettingName,
  type SettingsEnv,
  type SettingValue,
} from "./declared-settings.js";
import { SettingError } from "./setting-error.js";

/**
 * A secret setting of at least its declared length, or undefined when it is unset or empty (the
 * feature it guards is then off). A shorter one is a start-up error naming it.
 */
export function secretSetting(env: SettingsEnv, name: SettingName): string | undefined {
  const declared: SettingValue | undefined = DECLARED_SETTINGS.find(
    (setting) => setting.name === name,
  )?.value;
  if (declared?.kind !== "text" || !declared.secret)
    throw new TypeError(`${name} is not a declared secret`);
  const text = env[name]?.trim();
  if (text === undefined || text === "") return undefined;
  const minLength = declared.minLength ?? 1;
  if (text.length < minLength)
    throw new SettingError(
      `${name} is shorter than ${minLength} characters: set a longer random one (openssl rand -hex 32), or leave it unset to keep it off`,
    );
  return text;
}
