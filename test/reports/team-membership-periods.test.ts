import { describe, expect, it } from "vitest";
import { calendarFromConfig, parseConfig } from "../../src/config/index.js";
import type { Period } from "../../src/metrics/index.js";
import { reportTrends, reviewActivityReport } from "../../src/reports/index.js";
import type { MembershipSpan } from "../../src/store/index.js";
import { activity, at, issue, pullRequest, review } from "../metrics/activity-builder.js";

const parsed = parseConfig(null);
if (!parsed.ok) throw new Error("defaults");
const config = parsed.config;
const week = (from: string, to: string): Period => ({
  since: at(`${from} 00:00`),
  until: at(`${to} 00:00`),
});
const FIRST = week("2024-07-01", "2024-07-08");
const SECOND = week("2024-07-08", "2024-07-15");

// alice is in the team throughout; bob joins on Wednesday of the first week; carol leaves then.
const spans = new Map<string, MembershipSpan[]>([
  ["alice", [{ from: null, until: null }]],
  ["bob", [{ from: at("2024-07-03 00:00"), until: null }]],
  ["carol", [{ from: null, until: at("2024-07-03 00:00") }]],
]);
const history = activity({
  pullRequests: [
    pullRequest(1, "dave", "2024-07-01 08:00"),
    pullRequest(2, "dave", "2024-07-08 08:00"),
  ],
  reviews: [
    // bob reviews on Monday, before he joined: not as a member.
    review(1, "bob", "2024-07-01 10:00"),
    // carol reviews on Tuesday, while still in the team.
    review(1, "carol", "2024-07-02 10:00"),
    review(2, "bob", "2024-07-09 10:00"),
    review(2, "carol", "2024-07-09 11:00"),
  ],
  issues: [
    // Opened by bob before he joined: a customer's issue, from outside the team.
    issue(10, "bob", "NONE", "2024-07-02 09:00"),
    // Opened by bob after he joined: the team's own.
    issue(11, "bob", "NONE", "2024-07-04 09:00"),
  ],
});

function report(period: Period) {
  return reviewActivityReport({
    scope: { kind: "team", name: "storage" },
    activity: history,
    context: { period, now: SECOND.until, calendar: calendarFromConfig(config), bots: [] },
    config,
    memberSpans: spans,
    milestoneItems: new Map(),
  });
}

describe("a team from GitHub: members count for the days they were in it", () => {
  it.each([
    {
      what: "the week bob joined and carol left: all three were members some of it",
      period: FIRST,
      members: ["alice", "bob", "carol"],
      // carol reviewed while in the team; bob's review came before he joined.
      reviewed: 1,
      customerIssues: 1,
    },
    {
      what: "the week after: carol is gone, bob's review counts",
      period: SECOND,
      members: ["alice", "bob"],
      reviewed: 1,
      customerIssues: 0,
    },
  ])("$what", ({ period, members, reviewed, customerIssues }) => {
    const r = report(period);
    expect(r.members).toEqual({ logins: members, inferred: false });
    expect(r.participation.members_who_reviewed.value).toBe(reviewed);
    expect(r.customer_issues.opened.value).toBe(customerIssues);
    // carol's reviews stay in the week she was in the team, and are still hers afterwards.
    expect(r.people.find((p) => p.login === "carol")?.member).toBe(members.includes("carol"));
  });

  it("gives the trends the same members period by period", () => {
    const trends = reportTrends({
      scope: { kind: "team", name: "storage" },
      activity: history,
      context: { now: SECOND.until, calendar: calendarFromConfig(config), bots: [] },
      config,
      memberSpans: spans,
      periods: [FIRST, SECOND].map((period) => ({ period, milestoneItems: new Map() })),
    });
    const share = trends.measures.find((t) => t.id === "participation.share_reviewing");
    expect(share?.values).toEqual([Math.round((1 / 3) * 1000) / 1000, 0.5]);
  });
});
