import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { GitHubTarget } from "../../src/github/index.js";
import {
  type CheckRunContent,
  checkRunPublicationKey,
  contentHash,
  type PublishContext,
  writeCheckRun,
} from "../../src/publish/index.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

const repository = { owner: "acme", repo: "widgets", repositoryId: 7 };
const check: CheckRunContent = {
  name: "Release readiness",
  head_sha: "4f1c0de",
  external_id: "release-readiness:PR_kwDOAAAB",
  conclusion: "neutral",
  output: { title: "At risk: 2 business days left", summary: "Waiting on a review from @ana." },
};
const key = checkRunPublicationKey(check.external_id, check.head_sha);

describe("content hashes: canonical JSON, and publications remembered before it", () => {
  let ctx: TempStore;
  let sent: string[];
  let context: PublishContext;
  beforeEach(async () => {
    ctx = await tempStore();
    sent = [];
    // Any request is recorded: an unchanged publication must send none.
    const target: GitHubTarget = {
      send: async (write) => {
        sent.push(`${write.method} ${write.path}`);
        return { id: 99 };
      },
      read: async (path) => {
        sent.push(`GET ${path}`);
        return { check_runs: [] };
      },
    };
    context = { store: ctx.store, target, installationId: 41, now: 1_000 };
  });
  afterEach(() => ctx.cleanup());

  it("hashes the same content the same, whatever the order of its keys", () => {
    const reordered = {
      output: { summary: check.output.summary, title: check.output.title },
      conclusion: check.conclusion,
      external_id: check.external_id,
      head_sha: check.head_sha,
      name: check.name,
    };
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(check));
    expect(contentHash(reordered)).toBe(contentHash(check));
    expect(contentHash(check)).not.toBe(contentHash({ ...check, conclusion: "success" }));
  });

  it("sends nothing for a check run remembered under the hash of its JSON as written, and remembers it under the canonical hash", async () => {
    const written = createHash("sha256").update(JSON.stringify(check)).digest("hex");
    expect(written).not.toBe(contentHash(check));
    await ctx.store.putPublication({
      installationId: 41,
      key,
      repositoryId: 7,
      targetId: 12,
      contentHash: written,
      state: "neutral",
      updatedAt: 500,
    });
    expect(await writeCheckRun(context, repository, check)).toBe("unchanged");
    expect(sent).toEqual([]);
    expect(await ctx.store.getPublication(41, key)).toMatchObject({
      targetId: 12,
      contentHash: contentHash(check),
      state: "neutral",
    });
    // Changed content is sent, to the same check run.
    expect(await writeCheckRun(context, repository, { ...check, conclusion: "success" })).toBe(
      "updated",
    );
    expect(sent).toEqual(["PATCH /repos/acme/widgets/check-runs/12"]);
  });
});
