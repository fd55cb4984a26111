export { appPrivateKey } from "./app-private-key.js";
export {
  DECLARED_SETTINGS,
  type SettingDeclaration,
  type SettingName,
  type SettingsEnv,
} from "./declared-settings.js";
export { durationSetting } from "./duration-setting.js";
export { integerSetting } from "./integer-setting.js";
export { type LoadedSettings, loadSettings } from "./load-settings.js";
export { renderEnvExample } from "./render-env-example.js";
export { secretSetting } from "./secret-setting.js";
export { SettingError } from "./setting-error.js";
