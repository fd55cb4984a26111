import { describe, expect, it } from "vitest";
import {
  indexActivity,
  requestOutcomes,
  reviewParticipation,
  teamMembers,
  teamParticipation,
} from "../../src/metrics/index.js";
import { context, members, period, week } from "./week-scenario.js";

const index = indexActivity(week, context.bots);
const people = reviewParticipation(index, requestOutcomes(index, context), period);

describe("reviewParticipation (the week scenario, worked by hand)", () => {
  it.each([
    // login, reviews, PRs reviewed, received, answered, unanswered, pending, median h, p90 h, median wall h
    // bob: answered 5 h (Mon 10-15) and 1 h (the re-request Tue 13:00, answered 14:00; the 09:00 one
    // superseded); asked again Wed on #1 and still pending. Median 3, p90 1 + 0.9 * 4 = 4.6.
    ["bob", 2, 2, 3, 2, 0, 1, 3, 4.6, 3],
    // carol: Tue 16:00 -> Fri 10:00 = 1 h Tue + 8 h Wed + 0 (Thu holiday) + 1 h Fri; 66 h wall.
    ["carol", 1, 1, 1, 1, 0, 0, 10, 10, 66],
    // dave: Fri 16:00 -> Mon 10:00 over the weekend = 1 h + 1 h; 66 h wall.
    ["dave", 1, 1, 1, 1, 0, 0, 2, 2, 66],
    // ivan: Wed 09:00 -> Fri 11:00 with #4 back in draft Wed 11:00 -> Fri 09:00: 2 h + 2 h.
    ["ivan", 1, 1, 1, 1, 0, 0, 4, 4, 4],
    // kate reviewed without being asked.
    ["kate", 1, 1, 0, 0, 0, 0, null, null, null],
    // gina was asked on #3, which was merged without her review.
    ["gina", 0, 0, 1, 0, 1, 0, null, null, null],
  ])("%s", (login, reviews, prs, received, answered, unanswered, pending, medianH, p90H, wallH) => {
    const person = people.find((p) => p.login === login);
    expect(person).toBeDefined();
    expect(person?.reviews).toBe(reviews);
    expect(person?.prs_reviewed).toBe(prs);
    expect(person?.requests_received).toBe(received);
    expect(person?.requests_answered).toBe(answered);
    expect(person?.requests_unanswered).toBe(unanswered);
    expect(person?.requests_pending).toBe(pending);
    if (medianH === null) expect(person?.median_request_answer_hours).toBeNull();
    else expect(person?.median_request_answer_hours).toBeCloseTo(medianH, 9);
    if (p90H === null) expect(person?.p90_request_answer_hours).toBeNull();
    else expect(person?.p90_request_answer_hours).toBeCloseTo(p90H, 9);
    if (wallH === null) expect(person?.median_request_answer_wall_hours).toBeNull();
    else expect(person?.median_request_answer_wall_hours).toBeCloseTo(wallH, 9);
  });

  it("leaves out bots (by type, [bot] login and config), authors' own reviews and removed requests", () => {
    const logins = people.map((p) => p.login);
    expect(logins).toEqual(["bob", "carol", "dave", "ivan", "kate", "gina"]);
    for (const absent of ["dependabot[bot]", "renovate[bot]", "ci-helper", "alice", "erin"])
      expect(logins).not.toContain(absent);
  });

  it("counts a request as received, answered, unanswered or pending, never twice", () => {
    for (const person of people)
      expect(person.requests_received).toBe(
        person.requests_answered + person.requests_unanswered + person.requests_pending,
      );
  });

  it("judges a past period as of its end: a review after it does not answer a request in it", () => {
    const shorter = { since: period.since, until: Date.parse("2024-07-08T09:30:00Z") };
    const asOfMonday = { ...context, period: shorter, now: Date.parse("2026-01-01T00:00:00Z") };
    const outcomes = requestOutcomes(index, asOfMonday);
    const dave = reviewParticipation(index, outcomes, shorter).find((p) => p.login === "dave");
    // dave's review came at 10:00, after the period's end at 09:30.
    expect(dave).toMatchObject({ reviews: 0, requests_received: 1, requests_pending: 1 });
  });
});

describe("teamParticipation", () => {
  it("share of listed members who reviewed, and the top reviewer's load", () => {
    const team = teamMembers(index, period, members);
    expect(teamParticipation(people, team)).toEqual({
      members: 7,
      members_who_reviewed: 4, // bob, carol, dave, ivan; kate reviewed but is not a member
      share_reviewing: 4 / 7,
      reviews: 6,
      top_reviewer: { login: "bob", reviews: 2, share: 2 / 6 },
    });
  });

  it("infers members from author associations of people active in the period", () => {
    const team = teamMembers(index, period, undefined);
    expect(team.inferred).toBe(true);
    // Every PR author and reviewer above is a MEMBER; bots and the config bot are not people;
    // zed, yan and xi are outsiders; xi's issue was opened before the period.
    expect([...team.logins].sort()).toEqual([
      "alice",
      "bob",
      "carol",
      "dave",
      "frank",
      "gina",
      "hank",
      "ivan",
      "jill",
      "kate",
      "lisa",
    ]);
  });
});
