import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { localDateOf, localDateTime } from "../../src/time/index.js";

describe("localDateTime and localDateOf: what a wall clock in the zone shows", () => {
  it.each([
    // instant, zone, wall clock
    ["2026-11-27T23:30:00Z", "UTC", "2026-11-27 23:30"],
    ["2026-11-27T23:30:00Z", "Europe/Berlin", "2026-11-28 00:30"],
    ["2026-11-28T04:59:59Z", "America/New_York", "2026-11-27 23:59"],
    // The last minute before Berlin springs forward, and the first one after.
    ["2026-03-29T00:59:00Z", "Europe/Berlin", "2026-03-29 01:59"],
    ["2026-03-29T01:00:00Z", "Europe/Berlin", "2026-03-29 03:00"],
    // Falling back: 02:30 happens twice.
    ["2026-10-25T00:30:00Z", "Europe/Berlin", "2026-10-25 02:30"],
    ["2026-10-25T01:30:00Z", "Europe/Berlin", "2026-10-25 02:30"],
    ["2026-11-27T18:29:00Z", "Asia/Kolkata", "2026-11-27 23:59"],
    ["2026-11-27T18:30:00Z", "Asia/Kolkata", "2026-11-28 00:00"],
    ["1969-12-31T23:59:00Z", "UTC", "1969-12-31 23:59"],
  ])("%s in %s is %s", (instant, zone, expected) => {
    const ms = Date.parse(instant);
    expect(localDateTime(ms, zone)).toBe(expected);
    expect(localDateOf(ms, zone)).toBe(expected.slice(0, 10));
  });

  it("agrees with the platform's own time zone data", () => {
    const zones = [
      "UTC",
      "Europe/Berlin",
      "America/Los_Angeles",
      "Asia/Kathmandu",
      "Australia/Lord_Howe",
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, timeZone) => {
          const parts = new Intl.DateTimeFormat("en-CA", {
            timeZone,
            year: "numeric",
            month: "2-digit",
            day: "2-digit",
            hour: "2-digit",
            minute: "2-digit",
            hourCycle: "h23",
          }).formatToParts(new Date(ms));
          const get = (type: string) => parts.find((part) => part.type === type)?.value;
          const expected = `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
          expect(localDateTime(ms, timeZone)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
