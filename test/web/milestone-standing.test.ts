import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import type { MilestoneRow } from "../../src/store/index.js";
import { milestoneStanding } from "../../src/web/milestone-standing.js";
import { at, INSTALLATION, pullRequest, REPOSITORY, review } from "../metrics/activity-builder.js";

const parsed = parseConfig({ release: { warn_within_business_days: 3 } });
if (!parsed.ok) throw new Error("config");
const config = parsed.config;
const repository = {
  installationId: INSTALLATION,
  repositoryId: REPOSITORY,
  fullName: "acme/widgets",
  private: false,
};
// Due Friday 2024-07-12 (GitHub keeps it as midnight Pacific).
const milestone: MilestoneRow = {
  installationId: INSTALLATION,
  repositoryId: REPOSITORY,
  milestoneId: 5,
  number: 2,
  title: "July",
  state: "open",
  dueOn: at("2024-07-12 07:00"),
  closedAt: null,
  updatedAt: at("2024-07-01 09:00"),
  deletedAt: null,
};
const pullRequests = [
  pullRequest(1, "alice", "2024-07-01 09:00", { milestoneId: 5 }),
  pullRequest(2, "bob", "2024-07-03 09:00", { milestoneId: 5 }),
  pullRequest(3, "carol", "2024-07-08 09:00", { milestoneId: 5, draft: true }),
  pullRequest(4, "dave", "2024-07-02 09:00", {
    milestoneId: 5,
    state: "closed",
    closedAt: at("2024-07-05 15:00"),
    mergedAt: at("2024-07-05 15:00"),
  }),
  pullRequest(5, "erin", "2024-07-02 10:00", {
    milestoneId: 5,
    state: "closed",
    closedAt: at("2024-07-03 11:00"),
  }),
];
const reviews = [review(1, "bob", "2024-07-04 10:00", "APPROVED")];

const standing = (now: string, rows = pullRequests) =>
  milestoneStanding({
    repository,
    milestone,
    pullRequests: rows,
    reviews,
    reviewRequests: [],
    config,
    now: new Date(at(now)),
  });

describe("where a milestone stands, by the release-readiness rules", () => {
  it("three business days before the release: the approved PR on track, the others at risk", () => {
    const result = standing("2024-07-09 12:00");
    expect(result.status).toBe("at_risk");
    expect(result.businessDaysLeft).toBe(3);
    expect(result.counts).toEqual({
      onTrack: 1,
      atRisk: 2,
      missed: 0,
      open: 3,
      merged: 1,
      closedUnmerged: 1,
    });
    // Open ones first, each with its verdict; closed ones after, with none.
    expect(
      result.pullRequests.map((p) => [p.pullRequest.number, p.state, p.readiness?.status ?? null]),
    ).toEqual([
      [1, "open", "on_track"],
      [2, "open", "at_risk"],
      [3, "draft", "at_risk"],
      [4, "merged", null],
      [5, "closed", null],
    ]);
  });

  it("counts the open pull requests at the end of each day, today as of now", () => {
    expect(standing("2024-07-09 12:00").openByDay).toEqual([
      { date: "2024-07-01", open: 1 },
      { date: "2024-07-02", open: 3 },
      { date: "2024-07-03", open: 3 }, // #2 opened, #5 closed
      { date: "2024-07-04", open: 3 },
      { date: "2024-07-05", open: 2 }, // #4 merged
      { date: "2024-07-06", open: 2 },
      { date: "2024-07-07", open: 2 },
      { date: "2024-07-08", open: 3 }, // #3 opened as a draft
      { date: "2024-07-09", open: 3 },
    ]);
    expect(standing("2024-07-09 12:00").lastDay).toBe("2024-07-12");
  });

  it("missed once the release date has ended with pull requests open; released with none", () => {
    const after = standing("2024-07-13 00:00");
    expect([after.status, after.passed, after.counts.missed]).toEqual(["missed", true, 3]);
    const done = standing(
      "2024-07-13 00:00",
      pullRequests.filter((pr) => pr.state === "closed"),
    );
    expect([done.status, done.counts.open]).toEqual(["released", 0]);
  });
});
