import { join } from "node:path";
import nock from "nock";
import { ProbotOctokit } from "probot";
import { backfillRepository, createRateLimitBudget } from "../src/backfill/index.js";
import { parseConfig } from "../src/config/index.js";
import {
  buildReportTrends,
  buildReviewActivityReport,
  learnGitHubTeams,
  postReportIssue,
  updateReleaseReadiness,
} from "../src/flows/index.js";
import { octokitTarget } from "../src/github/index.js";
import { openStore } from "../src/store/index.js";
import { type BenchResult, progress } from "./bench-result.js";
import { installFakeGitHub } from "./fake-github-api.js";
import { generateOrganisation, ORGANISATION } from "./generated-organisation.js";
import { tempDir } from "./temp-dir.js";

const NOW = Date.parse("2026-11-27T09:00:00Z");
const DAY = 86_400_000;

/** Probot's Octokit, counting every request it sends, by method and GraphQL or REST. */
function countingOctokit() {
  const octokit = new ProbotOctokit({
    auth: { token: "ghs_bench" },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  const counts = { reads: 0, writes: 0, graphql: 0, requests: [] as string[] };
  octokit.hook.before("request", (options) => {
    const url = String(options.url);
    counts.requests.push(`${options.method} ${url}`);
    if (url.endsWith("/graphql")) counts.graphql += 1;
    else if (options.method === "GET") counts.reads += 1;
    else counts.writes += 1;
  });
  const take = () => {
    const taken = { ...counts, requests: [...counts.requests] };
    counts.reads = 0;
    counts.writes = 0;
    counts.graphql = 0;
    counts.requests = [];
    return taken;
  };
  return { octokit, take };
}

export async function apiBenchmark(_options: { quick: boolean }): Promise<BenchResult[]> {
  const dir = tempDir("api");
  nock.disableNetConnect();
  try {
    progress("api: generating 2% of the organisation");
    const store = await openStore({ path: join(dir.path, "api.db") });
    const organisation = await generateOrganisation(store, { scale: 0.02, now: NOW });
    const parsed = parseConfig({});
    if (!parsed.ok) throw new Error("default config does not parse");
    const config = parsed.config;
    // The team endpoints go first: the fake below answers every other GET.
    const members = organisation.teamMembers;
    const json = (value: unknown): [number, string, Record<string, string>] => [
      200,
      JSON.stringify(value),
      { "content-type": "application/json" },
    ];
    const page = (uri: string) =>
      Number(new URL(uri, "https://api.github.com").searchParams.get("page"));
    const pageOf = <T>(items: T[], uri: string) =>
      items.slice((page(uri) - 1) * 100, page(uri) * 100);
    nock("https://api.github.com")
      .persist()
      .get("/orgs/bench-org/teams/storage")
      .reply(() => json({ id: 501, slug: "storage", name: "Storage", parent: null }))
      .get(/^\/orgs\/bench-org\/teams\/storage\/members\?/)
      .reply((uri) =>
        json(
          pageOf(
            members.slice(10).map((login) => ({ login, type: "User" })),
            uri,
          ),
        ),
      )
      .get(/^\/orgs\/bench-org\/teams\/storage\/teams\?/)
      .reply(() => json([{ id: 502, slug: "storage-core", name: "Storage core" }]))
      .get(/^\/orgs\/bench-org\/teams\/storage-core\/members\?/)
      .reply((uri) =>
        json(
          pageOf(
            members.slice(0, 10).map((login) => ({ login, type: "User" })),
            uri,
          ),
        ),
      )
      .get(/^\/orgs\/bench-org\/teams\/storage-core\/teams\?/)
      .reply(() => json([]))
      .get(/^\/orgs\/bench-org\/teams\/storage\/repos\?/)
      .reply(() =>
        json(
          organisation.teamRepositories.map((r) => ({ id: r.repositoryId, full_name: r.fullName })),
        ),
      );
    const fake = installFakeGitHub({
      owner: "bench-org",
      name: "history",
      repositoryId: 777_777,
      pullRequests: 1_000,
      now: NOW,
    });
    const { octokit, take } = countingOctokit();
    const publish = {
      store,
      target: octokitTarget(octokit),
      installationId: ORGANISATION.installationId,
      now: NOW,
    };

    // A team's 90-day report, posted as an issue, twice with nothing changed in between.
    const [owner = "", repo = ""] = (organisation.teamRepositories[0]?.fullName ?? "").split("/");
    const postReport = async () => {
      const report = await buildReviewActivityReport(store, {
        installationId: ORGANISATION.installationId,
        scope: { kind: "team", name: ORGANISATION.team.name },
        repositories: organisation.teamRepositories,
        period: { since: NOW - 90 * DAY, until: NOW },
        now: NOW,
        config,
        members: organisation.teamMembers,
        publicTarget: false,
      });
      const built = take();
      await postReportIssue(publish, { owner, repo }, report, config);
      return { built, published: take() };
    };
    progress("api: report");
    const reportFirst = await postReport();
    const reportAgain = await postReport();

    // The 500-PR milestone's release evaluation, twice with nothing changed in between.
    const evaluateRelease = async () => {
      await updateReleaseReadiness(
        publish,
        {
          repository: organisation.releaseRepository,
          milestoneIds: [ORGANISATION.release.milestoneId],
          wholeMilestones: true,
        },
        { config: async () => ({ ok: true, config }), webUrl: "https://github.com" },
      );
      return take();
    };
    progress("api: release evaluation");
    const releaseFirst = await evaluateRelease();
    const releaseAgain = await evaluateRelease();

    // A GitHub team of the organisation's file, named for the first time (what installing the
    // app costs): the team of the report with a nested team of 10, its 10 repositories; then
    // the same again (known: nothing read), and its 12 weeks of trends (from the store alone).
    const teamConfig = parseConfig({
      reports: { teams: { [ORGANISATION.team.name]: { github_team: "bench-org/storage" } } },
    });
    if (!teamConfig.ok) throw new Error(JSON.stringify(teamConfig.errors));
    progress("api: a GitHub team named for the first time");
    take();
    const installed = await store.listRepositories(ORGANISATION.installationId);
    const learnTeam = () =>
      learnGitHubTeams(
        store,
        octokit,
        ORGANISATION.installationId,
        "bench-org",
        teamConfig.config,
        installed,
        NOW,
      );
    const teamFirst = await learnTeam();
    const teamFirstRequests = take();
    await learnTeam();
    const teamAgainRequests = take();
    await buildReportTrends(
      store,
      {
        installationId: ORGANISATION.installationId,
        scope: { kind: "team", name: ORGANISATION.team.name },
        repositories: organisation.teamRepositories,
        now: NOW,
        config,
        members: organisation.teamMembers,
        publicTarget: false,
      },
      Array.from({ length: 12 }, (_, i) => ({
        since: NOW - (12 - i) * 7 * DAY,
        until: NOW - (11 - i) * 7 * DAY,
      })),
    );
    const trendRequests = take();

    // Backfill of a repository with 1,000 pull requests.
    progress("api: backfill of 1,000 pull requests");
    take();
    const summary = await backfillRepository({
      store,
      github: octokit,
      budget: createRateLimitBudget({
        clock: () => new Date(NOW),
        sleep: async () => {},
      }),
      installationId: ORGANISATION.installationId,
      owner: "bench-org",
      name: "history",
      since: NOW - 365 * DAY,
      clock: () => new Date(NOW),
    });
    const backfill = take();
    await store.close();

    const distinct = (requests: string[]) => [
      ...new Set(requests.map((r) => r.replace(/\/\d+(?=\/|$)/g, "/:n").replace(/\?.*$/, ""))),
    ];
    return [
      {
        name: "api.report.reads",
        value: reportAgain.built.reads + reportAgain.published.reads,
        unit: "GitHub reads per run",
        target: "0",
        params: {
          operation: `the ${ORGANISATION.team.name} team's 90-day report built and posted as an issue it already posted`,
          buildingReads: reportAgain.built.reads,
          publishingReads: reportAgain.published.reads,
          readsWhat: distinct(reportAgain.published.requests.filter((r) => r.startsWith("GET"))),
          firstRun: {
            reads: reportFirst.built.reads + reportFirst.published.reads,
            writes: reportFirst.published.writes,
          },
          notCounted:
            "loading .github/expectations.yml (the contents API, 1-2 reads per repository and run)",
        },
      },
      {
        name: "api.release.reads",
        value: releaseAgain.reads,
        unit: "GitHub reads per run",
        target: "0",
        params: {
          operation:
            "release evaluation of the 500-PR milestone whose checks and issue it already published",
          readsWhat: distinct(releaseAgain.requests.filter((r) => r.startsWith("GET"))),
          firstRun: { reads: releaseFirst.reads, writes: releaseFirst.writes },
          notCounted: "loading .github/expectations.yml (as above)",
        },
      },
      {
        name: "api.unchanged.writes",
        value: reportAgain.published.writes + releaseAgain.writes,
        unit: "GitHub writes per run",
        target: "0",
        params: {
          operation: "the report and the release evaluation run again with nothing changed",
          report: reportAgain.published.writes,
          release: releaseAgain.writes,
          writesWhat: distinct(
            [...reportAgain.published.requests, ...releaseAgain.requests].filter(
              (r) => !r.startsWith("GET"),
            ),
          ),
        },
      },
      {
        name: "api.teams.install_reads",
        value: teamFirstRequests.reads,
        unit: "GitHub reads, once per team",
        params: {
          operation: `learnGitHubTeams for a team of ${members.length} members (${members.length - 10} in it, 10 in a nested team) with ${organisation.teamRepositories.length} repositories, named for the first time`,
          teamsRead: teamFirst.read,
          readsWhat: distinct(teamFirstRequests.requests),
          readsWhenKnown: teamAgainRequests.reads,
          trendsReads: trendRequests.reads,
        },
      },
      {
        name: "api.backfill.graphql_requests",
        value: backfill.graphql,
        unit: "GraphQL requests",
        target: "<= 20",
        params: {
          pullRequests: summary.pullRequests,
          timelineItemsPerPullRequest: 6,
          pages: summary.pages,
          restRequests: backfill.reads + backfill.writes,
          operations: [...new Set(fake.graphqlOperations)],
          complete: summary.complete,
        },
      },
    ];
  } finally {
    nock.cleanAll();
    nock.enableNetConnect();
    dir.remove();
  }
}
