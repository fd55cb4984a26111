/**
 * Runs the measured operations of the report benchmark on an already generated store, alone in
 * this process so that its peak RSS is theirs:
 *
 *   node dist/bench/report-child.js <database> <organisation.json> team-and-release|organisation
 *
 * Prints `{"benchServer": {"timings": ..., "maxRssBytes": ...}}`.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parseConfig } from "../src/config/index.js";
import {
  buildReportTrends,
  buildReviewActivityReport,
  updateReleaseReadiness,
} from "../src/flows/index.js";
import { renderReportMarkdown, TREND_PERIODS, trendPeriods } from "../src/reports/index.js";
import { isDatabaseUrl, openStore } from "../src/store/index.js";
import { countingTarget } from "./counting-target.js";
import type { GeneratedOrganisation } from "./generated-organisation.js";
import { ORGANISATION } from "./generated-organisation.js";

const [database, organisationFile, operations] = process.argv.slice(2);
if (
  !database ||
  !organisationFile ||
  (operations !== "team-and-release" && operations !== "organisation")
) {
  process.stderr.write(
    "usage: node dist/bench/report-child.js <database> <organisation.json> team-and-release|organisation\n",
  );
  process.exit(2);
}
const organisation = JSON.parse(readFileSync(organisationFile, "utf8")) as GeneratedOrganisation;
const { now, teamRepositories, teamMembers, releaseRepository, repositories } = organisation;
const parsed = parseConfig({
  reports: {
    teams: {
      [ORGANISATION.team.name]: {
        repos: teamRepositories.map((r) => r.fullName),
        members: teamMembers,
      },
    },
  },
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const config = parsed.config;
const store = await openStore(isDatabaseUrl(database) ? { url: database } : { path: database });
const DAY = 86_400_000;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function report(scope: "team" | "organisation") {
  const built = await buildReviewActivityReport(store, {
    installationId: ORGANISATION.installationId,
    scope:
      scope === "team"
        ? { kind: "team", name: ORGANISATION.team.name }
        : { kind: "team", name: "everyone" },
    repositories: scope === "team" ? teamRepositories : repositories,
    period: { since: now - 90 * DAY, until: now },
    now,
    config,
    members: scope === "team" ? teamMembers : undefined,
    publicTarget: false,
  });
  return { built, markdown: renderReportMarkdown(built) };
}

/** The team's trends over the last twelve weeks: one read of the span, each week measured. */
async function trends() {
  const week = { since: now - 7 * DAY, until: now };
  return buildReportTrends(
    store,
    {
      installationId: ORGANISATION.installationId,
      scope: { kind: "team", name: ORGANISATION.team.name },
      repositories: teamRepositories,
      now,
      config,
      members: teamMembers,
      publicTarget: false,
    },
    trendPeriods(week, TREND_PERIODS, config.timezone),
  );
}

const target = countingTarget();
async function releaseEvaluation() {
  return updateReleaseReadiness(
    { store, target, installationId: ORGANISATION.installationId, now },
    {
      repository: releaseRepository,
      milestoneIds: [ORGANISATION.release.milestoneId],
      wholeMilestones: true,
    },
    { config: async () => ({ ok: true, config }), webUrl: "https://github.com" },
  );
}

const timings: Record<string, number[]> = {
  team: [],
  organisation: [],
  release: [],
  trends: [],
};
const facts: Record<string, unknown> = {};
// Cold first, as the daily job meets it; then warm repeats.
for (let i = 0; i < (operations === "team-and-release" ? 3 : 0); i++) {
  timings.team?.push(
    await timed(async () => {
      const { built, markdown } = await report("team");
      facts.teamPullRequests = built.pull_requests.opened;
      facts.teamMarkdownBytes = markdown.length;
    }),
  );
}
for (let i = 0; i < (operations === "team-and-release" ? 3 : 0); i++) {
  timings.trends?.push(
    await timed(async () => {
      const built = await trends();
      facts.trendPeriods = built.periods.length;
      facts.trendMeasures = built.measures.length;
    }),
  );
}
for (let i = 0; i < (operations === "team-and-release" ? 3 : 0); i++) {
  timings.release?.push(
    await timed(async () => {
      const before = target.writes;
      const outcome = await releaseEvaluation();
      facts[i === 0 ? "releaseFirstWrites" : "releaseAgainWrites"] = target.writes - before;
      facts.releasePullRequests = outcome.readiness.length;
    }),
  );
}
for (let i = 0; i < (operations === "organisation" ? 2 : 0); i++) {
  timings.organisation?.push(
    await timed(async () => {
      const { built } = await report("organisation");
      facts.organisationPullRequests = built.pull_requests.opened;
    }),
  );
}
await store.close();
process.stdout.write(
  `${JSON.stringify({
    benchServer: { timings, facts, maxRssBytes: process.resourceUsage().maxRSS * 1024 },
  })}\n`,
);
