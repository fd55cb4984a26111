import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import { buildReviewActivityReport } from "../../src/flows/index.js";
import { ingestDelivery } from "../../src/ingest/index.js";
import type { ReviewActivityReport } from "../../src/reports/index.js";
import { figureValues } from "../helpers/figure-values.js";
import { FIXTURES, readDeliveryStream } from "../helpers/fixtures.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

interface Node {
  Number: number;
  State: "MERGED" | "CLOSED" | "OPEN";
  Author: { Login: string };
  CreatedAt: string;
  ClosedAt: string | null;
  MergedAt: string | null;
  Reviews: {
    TotalCount: number;
    Nodes: { databaseId: number; Author: { Login: string }; submittedAt: string }[];
  };
}

const since = Date.parse("2024-07-01T00:00:00Z");
const until = Date.parse("2024-08-20T00:00:00Z");
const inPeriod = (iso: string | null) =>
  iso !== null && Date.parse(iso) >= since && Date.parse(iso) < until;

/** The same figures computed straight from DevLake's recording, without the app's code. */
function fromCsv() {
  const rows = parse(
    readFileSync(join(FIXTURES, "devlake-graphql-prs/_raw_github_graphql_prs.csv")),
    { columns: true },
  ) as { data: string }[];
  const nodes = rows.map((row) => JSON.parse(row.data) as Node);
  // A blank author is the auto cherry-pick workflow's bot (see fixtures/README.md).
  const people = nodes.filter((pr) => pr.Author.Login !== "");
  const reviews = new Map<string, { reviews: number; prs: Set<number> }>();
  const seen = new Set<number>();
  for (const pr of nodes) {
    expect(pr.Reviews.Nodes.length).toBe(pr.Reviews.TotalCount); // nothing was cut off
    for (const review of pr.Reviews.Nodes) {
      if (seen.has(review.databaseId)) continue;
      seen.add(review.databaseId);
      const login = review.Author.Login;
      if (login === pr.Author.Login || !inPeriod(review.submittedAt)) continue;
      const entry = reviews.get(login) ?? { reviews: 0, prs: new Set<number>() };
      entry.reviews += 1;
      entry.prs.add(pr.Number);
      reviews.set(login, entry);
    }
  }
  return {
    pull_requests: {
      opened: people.filter((pr) => inPeriod(pr.CreatedAt)).length,
      merged: people.filter((pr) => inPeriod(pr.MergedAt)).length,
      closed_unmerged: people.filter((pr) => pr.MergedAt === null && inPeriod(pr.ClosedAt)).length,
      open: people.filter((pr) => pr.State === "OPEN").length,
      opened_by_bots: nodes.filter((pr) => pr.Author.Login === "" && inPeriod(pr.CreatedAt)).length,
    },
    people: [...reviews]
      .map(([login, { reviews, prs }]) => ({ login, reviews, prs_reviewed: prs.size }))
      .sort((a, b) => a.login.localeCompare(b.login)),
  };
}

describe("report on the DevLake recording (apache/incubator-devlake, 161 PRs)", () => {
  let ctx: TempStore;
  let report: ReviewActivityReport;

  beforeAll(async () => {
    ctx = await tempStore();
    for (const delivery of readDeliveryStream("devlake-graphql-prs/deliveries.jsonl")) {
      const outcome = await ingestDelivery(ctx.store, delivery);
      expect(outcome.status).toBe("applied");
    }
    const [repository] = await ctx.store.findRepositories("apache/incubator-devlake");
    if (!repository) throw new Error("repository not ingested");
    const loaded = parseConfig(null);
    if (!loaded.ok) throw new Error("defaults do not parse");
    report = await buildReviewActivityReport(ctx.store, {
      installationId: repository.installationId,
      scope: { kind: "repository", name: repository.fullName },
      repositories: [repository],
      period: { since, until },
      now: until,
      config: loaded.config,
      publicTarget: false,
    });
  });
  afterAll(() => ctx.cleanup());

  it("counts pull requests as the recording does", () => {
    const expected = fromCsv().pull_requests;
    expect(expected).toEqual({
      opened: 105,
      merged: 96,
      closed_unmerged: 5,
      open: 4,
      opened_by_bots: 56,
    });
    expect(figureValues(report.pull_requests)).toMatchObject(expected);
  });

  it("counts each person's reviews and PRs reviewed as the recording does", () => {
    const expected = fromCsv().people;
    const actual = report.people
      .filter((p) => (p.reviews.value ?? 0) > 0)
      .map(({ login, reviews, prs_reviewed }) => ({
        login,
        reviews: reviews.value,
        prs_reviewed: prs_reviewed.value,
      }))
      .sort((a, b) => a.login.localeCompare(b.login));
    expect(actual).toEqual(expected);
    expect(expected.reduce((sum, p) => sum + p.reviews, 0)).toBe(93);
  });
});
