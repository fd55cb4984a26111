export { calendarFromConfig } from "./calendar-from-config.js";
export { expecting } from "./expecting.js";
export { formatConfigErrors } from "./format-config-errors.js";
export { githubTeamNames } from "./github-team-names.js";
export { loadConfig, loadConfigFile } from "./load-config.js";
export { type ConfigError, type ConfigResult, parseConfig } from "./parse-config.js";
export { type ConfigOctokit, ORGANIZATION_REPOSITORY } from "./read-config-files.js";
export {
  configSchema,
  type ExpectationsConfig,
  type HolidayPeriod,
  type Holidays,
} from "./schema.js";
export { settingsFromText } from "./settings-from-text.js";
export { settingsText } from "./settings-text.js";
