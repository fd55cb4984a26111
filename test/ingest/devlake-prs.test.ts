import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestDelivery } from "../../src/ingest/index.js";
import { FIXTURES, readDeliveryStream } from "../helpers/fixtures.js";
import { tempStore } from "../helpers/temp-store.js";

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
  const ctx = tempStore();
  const prs = csvPullRequests();
  const count = (sql: string) => (ctx.store.db.prepare(sql).get() as { n: number }).n;

  beforeAll(async () => {
    for (const delivery of readDeliveryStream("devlake-graphql-prs/deliveries.jsonl")) {
      const outcome = await ingestDelivery(ctx.store, delivery);
      expect(outcome.status, delivery.id).toBe("applied");
    }
  });
  afterAll(() => ctx.cleanup());

  it("stores every pull request with its state", () => {
    expect(prs).toHaveLength(161);
    expect(count("SELECT count(*) AS n FROM pull_requests")).toBe(prs.length);
    expect(count("SELECT count(*) AS n FROM pull_requests WHERE merged_at IS NOT NULL")).toBe(
      prs.filter((pr) => pr.MergedAt !== null).length,
    );
    expect(count("SELECT count(*) AS n FROM pull_requests WHERE state = 'open'")).toBe(
      prs.filter((pr) => pr.State === "OPEN").length,
    );
  });

  it("stores every review, at its submitted time, by the same reviewers", () => {
    const reviews = prs.flatMap((pr) => pr.Reviews.Nodes);
    expect(count("SELECT count(*) AS n FROM reviews")).toBe(reviews.length);
    const reviewers = new Set(reviews.map((review) => review.Author?.Login ?? "ghost"));
    expect(count("SELECT count(DISTINCT reviewer_login) AS n FROM reviews")).toBe(reviewers.size);
    const stored = ctx.store.db.prepare("SELECT review_id, submitted_at FROM reviews").all() as {
      review_id: number;
      submitted_at: number;
    }[];
    const submitted = new Map(stored.map((row) => [row.review_id, row.submitted_at]));
    for (const review of reviews)
      expect(submitted.get(review.databaseId)).toBe(Date.parse(review.submittedAt));
  });

  it("counts reviews per PR like GitHub did", () => {
    const stored = ctx.store.db
      .prepare(
        "SELECT p.pull_request_id AS id, count(r.review_id) AS n FROM pull_requests p LEFT JOIN reviews r ON r.pull_request_id = p.pull_request_id GROUP BY p.pull_request_id",
      )
      .all() as { id: number; n: number }[];
    const perPr = new Map(stored.map((row) => [row.id, row.n]));
    for (const pr of prs)
      expect(perPr.get(pr.DatabaseId), `PR ${pr.DatabaseId}`).toBe(pr.Reviews.Nodes.length);
  });
});
