import { describe, expect, it } from "vitest";
import { nextCronRun, previousCronRun } from "../../src/time/index.js";

describe("nextCronRun: the first run strictly after an instant, in the zone's wall clock", () => {
  it.each([
    // cron, time zone, after, next run (UTC)
    ["0 9 * * 1", "UTC", "2026-11-27T12:00:00Z", "2026-11-30T09:00:00.000Z"], // Friday -> Monday
    ["0 9 * * 1", "UTC", "2026-11-30T09:00:00Z", "2026-12-07T09:00:00.000Z"], // strictly after
    ["0 9 * * 1", "UTC", "2026-11-30T08:59:59Z", "2026-11-30T09:00:00.000Z"],
    ["0 9 * * 1", "Europe/Berlin", "2026-11-27T12:00:00Z", "2026-11-30T08:00:00.000Z"], // CET +1
    ["0 9 * * 1", "America/Los_Angeles", "2026-11-30T16:00:00Z", "2026-11-30T17:00:00.000Z"], // PST -8
    // Spring forward in Berlin on Sunday 2026-03-29: Monday 09:00 is 08:00Z before, 07:00Z after.
    ["0 9 * * 1", "Europe/Berlin", "2026-03-23T08:00:00Z", "2026-03-30T07:00:00.000Z"],
    // 02:30 does not exist on 2026-03-29 in Berlin: it runs at the first instant after the gap
    // (03:00 CEST), as Vixie cron runs a fixed-time job the clocks skipped.
    ["30 2 * * *", "Europe/Berlin", "2026-03-28T02:00:00Z", "2026-03-29T01:00:00.000Z"],
    // 02:30 happens twice on 2026-10-25 in Berlin: it runs once, the first time (CEST).
    ["30 2 * * *", "Europe/Berlin", "2026-10-24T01:00:00Z", "2026-10-25T00:30:00.000Z"],
    ["30 2 * * *", "Europe/Berlin", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00.000Z"],
    // Local midnight across the date line: Monday 00:05 in Tokyo is Sunday in UTC.
    ["5 0 * * 1", "Asia/Tokyo", "2026-11-27T00:00:00Z", "2026-11-29T15:05:00.000Z"],
    // Steps, ranges and lists.
    ["*/15 9-10 * * 1-5", "UTC", "2026-11-27T10:50:00Z", "2026-11-30T09:00:00.000Z"],
    ["0 8,17 * * *", "UTC", "2026-11-27T09:00:00Z", "2026-11-27T17:00:00.000Z"],
    // Day of month and day of week both given: either matches, as in cron.
    ["0 0 1 * 5", "UTC", "2026-11-27T00:00:00Z", "2026-12-01T00:00:00.000Z"],
    ["0 0 1 * 5", "UTC", "2026-11-02T00:00:00Z", "2026-11-06T00:00:00.000Z"],
    // A field that starts with * restricts nothing there: both must match, as in Vixie cron.
    // Here odd days that are Mondays: Friday the 27th is odd but no Monday, Monday the 30th even.
    ["0 9 */2 * 1", "UTC", "2026-11-27T00:00:00Z", "2026-12-07T09:00:00.000Z"],
    // Milliseconds count: strictly after means after 09:00:00.500 too.
    ["0 9 * * 1", "UTC", "2026-11-30T08:59:59.999Z", "2026-11-30T09:00:00.000Z"],
    ["0 9 * * 1", "UTC", "2026-11-30T09:00:00.500Z", "2026-12-07T09:00:00.000Z"],
    // 7 is Sunday too; 29 February only in leap years.
    ["0 12 * * 7", "UTC", "2026-11-27T00:00:00Z", "2026-11-29T12:00:00.000Z"],
    ["0 0 29 2 *", "UTC", "2026-11-27T00:00:00Z", "2028-02-29T00:00:00.000Z"],
  ])("%s in %s after %s -> %s", (cron, zone, after, expected) => {
    expect(nextCronRun(cron, new Date(after), zone).toISOString()).toBe(expected);
  });

  it("runs a time the clocks repeat once, unless hour or minute is a wildcard or a step", () => {
    // Berlin falls back at 03:00 CEST on 2026-10-25: 02:00-02:59 happens twice.
    const runs = (cron: string) => {
      const out: string[] = [];
      let after = new Date("2026-10-24T23:00:00Z");
      for (let i = 0; i < 4; i++) {
        after = nextCronRun(cron, after, "Europe/Berlin");
        out.push(after.toISOString());
      }
      return out;
    };
    expect(runs("0,30 2 * * *")).toEqual([
      "2026-10-25T00:00:00.000Z",
      "2026-10-25T00:30:00.000Z",
      "2026-10-26T01:00:00.000Z",
      "2026-10-26T01:30:00.000Z",
    ]);
    expect(runs("*/30 2 * * *")).toEqual([
      "2026-10-25T00:00:00.000Z",
      "2026-10-25T00:30:00.000Z",
      "2026-10-25T01:00:00.000Z",
      "2026-10-25T01:30:00.000Z",
    ]);
  });

  it("says so for a schedule that never runs", () => {
    expect(() => nextCronRun("0 0 30 2 *", new Date("2026-11-27T00:00:00Z"), "UTC")).toThrow(
      /never runs/,
    );
  });
});

describe("previousCronRun: the latest run at or before an instant", () => {
  it.each([
    ["0 9 * * 1", "UTC", "2026-11-27T12:00:00Z", "2026-11-23T09:00:00.000Z"],
    ["0 9 * * 1", "UTC", "2026-11-30T09:00:00Z", "2026-11-30T09:00:00.000Z"], // at counts
    ["0 9 * * 1", "Europe/Berlin", "2026-03-30T07:00:00Z", "2026-03-30T07:00:00.000Z"],
    ["0 9 * * 1", "Europe/Berlin", "2026-03-30T06:59:00Z", "2026-03-23T08:00:00.000Z"],
  ])("%s in %s at %s -> %s", (cron, zone, at, expected) => {
    expect(previousCronRun(cron, new Date(at), zone).toISOString()).toBe(expected);
  });
});
