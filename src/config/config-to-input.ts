import type { ExpectationsConfig } from "./schema.js";

const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/**
 * Settings written back the way `.github/expectations.yml` holds them: `parseConfig` of the
 * result gives the same settings, so settings kept in the store are validated again (and get
 * the defaults of keys added since) when they are read back.
 */
export function configToInput(config: ExpectationsConfig): Record<string, unknown> {
  const { workdays, holidays, ...rest } = config;
  return {
    ...rest,
    workdays: workdays.map((day) => DAY_NAMES[day]),
    holidays: holidays.periods.map(({ from, to, name }) =>
      name === undefined ? { from, to } : { from, to, name },
    ),
  };
}
