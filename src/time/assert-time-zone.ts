const known = new Set<string>();

export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== "string" || timeZone.trim() === "") return false;
  if (known.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    return false;
  }
  known.add(timeZone);
  return true;
}

export function assertTimeZone(timeZone: unknown): asserts timeZone is string {
  if (!isValidTimeZone(timeZone)) {
    throw new Error(
      `Unknown time zone ${JSON.stringify(timeZone)}: use an IANA time zone name such as "Europe/Berlin" or "UTC"`,
    );
  }
}
