import { TZDate } from "@date-fns/tz";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ExpectationsConfig, parseConfig } from "../../src/config/index.js";
import { buildReviewActivityReport } from "../../src/flows/index.js";
import { type Delivery, ingestDelivery } from "../../src/ingest/index.js";
import { renderReportCsv, renderReportMarkdown, trendPeriods } from "../../src/reports/index.js";
import { assertOneStory } from "../helpers/one-story.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

/** The issue asks for 1,000 random streams: `npm run test:faults` runs them; `npm test` a tenth. */
const RUNS = Number(process.env.EXPECTATIONS_STORY_RUNS ?? 100);
const HOUR = 3_600_000;
const START = Date.parse("2024-07-01T00:00:00Z");

const PEOPLE = ["ann", "ben", "cat", "dan", "eve"] as const;
const BOT = "renovate[bot]";
const ASSOCIATIONS = ["OWNER", "MEMBER", "COLLABORATOR", "CONTRIBUTOR", "NONE"] as const;

const person = fc.constantFrom(...PEOPLE);
const association = fc.constantFrom(...ASSOCIATIONS);
/** Hours after 1 July 2024 00:00 UTC, over six weeks. */
const hours = (max: number) => fc.integer({ min: 0, max });

const pullRequestArbitrary = fc.record({
  author: fc.oneof({ weight: 6, arbitrary: person }, { weight: 1, arbitrary: fc.constant(BOT) }),
  association,
  opened: hours(6 * 7 * 24),
  requests: fc.array(fc.record({ reviewer: person, after: hours(72) }), { maxLength: 2 }),
  reviews: fc.array(
    fc.record({
      reviewer: person,
      association,
      state: fc.constantFrom("approved", "commented", "changes_requested"),
      after: hours(120),
    }),
    { maxLength: 3 },
  ),
  close: fc.option(fc.record({ after: hours(200), merged: fc.boolean(), by: person }), {
    nil: null,
  }),
});

const issueArbitrary = fc.record({
  author: person,
  association,
  opened: hours(6 * 7 * 24),
  labels: fc.subarray(["customer", "bug", "rca"]),
  comments: fc.array(fc.record({ author: person, association, after: hours(60) }), {
    maxLength: 2,
  }),
  close: fc.option(hours(120), { nil: null }),
});

const streamArbitrary = fc.record({
  pullRequests: fc.array(pullRequestArbitrary, { maxLength: 3 }),
  issues: fc.array(issueArbitrary, { maxLength: 3 }),
  timezone: fc.constantFrom("UTC", "Europe/Berlin", "Asia/Shanghai", "America/Los_Angeles"),
  coreHours: fc.boolean(),
  team: fc.option(fc.subarray([...PEOPLE], { minLength: 1 }), { nil: null }),
  /** The report: a calendar week or month of July or August 2024, or ten days; judged then or later. */
  span: fc.constantFrom("week", "month", "ten days"),
  offset: fc.integer({ min: 0, max: 4 }),
  /** Hours after the period's end it is judged (before it: a report of the period so far). */
  lateBy: fc.integer({ min: -5 * 24, max: 10 * 24 }),
});

type Stream = typeof streamArbitrary extends fc.Arbitrary<infer T> ? T : never;

const iso = (ms: number) => new Date(ms).toISOString();
const user = (login: string) => ({ login, type: login.endsWith("[bot]") ? "Bot" : "User" });

