import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import { reportPeriods } from "../../src/web/report-periods.js";

function config(raw: unknown) {
  const parsed = parseConfig(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.config;
}
const iso = (periods: { since: number; until: number }[]) =>
  periods.map((p) => [new Date(p.since).toISOString(), new Date(p.until).toISOString()]);

describe("the periods a team page offers and its trends draw", () => {
  it("weekly reports: this week so far, then the weeks the posted reports covered", () => {
    const periods = reportPeriods(config(null), new Date("2019-10-01T12:00:00Z"), 3);
    expect(iso(periods)).toEqual([
      ["2019-09-30T09:00:00.000Z", "2019-10-07T09:00:00.000Z"],
      ["2019-09-23T09:00:00.000Z", "2019-09-30T09:00:00.000Z"],
      ["2019-09-16T09:00:00.000Z", "2019-09-23T09:00:00.000Z"],
      ["2019-09-09T09:00:00.000Z", "2019-09-16T09:00:00.000Z"],
    ]);
  });

  it("a 30-day period on a monthly schedule starts with this month's report, not in the future", () => {
    const monthly = config({
      timezone: "Asia/Shanghai",
      reports: { schedule: "0 9 1 * *", period_days: 30 },
    });
    // 2019-10-01 20:00 in Shanghai: October's report was posted this morning.
    expect(iso(reportPeriods(monthly, new Date("2019-10-01T12:00:00Z"), 2))).toEqual([
      ["2019-10-01T01:00:00.000Z", "2019-11-01T01:00:00.000Z"],
      ["2019-09-01T01:00:00.000Z", "2019-10-01T01:00:00.000Z"],
      ["2019-08-02T01:00:00.000Z", "2019-09-01T01:00:00.000Z"],
    ]);
  });

  it("keeps the team's wall clock across a daylight-saving change (a 169-hour week)", () => {
    const berlin = config({ timezone: "Europe/Berlin" });
    const [current, previous] = reportPeriods(berlin, new Date("2019-10-29T12:00:00Z"), 1);
    // Monday 09:00 in Berlin: 07:00 UTC in October's summer time, 08:00 UTC after it.
    expect(iso([current, previous] as { since: number; until: number }[])).toEqual([
      ["2019-10-28T08:00:00.000Z", "2019-11-04T08:00:00.000Z"],
      ["2019-10-21T07:00:00.000Z", "2019-10-28T08:00:00.000Z"],
    ]);
  });
});
