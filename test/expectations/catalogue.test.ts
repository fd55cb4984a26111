import { describe, expect, it } from "vitest";
import { EXPECTATIONS } from "../../src/expectations/index.js";

// The "Expectations" section of the ladder (seed/000_fe4a1e13cbf4374a.txt), one line per entry.
const LADDER: Record<string, string[]> = {
  Process: [
    "Educate/mentor team about process/culture and to follow it",
    "Review the process followed by team",
    "Peer reviews be it PRs/trainings/knowledge sharing sessions",
    "Plan team's day-to-day activities in the repos they own",
    "Make sure team to follow coordination with E2E/support/documentation process",
    "Provide feedback for process improvement",
    "Contribute to best practices",
  ],
  Project: [
    "Identifying risks, and mitigating with help of Lead/Manager",
    "Manage/monitor project progress",
    "Avoid escalations",
    "No pending PRs at owned repos by release date",
    "Plan team activities as per coming planned holidays",
    "Reviews related to code, designs, E2E, documentation along with team",
    "Participate in internal project review meeting",
    "Motivate team by unblocking them timely.",
    "Internal product review meetings with feedback from RCAs of customer issues",
  ],
  Technical: [
    "Exploring new methods to improve skills",
    "Training team on new methods",
    "Improve team productivity with automation, quality work, time management etc",
    "Conduct training/discussions among team members",
  ],
  Customer: [
    "Conduct training to support team with the help of team",
    "Provide information to documentation team at project/repo level",
    "Provide timely help to customers",
    "RCA of user/customer issues",
    "Being active and well known in other related opensource projects",
  ],
  Social: [
    "Completing surveys",
    "Strong advocacy of component you worked in other mediums like K8s channels, or other opensource channels",
    "Involve in discussion threads on social media like reddit, stackoverflow, twitter etc",
    "Talks/seminars/proposals about the component, product",
    "Tweets about self-learnings, company, product",
  ],
};

describe("the expectation catalogue", () => {
  it("holds every expectation line of the ladder, in its order and words, under its area", () => {
    const expected = Object.entries(LADDER).flatMap(([area, lines]) =>
      lines.map((text) => ({ area, text })),
    );
    expect(EXPECTATIONS.map(({ area, text }) => ({ area, text }))).toEqual(expected);
  });

  it("gives each line a unique id and either a measure with target and rule, or a reason", () => {
    expect(new Set(EXPECTATIONS.map((e) => e.id)).size).toBe(EXPECTATIONS.length);
    for (const e of EXPECTATIONS) {
      if (e.measure === null) {
        expect(e.reason, e.id).toMatch(/\S/);
        expect(e.target, e.id).toBeUndefined();
      } else {
        expect(e.target, e.id).toMatch(/\S/);
        expect(e.details, e.id).toMatch(/\S/);
        expect(e.rule, e.id).toMatch(/met.*missed|missed.*met/);
        expect(e.rule, e.id).toMatch(/not measured/);
      }
    }
  });

  it("measures at least what the issue asks for", () => {
    const measured = EXPECTATIONS.filter((e) => e.measure !== null).map((e) => e.text);
    for (const text of [
      "Peer reviews be it PRs/trainings/knowledge sharing sessions",
      "Review the process followed by team",
      "Avoid escalations",
      "No pending PRs at owned repos by release date",
      "Manage/monitor project progress",
      "Motivate team by unblocking them timely.",
      "Plan team activities as per coming planned holidays",
      "Provide timely help to customers",
      "RCA of user/customer issues",
    ])
      expect(measured).toContain(text);
  });
});