/** The webhook deliveries GitHub would send for the stream, in the order it would send them. */
function deliveries(stream: Stream, run: number): Delivery[] {
  const installation = { id: 7_000_000 + run };
  const repository = {
    id: 8_000_000 + run,
    full_name: `prop/repo-${run}`,
    private: false,
    owner: { login: "prop" },
  };
  const out: Delivery[] = [];
  const send = (name: string, at: number, payload: Record<string, unknown>) =>
    out.push({
      name,
      id: `prop-${run}-${out.length}`,
      receivedAt: at,
      payload: { ...payload, repository, installation, sender: { login: "someone" } },
    });
  stream.pullRequests.forEach((pr, n) => {
    const id = run * 100 + n + 1;
    const opened = START + pr.opened * HOUR;
    const closedAt = pr.close ? opened + (pr.close.after + 1) * HOUR : null;
    const payload = (at: number, closed: boolean) => ({
      id,
      node_id: `PR_prop_${id}`,
      number: n + 1,
      title: `Change ${n + 1}`,
      user: user(pr.author),
      author_association: pr.association,
      draft: false,
      state: closed ? "closed" : "open",
      created_at: iso(opened),
      updated_at: iso(at),
      closed_at: closed && closedAt !== null ? iso(closedAt) : null,
      merged_at: closed && closedAt !== null && pr.close?.merged ? iso(closedAt) : null,
      merged_by: closed && pr.close?.merged ? user(pr.close.by) : null,
      milestone: null,
      head: { sha: `sha${id}`, ref: `change-${id}` },
      base: { ref: "main" },
      labels: [],
    });
    const live = (at: number) => closedAt !== null && at >= closedAt;
    send("pull_request", opened, {
      action: "opened",
      number: n + 1,
      pull_request: payload(opened, false),
    });
    for (const request of pr.requests) {
      const at = opened + request.after * HOUR + 60_000;
      send("pull_request", at, {
        action: "review_requested",
        number: n + 1,
        pull_request: payload(at, live(at)),
        requested_reviewer: user(request.reviewer),
      });
    }
    pr.reviews.forEach((review, r) => {
      const at = opened + review.after * HOUR + 120_000;
      send("pull_request_review", at, {
        action: "submitted",
        review: {
          id: id * 10 + r,
          user: user(review.reviewer),
          state: review.state,
          submitted_at: iso(at),
          author_association: review.association,
        },
        pull_request: payload(at, live(at)),
      });
    });
    if (closedAt !== null)
      send("pull_request", closedAt, {
        action: "closed",
        number: n + 1,
        pull_request: payload(closedAt, true),
      });
  });
  stream.issues.forEach((issue, n) => {
    const id = run * 100 + 50 + n;
    const opened = START + issue.opened * HOUR;
    const closedAt = issue.close === null ? null : opened + (issue.close + 1) * HOUR;
    const payload = (at: number) => ({
      id,
      number: 50 + n,
      title: `Question ${n + 1}`,
      user: user(issue.author),
      author_association: issue.association,
      labels: issue.labels.map((name) => ({ name })),
      state: closedAt !== null && at >= closedAt ? "closed" : "open",
      created_at: iso(opened),
      updated_at: iso(at),
      closed_at: closedAt !== null && at >= closedAt ? iso(closedAt) : null,
    });
    send("issues", opened, { action: "opened", issue: payload(opened) });
    issue.comments.forEach((comment, c) => {
      const at = opened + comment.after * HOUR + 30_000;
      send("issue_comment", at, {
        action: "created",
        issue: payload(at),
        comment: {
          id: id * 10 + c,
          user: user(comment.author),
          author_association: comment.association,
          created_at: iso(at),
        },
      });
    });
    if (closedAt !== null) send("issues", closedAt, { action: "closed", issue: payload(closedAt) });
  });
  return out.sort((a, b) => a.receivedAt - b.receivedAt);
}

function settings(stream: Stream): ExpectationsConfig {
  const loaded = parseConfig({
    timezone: stream.timezone,
    ...(stream.coreHours ? { core_hours: { start: "09:00", end: "17:00" } } : {}),
    ...(stream.team ? { team: stream.team } : {}),
  });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.config;
}

/** The stream's report period, in its time zone: a calendar week or month, or ten days. */
function reportPeriod(stream: Stream, config: ExpectationsConfig) {
  const local = (day: number, month = 6) =>
    new TZDate(2024, month, day, 0, 0, 0, 0, config.timezone).getTime();
  const n = stream.offset;
  if (stream.span === "month")
    return { since: local(1, 6 + (n % 2)), until: local(1, 7 + (n % 2)) };
  if (stream.span === "week") return { since: local(1 + 7 * n), until: local(8 + 7 * n) };
  return { since: local(4 + 5 * n), until: local(14 + 5 * n) };
}

describe("every output tells one story, on random delivery streams", () => {
  let ctx: TempStore;
  beforeAll(async () => {
    ctx = await tempStore();
  });
  afterAll(() => ctx.cleanup());

  it(`holds on ${RUNS} streams (fast-check)`, { timeout: 180_000 }, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(streamArbitrary, async (stream) => {
        run += 1;
        for (const delivery of deliveries(stream, run)) {
          const outcome = await ingestDelivery(ctx.store, delivery);
          expect(outcome.status, `${delivery.name}: ${JSON.stringify(outcome)}`).toBe("applied");
        }
        const config = settings(stream);
        const period = reportPeriod(stream, config);
        const [repository] = await ctx.store.findRepositories(`prop/repo-${run}`);
        if (!repository) return; // a stream of nothing: no repository, no report
        const report = await buildReviewActivityReport(ctx.store, {
          installationId: repository.installationId,
          scope: { kind: "repository", name: repository.fullName },
          repositories: [repository],
          period,
          now: Math.max(period.since + HOUR, period.until + stream.lateBy * HOUR),
          config,
          members: config.team,
          publicTarget: false,
          earlierPeriods: trendPeriods(period, 3, config.timezone).slice(0, -1),
        });
        assertOneStory({
          markdown: renderReportMarkdown(report),
          json: JSON.stringify(report, null, 2),
          csv: renderReportCsv(report),
        });
      }),
      { numRuns: RUNS },
    );
    expect(run).toBeGreaterThanOrEqual(RUNS);
  });
});
