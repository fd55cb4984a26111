import { describe, expect, it } from "vitest";
import { type PullRequestReadiness, pullRequestReadiness } from "../../src/release/index.js";
import type { MilestoneRow, PullRequestRow, ReviewRow } from "../../src/store/index.js";
import { type CalendarOptions, createCalendar } from "../../src/time/index.js";
import { milestone, ms, pullRequest, review } from "./rows.js";

const approved = [review("grace", "APPROVED", "2024-03-20T10:00:00Z")];

interface Case {
  name: string;
  now: string;
  reviews?: ReviewRow[];
  pr?: Partial<PullRequestRow>;
  milestone?: Partial<MilestoneRow> | null;
  calendar?: Partial<CalendarOptions>;
  warn?: number;
  expected: [PullRequestReadiness["status"], PullRequestReadiness["conclusion"], number | null];
}

// Milestone v2.0 is due Friday 2024-03-29 unless a case says otherwise; calendar UTC, Mon-Fri,
// warning window 3 business days. The number is business days left after today, up to the due date.
const cases: Case[] = [
  {
    name: "a week ahead, not approved",
    now: "2024-03-22T12:00:00Z",
    expected: ["on_track", "success", 5],
  },
  {
    name: "4 business days left, not approved",
    now: "2024-03-25T12:00:00Z",
    expected: ["on_track", "success", 4],
  },
  {
    name: "3 business days left, not approved: the window starts",
    now: "2024-03-26T12:00:00Z",
    expected: ["at_risk", "neutral", 3],
  },
  {
    name: "3 business days left, approved",
    now: "2024-03-26T12:00:00Z",
    reviews: approved,
    expected: ["on_track", "success", 3],
  },
  {
    name: "approved but still a draft",
    now: "2024-03-26T12:00:00Z",
    reviews: approved,
    pr: { draft: true },
    expected: ["at_risk", "neutral", 3],
  },
  {
    name: "the weekend before counts no business day",
    now: "2024-03-23T12:00:00Z",
    expected: ["on_track", "success", 5],
  },
  {
    name: "the due date itself, last millisecond",
    now: "2024-03-29T23:59:59.999Z",
    expected: ["at_risk", "neutral", 0],
  },
  {
    name: "the first instant after the due date",
    now: "2024-03-30T00:00:00Z",
    expected: ["missed", "failure", 0],
  },
  {
    name: "after the due date, approved but still open",
    now: "2024-04-02T09:00:00Z",
    reviews: approved,
    expected: ["missed", "failure", -2],
  },
  {
    name: "no milestone",
    now: "2024-03-26T12:00:00Z",
    milestone: null,
    pr: { milestoneId: null },
    expected: ["not_scheduled", "neutral", null],
  },
  {
    name: "milestone deleted",
    now: "2024-03-26T12:00:00Z",
    milestone: { deletedAt: ms("2024-03-20T00:00:00Z") },
    expected: ["not_scheduled", "neutral", null],
  },
  {
    name: "milestone without a due date",
    now: "2024-03-26T12:00:00Z",
    milestone: { dueOn: null },
    expected: ["not_scheduled", "neutral", null],
  },
  {
    name: "milestone closed before its date",
    now: "2024-03-26T12:00:00Z",
    milestone: { state: "closed" },
    expected: ["not_scheduled", "neutral", 3],
  },
  {
    name: "milestone closed, its date passed with the PR open",
    now: "2024-04-01T12:00:00Z",
    milestone: { state: "closed" },
    expected: ["missed", "failure", -1],
  },
  {
    name: "warning window 0: the day before",
    now: "2024-03-28T12:00:00Z",
    warn: 0,
    expected: ["on_track", "success", 1],
  },
  {
    name: "warning window 0: the due date",
    now: "2024-03-29T12:00:00Z",
    warn: 0,
    expected: ["at_risk", "neutral", 0],
  },
  {
    name: "warning window 10: two weeks ahead",
    now: "2024-03-15T12:00:00Z",
    warn: 10,
    expected: ["at_risk", "neutral", 10],
  },
  // The team calendar.
  {
    name: "Good Friday a holiday: Monday has Tue-Thu left",
    now: "2024-03-25T12:00:00Z",
    calendar: { holidays: ["2024-03-29"] },
    expected: ["at_risk", "neutral", 3],
  },
  {
    name: "holiday on the due date: still due that day",
    now: "2024-03-29T20:00:00Z",
    calendar: { holidays: ["2024-03-29"] },
    expected: ["at_risk", "neutral", 0],
  },
  {
    name: "Sunday-Thursday week: Sunday before a Thursday due date",
    now: "2024-03-24T12:00:00Z",
    milestone: { dueOn: ms("2024-03-28T07:00:00Z") },
    calendar: { workdays: [0, 1, 2, 3, 4] },
    expected: ["on_track", "success", 4],
  },
  {
    name: "Sunday-Thursday week: Monday",
    now: "2024-03-25T12:00:00Z",
    milestone: { dueOn: ms("2024-03-28T07:00:00Z") },
    calendar: { workdays: [0, 1, 2, 3, 4] },
    expected: ["at_risk", "neutral", 3],
  },
  {
    name: "Berlin: 23:30 UTC on the due date is already Saturday",
    now: "2024-03-29T23:30:00Z",
    calendar: { timezone: "Europe/Berlin" },
    expected: ["missed", "failure", 0],
  },
  {
    name: "Berlin: 22:59 UTC is still Friday 23:59",
    now: "2024-03-29T22:59:00Z",
    calendar: { timezone: "Europe/Berlin" },
    expected: ["at_risk", "neutral", 0],
  },
  {
    name: "Los Angeles: the due date's evening is still on time",
    now: "2024-03-30T06:59:00Z",
    calendar: { timezone: "America/Los_Angeles" },
    expected: ["at_risk", "neutral", 0],
  },
  {
    name: "Los Angeles: missed at local midnight (07:00 UTC in daylight time)",
    now: "2024-03-30T07:00:00Z",
    calendar: { timezone: "America/Los_Angeles" },
    expected: ["missed", "failure", 0],
  },
  // Due Friday 2024-03-08, before US daylight saving time starts (due_on at 08:00 UTC).
  {
    name: "Los Angeles, standard time: 07:59 UTC on Saturday is Friday 23:59",
    now: "2024-03-09T07:59:00Z",
    milestone: { dueOn: ms("2024-03-08T08:00:00Z") },
    calendar: { timezone: "America/Los_Angeles" },
    expected: ["at_risk", "neutral", 0],
  },
  {
    name: "Los Angeles, standard time: missed at 08:00 UTC",
    now: "2024-03-09T08:00:00Z",
    milestone: { dueOn: ms("2024-03-08T08:00:00Z") },
    calendar: { timezone: "America/Los_Angeles" },
    expected: ["missed", "failure", 0],
  },
];

describe("pullRequestReadiness: the verdict for each case, as of now", () => {
  it.each(cases)("$name", (c) => {
    const result = pullRequestReadiness(
      {
        pullRequest: pullRequest(c.pr),
        milestone: c.milestone === null ? undefined : milestone(c.milestone ?? {}),
        reviews: c.reviews ?? [],
        reviewRequests: [],
      },
      { calendar: createCalendar(c.calendar ?? {}), warnWithinBusinessDays: c.warn ?? 3 },
      new Date(c.now),
    );
    expect([result.status, result.conclusion, result.businessDaysLeft]).toEqual(c.expected);
  });

  it("counts the age in business days since the PR was ready for review", () => {
    const result = pullRequestReadiness(
      {
        pullRequest: pullRequest({ readyAt: ms("2024-03-15T16:00:00Z") }),
        milestone: milestone(),
        reviews: [],
        reviewRequests: [],
      },
      { calendar: createCalendar(), warnWithinBusinessDays: 3 },
      new Date("2024-03-26T08:00:00Z"),
    );
    // Fri 15 -> Tue 26: Mon 18 .. Fri 22 (5) + Mon 25, Tue 26 (2).
    expect(result.ageBusinessDays).toBe(7);
  });
});
