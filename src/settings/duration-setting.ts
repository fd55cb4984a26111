import { DECLARED_SETTINGS, type SettingName, type SettingsEnv } from "./declared-settings.js";
import { SettingError } from "./setting-error.js";

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;

/**
 * A duration setting (`90s`, `5m`, `1h`) in milliseconds, at least its declared minimum, or
 * undefined when it is unset or empty. Anything else is a start-up error naming the setting.
 */
export function durationSetting(env: SettingsEnv, name: SettingName): number | undefined {
  const declared = DECLARED_SETTINGS.find((setting) => setting.name === name)?.value;
  if (declared?.kind !== "duration") throw new TypeError(`${name} is not a declared duration`);
  const text = env[name]?.trim();
  if (text === undefined || text === "") return undefined;
  const match = /^(\d{1,6})(s|m|h)$/.exec(text);
  const ms = match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : Number.NaN;
  if (!(ms >= declared.minMs))
    throw new SettingError(
      `${name}: "${text}" is not a duration of at least ${declared.minMs / 1000} seconds such as 90s, 5m or 1h; set one, or leave it unset for the default`,
    );
  return ms;
}
