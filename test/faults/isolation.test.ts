import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  COPY_INSTALLATION_OFFSET,
  deliveryCopy,
  readDemoDeliveries,
} from "../../bench/demo-deliveries.js";
import { parseConfig } from "../../src/config/index.js";
import { buildReviewActivityReport, updateReleaseReadiness } from "../../src/flows/index.js";
import { dryRunTarget } from "../../src/github/index.js";
import { type Delivery, ingestDelivery } from "../../src/ingest/index.js";
import { writeCheckRun } from "../../src/publish/index.js";
import { renderReportMarkdown } from "../../src/reports/index.js";
import type { ActivityDump, Store } from "../../src/store/index.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

/**
 * Installation B has the same repositories (names and ids) and the same people as A, but a
 * different history: its titles say [B], its reviews say the opposite and its milestones are due
 * earlier. Anything of B that shows up in A's outputs would change them.
 */
function asInstallationB(delivery: Delivery): Delivery {
  const copy = deliveryCopy(delivery, 1);
  const payload = copy.payload as Record<string, Record<string, unknown> | undefined>;
  for (const key of ["pull_request", "issue"]) {
    const item = payload[key];
    if (item) item.title = `${String(item.title)} [B]`;
    const milestone = item?.milestone as Record<string, unknown> | null | undefined;
    if (milestone?.due_on) milestone.due_on = "2019-09-02T07:00:00Z";
  }
  const review = payload.review;
  if (review) review.state = review.state === "approved" ? "changes_requested" : "approved";
  return copy;
}

const A = [848_733, 1_000_001];
const B = A.map((id) => id + COPY_INSTALLATION_OFFSET);
const NOW = Date.parse("2019-10-01T12:00:00Z");
const config = (() => {
  const parsed = parseConfig({});
  if (!parsed.ok) throw new Error("the default config does not parse");
  return parsed.config;
})();

const stores: TempStore[] = [];
let shared: Store;
let aOnly: Store;

async function storeWith(deliveries: Delivery[]): Promise<Store> {
  const ctx = await tempStore();
  stores.push(ctx);
  for (const delivery of deliveries) await ingestDelivery(ctx.store, delivery);
  return ctx.store;
}

beforeAll(async () => {
  const demo = readDemoDeliveries();
  // Interleaved, as two organisations' events arrive at one server.
  shared = await storeWith(demo.flatMap((d) => [d, asInstallationB(d)]));
  aOnly = await storeWith(demo);
});
afterAll(async () => {
  for (const ctx of stores) await ctx.cleanup();
});

function onlyInstallations(dump: ActivityDump, ids: number[]) {
  return Object.fromEntries(
    Object.entries(dump).map(([table, rows]) => [
      table,
      rows.filter((row) =>
        ids.includes((JSON.parse(row) as { installationId: number }).installationId),
      ),
    ]),
  );
}

async function reportOf(store: Store, installationId: number, fullName: string) {
  const repositories = (await store.listRepositories(installationId)).filter(
    (r) => r.fullName === fullName,
  );
  const report = await buildReviewActivityReport(store, {
    installationId,
    scope: { kind: "repository", name: fullName },
    repositories,
    period: { since: Date.parse("2019-07-01T00:00:00Z"), until: NOW },
    now: NOW,
    config,
    publicTarget: false,
  });
  return { report, markdown: renderReportMarkdown(report) };
}

async function releaseWritesOf(store: Store, installationId: number) {
  const lines: string[] = [];
  const out = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const target = dryRunTarget(out);
  for (const repository of await store.listRepositories(installationId)) {
    await updateReleaseReadiness(
      { store, target, installationId, now: NOW },
      { repository, everything: true },
      { config: async () => ({ ok: true, config }), webUrl: "https://github.com" },
    );
  }
  return lines;
}

describe("two installations with the same repositories and people", () => {
  it("store reads of one never return rows of the other", async () => {
    const mixed = await shared.dumpActivity();
    expect(onlyInstallations(mixed, A)).toEqual(onlyInstallations(await aOnly.dumpActivity(), A));
    expect(onlyInstallations(mixed, B).pull_requests?.length).toBe(
      onlyInstallations(mixed, A).pull_requests?.length,
    );
    for (const [i, a] of A.entries()) {
      const b = B[i] as number;
      const reposA = await shared.listRepositories(a);
      const reposB = await shared.listRepositories(b);
      expect(reposA.map((r) => r.fullName)).toEqual(reposB.map((r) => r.fullName));
      for (const repository of reposA) {
        const open = await shared.listOpenPullRequests(a, repository.repositoryId);
        expect(open.every((pr) => pr.installationId === a && !pr.title.endsWith("[B]"))).toBe(true);
        const activity = await shared.loadActivity({
          installationId: a,
          repositoryIds: [repository.repositoryId],
          since: 0,
          until: NOW,
        });
        const everything = [
          ...activity.repositories,
          ...activity.pullRequests,
          ...activity.reviews,
          ...activity.reviewRequests,
          ...activity.timeline,
          ...activity.milestones,
          ...activity.issues,
          ...activity.issueComments,
        ];
        expect(everything.length).toBeGreaterThan(0);
        expect(everything.filter((row) => row.installationId !== a)).toEqual([]);
      }
    }
  });

  it("a report of A is the same whether B shares the store or not", async () => {
    const both = await reportOf(shared, 1_000_001, "panjf2000/ants");
    const alone = await reportOf(aOnly, 1_000_001, "panjf2000/ants");
    expect(both.markdown).not.toContain("[B]");
    expect(both.report.pull_requests.opened.value).toBeGreaterThanOrEqual(5);
    expect(both.markdown).toBe(alone.markdown);
  });

  it("A's checks and milestone issues are the same whether B shares the store or not", async () => {
    const both = await releaseWritesOf(shared, 848_733);
    expect(both.length).toBeGreaterThan(0);
    expect(both.join("\n")).not.toContain("[B]");
    expect(both).toEqual(await releaseWritesOf(aOnly, 848_733));
  });

  it("what one installation published never makes the other skip publishing", async () => {
    const writes: string[] = [];
    const target = dryRunTarget(
      new Writable({
        write(chunk, _encoding, done) {
          writes.push(String(chunk));
          done();
        },
      }),
    );
    const content = {
      name: "Release readiness",
      head_sha: "abc1234",
      external_id: "release-readiness:PR_same_node_id",
      conclusion: "success" as const,
      output: { title: "On track", summary: "Approved." },
    };
    const now = NOW;
    expect(
      await writeCheckRun(
        { store: shared, target, installationId: A[0] as number, now },
        { owner: "chdsbd", repo: "test_repo" },
        content,
      ),
    ).toBe("created");
    expect(
      await writeCheckRun(
        { store: shared, target, installationId: B[0] as number, now },
        { owner: "chdsbd", repo: "test_repo" },
        content,
      ),
    ).toBe("created");
    expect(writes).toHaveLength(2);
  });

  it("removing B deletes B and leaves A exactly as it was", async () => {
    const before = onlyInstallations(await shared.dumpActivity(), A);
    for (const id of B) {
      await ingestDelivery(shared, {
        name: "installation",
        id: `uninstall-${id}`,
        payload: {
          action: "deleted",
          installation: { id, account: { login: "panjf2000", type: "User" } },
        },
        receivedAt: NOW,
      });
    }
    const after = await shared.dumpActivity();
    expect(onlyInstallations(after, B)).toEqual(
      Object.fromEntries(Object.keys(after).map((table) => [table, []])),
    );
    expect(onlyInstallations(after, A)).toEqual(before);
  });
});
