import { describe, expect, it } from "vitest";
import { calendarFromConfig, parseConfig } from "../../src/config/index.js";
import { reportTrends, trendPeriods } from "../../src/reports/index.js";
import { activity } from "../metrics/activity-builder.js";

const iso = (periods: { since: number; until: number }[]) =>
  periods.map((p) => [new Date(p.since).toISOString(), new Date(p.until).toISOString()]);

describe("trend periods are counted as people count them", () => {
  it("a calendar month is compared with the calendar months before it, however long", () => {
    const march = {
      since: Date.parse("2024-03-01T00:00:00Z"),
      until: Date.parse("2024-04-01T00:00:00Z"),
    };
    expect(iso(trendPeriods(march, 3, "UTC"))).toEqual([
      ["2024-01-01T00:00:00.000Z", "2024-02-01T00:00:00.000Z"],
      ["2024-02-01T00:00:00.000Z", "2024-03-01T00:00:00.000Z"],
      ["2024-03-01T00:00:00.000Z", "2024-04-01T00:00:00.000Z"],
    ]);
  });

  it("a quarter across a change of daylight saving time starts at local midnight each time", () => {
    // Q2 2024 in Berlin: 1 April 00:00 CEST is 31 March 22:00 UTC; Q1 starts at 00:00 CET.
    const q2 = {
      since: Date.parse("2024-03-31T22:00:00Z"),
      until: Date.parse("2024-06-30T22:00:00Z"),
    };
    expect(iso(trendPeriods(q2, 2, "Europe/Berlin"))).toEqual([
      ["2023-12-31T23:00:00.000Z", "2024-03-31T22:00:00.000Z"],
      ["2024-03-31T22:00:00.000Z", "2024-06-30T22:00:00.000Z"],
    ]);
  });

  it("a week from Monday is compared with the weeks before it", () => {
    const week = {
      since: Date.parse("2024-07-08T00:00:00Z"),
      until: Date.parse("2024-07-15T00:00:00Z"),
    };
    expect(iso(trendPeriods(week, 2, "UTC"))[0]).toEqual([
      "2024-07-01T00:00:00.000Z",
      "2024-07-08T00:00:00.000Z",
    ]);
  });

  it("any other span keeps equal lengths, and the trend says so in one line", () => {
    const tenDays = {
      since: Date.parse("2024-07-04T00:00:00Z"),
      until: Date.parse("2024-07-14T00:00:00Z"),
    };
    const periods = trendPeriods(tenDays, 3, "UTC");
    expect(iso(periods)[0]).toEqual(["2024-06-14T00:00:00.000Z", "2024-06-24T00:00:00.000Z"]);
    const loaded = parseConfig(null);
    if (!loaded.ok) throw new Error("defaults do not parse");
    const trends = reportTrends({
      scope: { kind: "repository", name: "acme/storage" },
      activity: activity({}),
      context: { now: tenDays.until, calendar: calendarFromConfig(loaded.config), bots: [] },
      config: loaded.config,
      periods: periods.map((period) => ({ period, milestoneItems: new Map() })),
    });
    expect(trends.spacing).toBe(
      "periods of 10 days each, back to back: the report's period is not a calendar week, month, quarter or year",
    );
  });
});
