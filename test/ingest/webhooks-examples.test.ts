import examples from "@octokit/webhooks-examples";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestDelivery, normalizeDelivery } from "../../src/ingest/index.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

const FOLLOWED: Record<string, string[]> = {
  pull_request: [
    "opened",
    "reopened",
    "closed",
    "edited",
    "synchronize",
    "ready_for_review",
    "converted_to_draft",
    "review_requested",
    "review_request_removed",
    "milestoned",
    "demilestoned",
    "labeled",
    "unlabeled",
    "assigned",
  ],
  pull_request_review: ["submitted", "edited", "dismissed"],
  milestone: ["created", "opened", "edited", "closed", "deleted"],
  issues: [
    "opened",
    "edited",
    "labeled",
    "unlabeled",
    "closed",
    "reopened",
    "milestoned",
    "demilestoned",
    "transferred",
    "deleted",
  ],
  issue_comment: ["created", "deleted"],
  installation: ["created", "deleted", "suspend", "unsuspend"],
  installation_repositories: ["added", "removed"],
};

const cases = (examples as unknown as { name: string; examples: Record<string, unknown>[] }[])
  .filter((event) => event.name in FOLLOWED)
  .flatMap((event) =>
    event.examples.map((payload, i) => ({
      name: event.name,
      action: String(payload.action),
      i,
      payload,
    })),
  );

describe("every @octokit/webhooks-examples payload of a followed event", () => {
  let ctx: TempStore;
  beforeEach(async () => {
    ctx = await tempStore();
  });
  afterEach(() => ctx.cleanup());

  it("covers every followed event", () => {
    expect(new Set(cases.map((c) => c.name))).toEqual(new Set(Object.keys(FOLLOWED)));
    expect(cases.length).toBeGreaterThan(80);
  });

  it.each(cases)("$name.$action #$i", async ({ name, action, i, payload }) => {
    // Some examples were recorded without an installation; ours always have one.
    const withInstallation = { ...payload, installation: payload.installation ?? { id: 42 } };
    const delivery = {
      name,
      id: `${name}-${action}-${i}`,
      payload: withInstallation,
      receivedAt: 1_700_000_000_000,
    };
    const followed = FOLLOWED[name]?.includes(action) ?? false;
    const normalized = normalizeDelivery(delivery);
    expect(normalized.ignored).toBe(!followed);
    const outcome = await ingestDelivery(ctx.store, delivery);
    expect(outcome.status).toBe(followed ? "applied" : "ignored");
    if (followed) {
      const { deliveries } = await ctx.store.dumpDeliveryLog();
      expect(deliveries.filter((d) => d.deliveryId === delivery.id)).toHaveLength(1);
    }
  });
});
