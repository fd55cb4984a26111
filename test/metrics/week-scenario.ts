import { createCalendar } from "../../src/time/index.js";
import {
  activity,
  at,
  comment,
  issue,
  pullRequest,
  request,
  review,
  timeline,
} from "./activity-builder.js";

/**
 * One week of a small team, worked by hand in the tests. Calendar: UTC, Mon-Fri, core hours
 * 09:00-17:00 (8 business hours a day), Thursday 2024-07-04 a holiday. Period Mon 2024-07-01
 * 00:00 to Tue 2024-07-09 00:00; evaluated at its end.
 */
export const calendar = createCalendar({
  timezone: "UTC",
  workdays: [1, 2, 3, 4, 5],
  holidays: ["2024-07-04"],
  coreHours: { start: "09:00", end: "17:00" },
});
export const period = { since: at("2024-07-01 00:00"), until: at("2024-07-09 00:00") };
export const context = { period, now: period.until, calendar, bots: ["ci-helper"] };
export const sla = {
  review_request_business_hours: 16,
  first_review_business_hours: 16,
  customer_first_response_business_hours: 16,
};
export const members = ["alice", "bob", "carol", "dave", "frank", "gina", "ivan"];

export const week = activity({
  pullRequests: [
    // #1 stays open: bob answers, is asked again Wednesday and has not answered since.
    pullRequest(1, "alice", "2024-07-01 09:00"),
    // #2 approved by bob after a re-request, merged by its author.
    pullRequest(2, "alice", "2024-07-01 09:30", {
      closedAt: at("2024-07-02 15:00"),
      mergedAt: at("2024-07-02 15:00"),
      mergedBy: "alice",
    }),
    // #3 merged by its own author with no review at all; gina's request never answered.
    pullRequest(3, "frank", "2024-07-01 08:00", {
      closedAt: at("2024-07-02 12:00"),
      mergedAt: at("2024-07-02 12:00"),
      mergedBy: "frank",
    }),
    // #4 opened as a draft, ready Wednesday, back to draft for two days, reviewed Friday.
    pullRequest(4, "hank", "2024-07-01 09:00", { readyAt: at("2024-07-03 09:00") }),
    // #5 a bot's PR, merged without approval: no figure counts it.
    pullRequest(5, "dependabot[bot]", "2024-07-01 09:00", {
      closedAt: at("2024-07-01 10:00"),
      mergedAt: at("2024-07-01 10:00"),
      mergedBy: "bob",
    }),
    // #6 approved, the approval dismissed, merged anyway by the reviewer.
    pullRequest(6, "jill", "2024-07-01 09:00", {
      closedAt: at("2024-07-01 12:00"),
      mergedAt: at("2024-07-01 12:00"),
      mergedBy: "kate",
    }),
    // #7 waits for a first review for exactly the SLA (16 h): not listed.
    pullRequest(7, "lisa", "2024-07-05 09:00"),
    // #8 waits 17 business hours across the holiday and the weekend: listed.
    pullRequest(8, "lisa", "2024-07-03 16:00"),
  ],
  timeline: [
    timeline(4, "opened_as_draft", "2024-07-01 09:00"),
    timeline(4, "ready_for_review", "2024-07-03 09:00"),
    timeline(4, "converted_to_draft", "2024-07-03 11:00"),
    timeline(4, "ready_for_review", "2024-07-05 09:00"),
  ],
  reviewRequests: [
    request(1, "bob", "2024-07-01 10:00"),
    request(1, "carol", "2024-07-02 16:00"),
    request(1, "bob", "2024-07-03 09:00"),
    request(1, "dave", "2024-07-05 16:00"),
    request(1, "renovate[bot]", "2024-07-01 10:00"),
    request(2, "erin", "2024-07-01 11:00", { removedAt: at("2024-07-01 12:00") }),
    request(2, "bob", "2024-07-02 09:00"),
    request(2, "bob", "2024-07-02 13:00"),
    request(3, "gina", "2024-07-01 09:00"),
    request(4, "ivan", "2024-07-03 09:00"),
  ],
  reviews: [
    review(1, "dependabot[bot]", "2024-07-01 09:30"),
    review(1, "ci-helper", "2024-07-01 09:45"),
    review(1, "alice", "2024-07-01 09:50"),
    review(1, "bob", "2024-07-01 15:00", "CHANGES_REQUESTED"),
    review(1, "carol", "2024-07-05 10:00"),
    review(1, "dave", "2024-07-08 10:00", "APPROVED"),
    review(2, "bob", "2024-07-02 14:00", "APPROVED"),
    review(4, "ivan", "2024-07-05 11:00"),
    review(6, "kate", "2024-07-01 11:00", "APPROVED", { dismissed: true }),
  ],
  issues: [
    issue(10, "zed", "NONE", "2024-07-01 10:00"),
    issue(11, "frank", "MEMBER", "2024-07-03 16:00", { labels: ["customer"] }),
    issue(12, "gina", "MEMBER", "2024-07-02 09:00"),
    issue(13, "yan", "NONE", "2024-07-02 09:00", {
      labels: ["bug"],
      closedAt: at("2024-07-02 10:00"),
    }),
    issue(14, "xi", "CONTRIBUTOR", "2024-06-20 09:00", {
      labels: ["bug", "rca"],
      closedAt: at("2024-07-03 12:00"),
    }),
  ],
  issueComments: [
    comment(10, "github-actions[bot]", "NONE", "2024-07-01 10:05"),
    comment(10, "zed", "NONE", "2024-07-01 11:00"),
    comment(10, "carol", "MEMBER", "2024-07-01 14:00"),
    comment(14, "bob", "MEMBER", "2024-06-20 10:00"),
    // frank follows up on his own customer issue: that is not a response.
    comment(11, "frank", "MEMBER", "2024-07-05 10:00"),
  ],
});
