import { DECLARED_SETTINGS, type SettingsEnv } from "./declared-settings.js";
import { durationSetting } from "./duration-setting.js";
import { integerSetting } from "./integer-setting.js";
import { secretSetting } from "./secret-setting.js";
import { SettingError } from "./setting-error.js";

/**
 * Checks every declared setting that has a value: numbers and durations within their bounds,
 * choices among theirs, secrets long enough. The first bad one is a `SettingError` naming it (and `origin(name)`, where it was set,
 * when that is known).
 */
export function checkSettings(
  env: SettingsEnv,
  origin: (name: string) => string | undefined,
): void {
  for (const setting of DECLARED_SETTINGS) {
    const text = env[setting.name]?.trim();
    if (text === undefined || text === "") continue;
    try {
      if (setting.value.kind === "integer") integerSetting(env, setting.name);
      else if (setting.value.kind === "duration") durationSetting(env, setting.name);
      else if ("minLength" in setting.value) secretSetting(env, setting.name);
      else if (
        setting.value.kind === "choice" &&
        !(setting.value.choices as readonly string[]).includes(text)
      )
        throw new SettingError(
          `${setting.name}: "${text}" is not one of ${setting.value.choices.join(", ")}`,
        );
    } catch (error) {
      const where = origin(setting.name);
      if (error instanceof SettingError && where)
        throw new SettingError(`${error.message} (set in ${where})`);
      throw error;
    }
  }
}
