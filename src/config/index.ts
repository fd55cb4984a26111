export { calendarFromConfig } from "./calendar-from-config.js";
export { formatConfigErrors } from "./format-config-errors.js";
export { type ConfigOctokit, loadConfig, loadConfigFile } from "./load-config.js";
export { type ConfigError, type ConfigResult, parseConfig } from "./parse-config.js";
export {
  configSchema,
  type ExpectationsConfig,
  type HolidayPeriod,
  type Holidays,
} from "./schema.js";
