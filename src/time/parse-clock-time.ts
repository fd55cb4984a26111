const CLOCK_TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** Minutes after midnight of a wall-clock time "HH:MM" ("24:00" is the end of the day), or `undefined`. */
export function parseClockTime(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const match = CLOCK_TIME.exec(value);
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes > 24 * 60 ? undefined : minutes;
}
