import examples from "@octokit/webhooks-examples";
import { describe, expect, it } from "vitest";
import { normalizeDelivery } from "../../src/ingest/index.js";
import type { StaleReleaseRecord } from "../../src/store/index.js";

// biome-ignore lint/suspicious/noExplicitAny: recorded payloads are edited field by field.
type Payload = Record<string, any>;

/** The first @octokit/webhooks-examples payload of this event and action, as an installation sends it. */
function example(event: string, action: string, patch: Payload = {}): Payload {
  const found = (examples as unknown as { name: string; examples: Payload[] }[])
    .find((e) => e.name === event)
    ?.examples.find((p) => p.action === action);
  if (!found) throw new Error(`no example of ${event}.${action}`);
  return { ...structuredClone(found), installation: { id: 1 }, ...patch };
}

const MILESTONE = example("milestone", "closed").milestone;
const OTHER_MILESTONE = { ...MILESTONE, id: MILESTONE.id + 1, number: MILESTONE.number + 1 };
const pr = (action: string, milestone: Payload | null = MILESTONE) => {
  const payload = example("pull_request", "synchronize", { action });
  payload.pull_request.milestone = milestone;
  return payload;
};
const review = (action: string) => {
  const payload = example("pull_request_review", "submitted", { action });
  payload.pull_request.milestone = MILESTONE;
  return payload;
};
const rerun = (event: "check_run" | "check_suite", externalId?: string) => {
  const payload = example(event, "rerequested");
  if (externalId !== undefined) payload.check_run.external_id = externalId;
  return payload;
};

const PR_ID = example("pull_request", "synchronize").pull_request.id as number;
const REVIEWED_ID = example("pull_request_review", "submitted").pull_request.id as number;
const SUITE = example("check_suite", "rerequested").check_suite;
const RUN = example("check_run", "rerequested").check_run;
const prStale = (id: number, ...milestoneIds: number[]) => [
  { subject: { kind: "pull_request", pullRequestId: id }, force: false },
  ...milestoneIds.map((milestoneId) => ({
    subject: { kind: "milestone", milestoneId, whole: false },
    force: false,
  })),
];

describe("what a delivery makes stale in release readiness", () => {
  it.each([
    ["pull_request", pr("synchronize"), prStale(PR_ID, MILESTONE.id)],
    ["pull_request", pr("closed"), prStale(PR_ID, MILESTONE.id)],
    ["pull_request", { ...pr("milestoned"), milestone: MILESTONE }, prStale(PR_ID, MILESTONE.id)],
    // The milestone it left, named at the top level.
    [
      "pull_request",
      { ...pr("demilestoned", null), milestone: MILESTONE },
      prStale(PR_ID, MILESTONE.id),
    ],
    [
      "pull_request",
      { ...pr("milestoned"), milestone: OTHER_MILESTONE },
      prStale(PR_ID, MILESTONE.id, OTHER_MILESTONE.id),
    ],
    ["pull_request", pr("assigned"), []],
    ["pull_request_review", review("submitted"), prStale(REVIEWED_ID, MILESTONE.id)],
    ["pull_request_review", review("dismissed"), prStale(REVIEWED_ID, MILESTONE.id)],
    ["pull_request_review", review("edited"), []],
    ...(["closed", "edited", "deleted"] as const).map((action) => [
      "milestone",
      example("milestone", "closed", { action }),
      [{ subject: { kind: "milestone", milestoneId: MILESTONE.id, whole: true }, force: false }],
    ]),
    ["milestone", example("milestone", "closed", { action: "created" }), []],
    [
      "check_run",
      rerun("check_run", "release-gate:PR_9"),
      [
        ...RUN.pull_requests.map((p: Payload) => ({
          subject: { kind: "pull_request", pullRequestId: p.id },
          force: true,
        })),
        { subject: { kind: "head_sha", sha: RUN.head_sha }, force: true },
      ],
    ],
    ["check_run", rerun("check_run", "ci:build"), []],
    [
      "check_suite",
      rerun("check_suite"),
      [
        ...SUITE.pull_requests.map((p: Payload) => ({
          subject: { kind: "pull_request", pullRequestId: p.id },
          force: true,
        })),
        { subject: { kind: "head_sha", sha: SUITE.head_sha }, force: true },
      ],
    ],
    ["issues", example("issues", "opened"), []],
  ] as [string, Payload, { subject: StaleReleaseRecord["subject"]; force: boolean }[]][])(
    "%s %#",
    (event, payload, expected) => {
      const normalized = normalizeDelivery({ name: event, id: "d", payload, receivedAt: 5 });
      if (normalized.ignored) throw new Error(normalized.reason);
      const stale = normalized.changes.flatMap((change) =>
        change.kind === "release_stale" ? [change.record] : [],
      );
      expect(stale).toEqual(
        expected.map((e) => ({
          installationId: 1,
          repositoryId: payload.repository.id,
          at: 5,
          ...e,
        })),
      );
    },
  );
});
