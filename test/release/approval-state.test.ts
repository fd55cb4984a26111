import { describe, expect, it } from "vitest";
import {
  approvalState,
  pendingReviewRequests,
  type WaitingOn,
  waitingOn,
} from "../../src/release/index.js";
import type { ReviewRequestRow, ReviewRow } from "../../src/store/index.js";
import { pullRequest, request, review } from "./rows.js";

const pr = pullRequest();

describe("approvalState: each reviewer's latest APPROVED or CHANGES_REQUESTED is their verdict", () => {
  it.each([
    { name: "no reviews", reviews: [], approved: false, by: [], changes: [] },
    {
      name: "one approval",
      reviews: [review("grace", "APPROVED", "2024-03-20T10:00:00Z")],
      approved: true,
      by: ["grace"],
      changes: [],
    },
    {
      name: "a comment after an approval keeps it",
      reviews: [
        review("grace", "APPROVED", "2024-03-20T10:00:00Z"),
        review("grace", "COMMENTED", "2024-03-21T10:00:00Z"),
      ],
      approved: true,
      by: ["grace"],
      changes: [],
    },
    {
      name: "changes requested, then approved by the same reviewer",
      reviews: [
        review("grace", "CHANGES_REQUESTED", "2024-03-20T10:00:00Z"),
        review("grace", "APPROVED", "2024-03-21T10:00:00Z"),
      ],
      approved: true,
      by: ["grace"],
      changes: [],
    },
    {
      name: "approved, then changes requested by the same reviewer",
      reviews: [
        review("grace", "APPROVED", "2024-03-20T10:00:00Z"),
        review("grace", "CHANGES_REQUESTED", "2024-03-21T10:00:00Z"),
      ],
      approved: false,
      by: [],
      changes: ["grace"],
    },
    {
      name: "one approval and another reviewer's changes request",
      reviews: [
        review("grace", "APPROVED", "2024-03-20T10:00:00Z"),
        review("linus", "CHANGES_REQUESTED", "2024-03-20T11:00:00Z"),
      ],
      approved: false,
      by: ["grace"],
      changes: ["linus"],
    },
    {
      name: "a dismissed changes request no longer blocks",
      reviews: [
        review("grace", "APPROVED", "2024-03-20T10:00:00Z"),
        review("linus", "CHANGES_REQUESTED", "2024-03-20T11:00:00Z", { dismissed: true }),
      ],
      approved: true,
      by: ["grace"],
      changes: [],
    },
    {
      name: "a dismissed approval is no approval, and does not bring an older verdict back",
      reviews: [
        review("grace", "CHANGES_REQUESTED", "2024-03-19T10:00:00Z"),
        review("grace", "APPROVED", "2024-03-20T10:00:00Z", { dismissed: true }),
      ],
      approved: false,
      by: [],
      changes: [],
    },
    {
      name: "the author's own approval does not count",
      reviews: [review("ada", "APPROVED", "2024-03-20T10:00:00Z")],
      approved: false,
      by: [],
      changes: [],
    },
    {
      name: "a review seen only as dismissed (state unknown) is no verdict",
      reviews: [review("grace", undefined, "2024-03-20T10:00:00Z", { dismissed: true })],
      approved: false,
      by: [],
      changes: [],
    },
    {
      name: "another pull request's approval does not count",
      reviews: [review("grace", "APPROVED", "2024-03-20T10:00:00Z", { pullRequestId: 999 })],
      approved: false,
      by: [],
      changes: [],
    },
  ] as {
    name: string;
    reviews: ReviewRow[];
    approved: boolean;
    by: string[];
    changes: string[];
  }[])("$name", ({ reviews, approved, by, changes }) => {
    const state = approvalState(pr, reviews);
    expect([state.approved, state.approvedBy, state.changesRequestedBy]).toEqual([
      approved,
      by,
      changes,
    ]);
  });
});

describe("waitingOn: what the pull request needs next, and from whom", () => {
  it.each([
    {
      name: "nobody asked to review",
      requests: [],
      reviews: [],
      expected: { kind: "review", on: [] },
    },
    {
      name: "a requested reviewer who has not answered",
      requests: [request("grace", "2024-03-20T09:00:00Z")],
      reviews: [],
      expected: { kind: "review", on: ["grace"] },
    },
    {
      name: "a request that was removed",
      requests: [
        request("grace", "2024-03-20T09:00:00Z", { removedAt: Date.parse("2024-03-20T10:00:00Z") }),
      ],
      reviews: [],
      expected: { kind: "review", on: [] },
    },
    {
      name: "a team request, answered by a member's comment",
      requests: [
        request("@acme/web", "2024-03-20T09:00:00Z"),
        request("grace", "2024-03-20T09:00:00Z"),
      ],
      reviews: [review("linus", "COMMENTED", "2024-03-20T12:00:00Z")],
      expected: { kind: "review", on: ["grace"] },
    },
    {
      name: "changes requested: the author has to act",
      requests: [request("grace", "2024-03-20T09:00:00Z")],
      reviews: [review("grace", "CHANGES_REQUESTED", "2024-03-20T12:00:00Z")],
      expected: { kind: "changes", on: ["ada"], requestedBy: ["grace"] },
    },
    {
      name: "changes requested, then the reviewer asked again: back to review",
      requests: [
        request("grace", "2024-03-20T09:00:00Z"),
        request("grace", "2024-03-21T09:00:00Z"),
      ],
      reviews: [review("grace", "CHANGES_REQUESTED", "2024-03-20T12:00:00Z")],
      expected: { kind: "review", on: ["grace"] },
    },
    {
      name: "approved: waiting on a merge",
      requests: [request("grace", "2024-03-20T09:00:00Z")],
      reviews: [review("grace", "APPROVED", "2024-03-20T12:00:00Z")],
      expected: { kind: "merge", on: ["ada"], approvedBy: ["grace"] },
    },
  ] as { name: string; requests: ReviewRequestRow[]; reviews: ReviewRow[]; expected: WaitingOn }[])(
    "$name",
    ({ requests, reviews, expected }) => {
      const pending = pendingReviewRequests(pr, requests, reviews);
      expect(waitingOn(pr, approvalState(pr, reviews), pending)).toEqual(expected);
    },
  );

  it("a draft waits on its author, whatever the reviews say", () => {
    const draft = pullRequest({ draft: true });
    const reviews = [review("grace", "APPROVED", "2024-03-20T12:00:00Z")];
    expect(waitingOn(draft, approvalState(draft, reviews), [])).toEqual({
      kind: "draft",
      on: ["ada"],
    });
  });
});
