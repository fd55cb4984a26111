import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { openStore } from "../src/store/index.js";
import { type BenchResult, progress, round } from "./bench-result.js";
import { FULL_SIZE, generateOrganisation, ORGANISATION } from "./generated-organisation.js";
import { startNodeChild } from "./node-child.js";
import { MB } from "./process-rss.js";
import { projectRoot } from "./project-root.js";
import { tempDir } from "./temp-dir.js";

const NOW = Date.parse("2026-11-27T09:00:00Z");

export interface ChildAnswer {
  timings: Record<string, number[]>;
  facts: Record<string, unknown>;
  maxRssBytes: number;
}

export async function runReportChild(
  database: string,
  organisation: string,
  operations: string,
  cwd: string,
): Promise<ChildAnswer> {
  const child = startNodeChild(
    join(projectRoot(), "dist", "bench", "report-child.js"),
    [database, organisation, operations],
    { cwd, env: {} },
  );
  const answer = (await child.message((m) => "timings" in m)) as unknown as ChildAnswer;
  await child.exited;
  return answer;
}

async function atScale(scale: number, dir: string): Promise<BenchResult[]> {
  const database = join(dir, `organisation-${scale}.db`);
  progress(`report: generating ${scale * 100}% of the organisation`);
  const store = await openStore({ path: database });
  const started = performance.now();
  const organisation = await generateOrganisation(store, { scale, now: NOW });
  await store.close();
  const generationSeconds = (performance.now() - started) / 1000;
  const organisationFile = join(dir, `organisation-${scale}.json`);
  writeFileSync(organisationFile, JSON.stringify(organisation));

  progress(`report: team report and release evaluation at ${scale * 100}%`);
  const main = await runReportChild(database, organisationFile, "team-and-release", dir);
  progress(`report: organisation-wide report at ${scale * 100}%`);
  const wide = await runReportChild(database, organisationFile, "organisation", dir);

  const size = {
    scale,
    pullRequests: organisation.counts.pullRequests,
    reviews: organisation.counts.reviews,
    reviewRequests: organisation.counts.reviewRequests,
    people: FULL_SIZE.people,
    repositories: FULL_SIZE.repositories,
    historyDays: ORGANISATION.historyDays,
  };
  const ms = (values: number[] | undefined) => (values ?? []).map((v) => round(v, 1));
  const team = main.timings.team ?? [];
  const release = main.timings.release ?? [];
  const trends = main.timings.trends ?? [];
  const organisationWide = wide.timings.organisation ?? [];
  return [
    {
      name: "report.team_90_days",
      value: round(team[0] ?? Number.NaN, 0),
      unit: "ms",
      target: "< 1000 ms at scale 1",
      params: {
        ...size,
        statistic: "first run in a fresh process (cold); warmRuns are the repeats",
        warmRuns: ms(team.slice(1)),
        operation: `buildReviewActivityReport + renderReportMarkdown, team of ${ORGANISATION.team.members} owning ${ORGANISATION.team.repositories} repositories, 90 days`,
        pullRequestsOpenedInPeriod: main.facts.teamPullRequests,
        markdownBytes: main.facts.teamMarkdownBytes,
        generationSeconds: round(generationSeconds, 1),
      },
    },
    {
      name: "report.team_trends_12_weeks",
      value: round(trends[0] ?? Number.NaN, 0),
      unit: "ms",
      target: "< 1000 ms at scale 1",
      params: {
        ...size,
        statistic:
          "first run in a fresh process after the team report (cold for its span); warmRuns are the repeats",
        warmRuns: ms(trends.slice(1)),
        operation: `buildReportTrends: ${ORGANISATION.team.members} members, ${ORGANISATION.team.repositories} repositories, 12 weekly periods from one read of their span`,
        periods: main.facts.trendPeriods,
        measures: main.facts.trendMeasures,
      },
    },
    {
      name: "release.milestone_500_prs",
      value: round(release[0] ?? Number.NaN, 0),
      unit: "ms",
      target: "< 1000 ms at scale 1",
      params: {
        ...size,
        statistic: "first run (evaluates and publishes everything) in a fresh process",
        againRuns: ms(release.slice(1)),
        operation:
          "updateReleaseReadiness for a milestone of 500 pull requests (150 open) to a counting dry-run target",
        writesFirstRun: main.facts.releaseFirstWrites,
        writesWhenUnchanged: main.facts.releaseAgainWrites,
      },
    },
    {
      name: "report.peak_rss",
      value: round(main.maxRssBytes / MB, 1),
      unit: "MB",
      target: "< 300 MB at scale 1",
      params: {
        ...size,
        measuredIn:
          "a child process that opens the store and runs the team report and the release evaluation three times each (process.resourceUsage().maxRSS)",
      },
    },
    {
      name: "report.organisation_90_days",
      value: round(organisationWide[0] ?? Number.NaN, 0),
      unit: "ms",
      params: {
        ...size,
        warmRuns: ms(organisationWide.slice(1)),
        operation: "the same report over all 50 repositories and everyone (no target; for scale)",
        pullRequestsOpenedInPeriod: wide.facts.organisationPullRequests,
        peakRssMB: round(wide.maxRssBytes / MB, 1),
      },
    },
  ];
}

export async function reportBenchmark(options: { quick: boolean }): Promise<BenchResult[]> {
  const dir = tempDir("report");
  try {
    const results: BenchResult[] = [];
    for (const scale of options.quick ? [0.1] : [0.1, 0.5, 1]) {
      results.push(...(await atScale(scale, dir.path)));
    }
    return results;
  } finally {
    dir.remove();
  }
}
