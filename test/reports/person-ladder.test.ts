import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import { personLadder, reviewActivityReport } from "../../src/reports/index.js";
import type { MilestoneRow } from "../../src/store/index.js";
import { at, INSTALLATION, REPOSITORY } from "../metrics/activity-builder.js";
import { context, members, sla, week } from "../metrics/week-scenario.js";

const parsed = parseConfig({ sla, team: members });
if (!parsed.ok) throw new Error("config");
const config = parsed.config;

// The week's release: Friday 2024-07-05 (due_on is Pacific midnight). #1 (alice) is still open
// when the day ends; #2 (alice) and #3 (frank) were merged on Tuesday.
const release: MilestoneRow = {
  installationId: INSTALLATION,
  repositoryId: REPOSITORY,
  milestoneId: 70,
  number: 3,
  title: "July release",
  state: "open",
  dueOn: at("2024-07-05 07:00"),
  closedAt: null,
  updatedAt: at("2024-06-28 09:00"),
  deletedAt: null,
};
const activity = {
  ...week,
  milestones: [release],
  pullRequests: week.pullRequests.map((pr) =>
    pr.number <= 3 ? { ...pr, milestoneId: release.milestoneId } : pr,
  ),
};
const input = {
  scope: { kind: "team" as const, name: "storage" },
  activity,
  context,
  config,
  members,
  milestoneItems: new Map([[release.milestoneId, { open: 1, closed: 2 }]]),
};

const line = (login: string, id: string) => {
  const found = personLadder(input, login).lines.find((l) => l.id === id);
  if (!found) throw new Error(`no ${id}`);
  return [found.status, found.value_text];
};

describe("one person's ladder lines, by the team's own verdict rules", () => {
  it.each([
    // bob reviewed #1 and #2.
    ["bob", "process.peer-reviews", "met", "2 reviews on 2 PRs"],
    // alice only commented on her own #1: that is not a review of someone else's work.
    ["alice", "process.peer-reviews", "missed", "0 reviews on 0 PRs"],
    // bob: #1 answered in 5 h, #2's re-request in 1 h (the first request superseded), #1 asked
    // again Wednesday and still waiting 24 h (Wed, Fri, Mon; Thursday a holiday) > 16 h.
    // Median 3 h, p90 1 + 0.9 * 4 = 4.6 h within the SLA, but one waits past it: at risk.
    [
      "bob",
      "project.unblock-timely",
      "at_risk",
      "2 of 3 requests answered; median 3.0 h, 90th percentile 4.6 h (business); 1 waiting past the SLA",
    ],
    // carol answered #1 Tuesday 16:00 -> Friday 10:00: 1 + 8 + 1 = 10 h, within 16 h.
    [
      "carol",
      "project.unblock-timely",
      "met",
      "1 of 1 request answered; median 10.0 h, 90th percentile 10.0 h (business); 0 waiting past the SLA",
    ],
    ["alice", "project.unblock-timely", "not_measured", "no review requests answered"],
    // alice's #1 was open when Friday's release date ended.
    ["alice", "project.no-pending-prs", "missed", "1 PR open at 1 release date in the period"],
    // frank's #3 was merged before it: the same rule says met.
    ["frank", "project.no-pending-prs", "met", "0 PRs open at 1 release date in the period"],
    // bob has no pull request in any release.
    ["bob", "project.no-pending-prs", "not_measured", "no release date in the period or ahead"],
    // carol gave the first response to customer issue #10 after 4 business hours.
    [
      "carol",
      "customer.timely-help",
      "met",
      "1 first response, median 4.0 h (business), 0 breaches of the SLA",
    ],
    [
      "bob",
      "customer.timely-help",
      "not_measured",
      "no first response to a customer issue in the period",
    ],
  ])("%s, %s: %s", (login, id, status, text) => {
    expect(line(login, id)).toEqual([status, text]);
  });

  it("uses the same facts as the team's report: the team's figures hold for each person", () => {
    const report = reviewActivityReport(input);
    for (const person of report.people) {
      const ladder = personLadder(input, person.login);
      expect(ladder.reviews.given).toBe(person.reviews.value);
      expect(ladder.requests.answered).toBe(person.requests_answered.value);
      expect(ladder.requests.median_answer_hours).toBe(person.median_request_answer_hours.value);
    }
    // The unblock list's requests, split by who they wait on.
    const waiting = report.unblock.filter((item) => item.kind === "review_request");
    const perPerson = report.people.flatMap((p) => personLadder(input, p.login).waiting);
    expect(perPerson).toEqual(waiting);
  });

  it("lists the lines only the team is measured on, and those activity cannot show, with why", () => {
    const ladder = personLadder(input, "bob");
    const whose = (measuredFor: string) =>
      ladder.lines.filter((l) => l.measured_for === measuredFor).map((l) => l.id);
    expect(whose("person")).toEqual([
      "process.peer-reviews",
      "project.no-pending-prs",
      "project.unblock-timely",
      "customer.timely-help",
    ]);
    expect(whose("team")).toEqual([
      "process.review-process",
      "project.monitor-progress",
      "project.avoid-escalations",
      "project.plan-holidays",
      "project.reviews-with-team",
      "customer.rca",
    ]);
    const unmeasurable = ladder.lines.filter((l) => l.measured_for === "nobody");
    expect(unmeasurable.length).toBe(ladder.lines.length - 10);
    expect(unmeasurable.every((l) => (l.reason ?? "").length > 0)).toBe(true);
  });

  it("a member who did nothing in the period is on the ladder with zeros, not left out", () => {
    const ladder = personLadder(input, "gina");
    expect(ladder.member).toBe(true);
    expect(ladder.reviews).toEqual({ given: 0, pull_requests: 0 });
  });
});
