import { describe, expect, it } from "vitest";
import { parseDateOption } from "../../src/cli/date-option.js";
import { UsageError } from "../../src/cli/usage-error.js";

const UTC = { timezone: "UTC", source: "the default" };
const BERLIN = { timezone: "Europe/Berlin", source: "timezone in team.yml" };

function parse(value: string, zone = UTC) {
  const notes: string[] = [];
  const at = parseDateOption(value, "--since", zone, (line) => notes.push(line));
  return { at: at.toISOString(), notes };
}

describe("the one parser of command-line dates", () => {
  it.each([
    ["2019-07-01T12:00:00Z", UTC, "2019-07-01T12:00:00.000Z"],
    ["2019-07-01T12:00:00.250Z", UTC, "2019-07-01T12:00:00.250Z"],
    ["2019-07-01T14:00:00+02:00", UTC, "2019-07-01T12:00:00.000Z"],
    ["2019-07-01T14:00+0200", BERLIN, "2019-07-01T12:00:00.000Z"],
    ["2019-07-01T07:00-05", BERLIN, "2019-07-01T12:00:00.000Z"],
    ["2020-02-29T00:00:00Z", UTC, "2020-02-29T00:00:00.000Z"],
  ])(
    "%s (with an offset) is that instant, whatever the zone, and needs no note",
    (value, zone, expected) => {
      expect(parse(value, zone)).toEqual({ at: expected, notes: [] });
    },
  );

  it.each([
    [
      "2019-07-01",
      UTC,
      "2019-07-01T00:00:00.000Z",
      "--since 2019-07-01 is 2019-07-01T00:00:00.000Z: the start of that day in UTC (the default)",
    ],
    [
      "2019-07-01",
      BERLIN,
      "2019-06-30T22:00:00.000Z",
      "--since 2019-07-01 is 2019-06-30T22:00:00.000Z: the start of that day in Europe/Berlin (timezone in team.yml)",
    ],
    [
      "2019-12-01T09:30",
      BERLIN,
      "2019-12-01T08:30:00.000Z",
      "--since 2019-12-01T09:30 is 2019-12-01T08:30:00.000Z: that wall-clock time in Europe/Berlin (timezone in team.yml)",
    ],
  ])(
    "%s (no offset) is in the team's zone, and the note says which",
    (value, zone, expected, note) => {
      expect(parse(value, zone)).toEqual({ at: expected, notes: [note] });
    },
  );

  it.each([
    ["2019-02-30", "is not a date on the calendar (2019-02-30)"],
    ["2019-02-29T10:00:00Z", "is not a date on the calendar (2019-02-29)"],
    ["2019-13-01", "is not a date on the calendar (2019-13-01)"],
    ["2019-07-01T24:00:00Z", "is not a time of day (24:00:00)"],
    ["2019-07-01T12:60", "is not a time of day (12:60)"],
    ["2019-07-01T12:00:00+25:00", "has an offset out of range (+25:00)"],
    ["07/01/2019", "is not an ISO 8601 date"],
    ["July 1, 2019", "is not an ISO 8601 date"],
    ["2019-7-1", "is not an ISO 8601 date"],
    ["2019-07-01 12:00", "is not an ISO 8601 date"],
    ["1561939200000", "is not an ISO 8601 date"],
    ["", "is not an ISO 8601 date"],
  ])("%j is a usage error: %s", (value, why) => {
    expect(() => parse(value)).toThrow(UsageError);
    expect(() => parse(value)).toThrow(`--since: "${value}" ${why}`);
  });

  it("refuses a wall-clock time the clocks skip in the team's zone", () => {
    expect(() => parse("2026-03-29T02:30", BERLIN)).toThrow(
      '--since: "2026-03-29T02:30" does not exist in Europe/Berlin: the clocks skip it',
    );
  });
});
