import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestDelivery } from "../../src/ingest/index.js";
import type { PullRequestRow, ReviewRow } from "../../src/store/index.js";
import { FIXTURES, readDeliveryStream } from "../helpers/fixtures.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

interface GraphqlPullRequest {
  DatabaseId: number;
  State: "OPEN" | "CLOSED" | "MERGED";
  MergedAt: string | null;
  Reviews: {
    Nodes: {
      databaseId: number;
      submittedAt: string;
      state: string;
      Author: { Login: string } | null;
    }[];
  };
}

/** The recorded GraphQL answers, read straight from the CSV: the independent side of the check. */
function csvPullRequests(): GraphqlPullRequest[] {
  const csv = readFileSync(
    join(FIXTURES, "devlake-graphql-prs/_raw_github_graphql_prs.csv"),
    "utf8",
  );
  const rows = parse(csv, { columns: true }) as { data: string }[];
  return rows.map((row) => JSON.parse(row.data) as GraphqlPullRequest);
}

describe("apache/incubator-devlake PRs recorded through GraphQL, replayed as deliveries", () => {
  let ctx: TempStore;
  const prs = csvPullRequests();
  const stored = async <T>(table: "pull_requests" | "reviews") =>
    (await ctx.store.dumpActivity())[table].map((row) => JSON.parse(row) as T);

  beforeAll(async () => {
    ctx = await tempStore();
    for (const delivery of readDeliveryStream("devlake-graphql-prs/deliveries.jsonl")) {
      const outcome = await ingestDelivery(ctx.store, delivery);
      expect(outcome.status, delivery.id).toBe("applied");
    }
  });
  afterAll(() => ctx.cleanup());

  it("stores every pull request with its state", async () => {
    expect(prs).toHaveLength(161);
    const pulls = await stored<PullRequestRow>("pull_requests");
    expect(pulls).toHaveLength(prs.length);
    expect(pulls.filter((pr) => pr.mergedAt !== null)).toHaveLength(
      prs.filter((pr) => pr.MergedAt !== null).length,
    );
    expect(pulls.filter((pr) => pr.state === "open")).toHaveLength(
      prs.filter((pr) => pr.State === "OPEN").length,
    );
  });

  it("stores every review, at its submitted time, by the same reviewers", async () => {
    const reviews = prs.flatMap((pr) => pr.Reviews.Nodes);
    const kept = await stored<ReviewRow>("reviews");
    expect(kept).toHaveLength(reviews.length);
    const reviewers = new Set(reviews.map((review) => review.Author?.Login ?? "ghost"));
    expect(new Set(kept.map((row) => row.reviewer.login)).size).toBe(reviewers.size);
    const submitted = new Map(kept.map((row) => [row.reviewId, row.submittedAt]));
    for (const review of reviews)
      expect(submitted.get(review.databaseId)).toBe(Date.parse(review.submittedAt));
  });

  it("counts reviews per PR like GitHub did", async () => {
    const perPr = new Map<number, number>();
    for (const pr of await stored<PullRequestRow>("pull_requests")) perPr.set(pr.pullRequestId, 0);
    for (const review of await stored<ReviewRow>("reviews"))
      perPr.set(review.pullRequestId, (perPr.get(review.pullRequestId) ?? 0) + 1);
    for (const pr of prs)
      expect(perPr.get(pr.DatabaseId), `PR ${pr.DatabaseId}`).toBe(pr.Reviews.Nodes.length);
  });
});
