import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseConfig, settingsText } from "../src/config/index.js";
import { openStore } from "../src/store/index.js";
import { type BenchResult, median, percentile, progress, round } from "./bench-result.js";
import { FULL_SIZE, generateOrganisation, ORGANISATION } from "./generated-organisation.js";
import { startNodeChild } from "./node-child.js";
import { MB } from "./process-rss.js";
import { projectRoot } from "./project-root.js";
import { tempDir } from "./temp-dir.js";

const NOW = Date.parse("2026-11-27T09:00:00Z");
const TEAMS = 5;

interface PageFigures {
  path: string;
  firstViewMs: number;
  firstViewComplete: boolean;
  completeAfterMs: number;
  viewsUntilComplete: number;
  warmMs: number[];
  bytes: number;
}

interface WebhookFigures {
  deliveries: number;
  idleMs: number[];
  busyMs: number[];
  pageViewsAsking: number;
  slowestViewAskingMs: number;
  figuresQueued: number;
  figuresLeftAfterDeliveries: number;
}

/**
 * Each dashboard page on the generated organisation (200,000 pull requests at scale 1), in a
 * fresh process: the first view after start (it answers within its wait and reloads itself
 * until every figure is counted), the time until it is complete, and then views of the page
 * as people see it afterwards, from figures kept while the store is unchanged. And what the
 * dashboard's computations cost the webhooks: the HTTP answer time of the same deliveries with
 * the dashboard idle and while its worker thread counts every team's periods.
 */
export async function webBenchmark(options: { quick: boolean }): Promise<BenchResult[]> {
  const dir = tempDir("web");
  try {
    const scale = options.quick ? 0.1 : 1;
    const database = join(dir.path, "organisation.db");
    progress(`web: generating ${scale * 100}% of the organisation`);
    const store = await openStore({ path: database });
    const organisation = await generateOrganisation(store, { scale, now: NOW });
    // The organisation's .github settings, as the app keeps them for every repository: five
    // teams of ten repositories, the first with its hundred members listed.
    const perTeam = FULL_SIZE.repositories / TEAMS;
    const teamNames = Array.from({ length: TEAMS }, (_, t) =>
      t === 0 ? ORGANISATION.team.name : `team-${t}`,
    );
    const teams = Object.fromEntries(
      teamNames.map((name, t) => [
        name,
        {
          repos: organisation.repositories
            .slice(t * perTeam, (t + 1) * perTeam)
            .map((r) => r.fullName),
          members: t === 0 ? organisation.teamMembers : [],
        },
      ]),
    );
    // As the app keeps them: the owner's .github file with the teams (its repository installed
    // too), and each repository's own settings (without a file of its own, the owner's file).
    const { installationId, owner } = ORGANISATION;
    const dotGithub = {
      installationId,
      repositoryId: 99_999,
      fullName: `${owner}/.github`,
      private: false,
    };
    await store.applyChanges([{ kind: "repository", record: dotGithub }]);
    const settings = settingsText(parseConfig({ reports: { teams } }));
    for (const { repositoryId } of [dotGithub, ...organisation.repositories])
      await store.putSettings({ installationId, repositoryId, settings, updatedAt: NOW });
    await store.close();
    const organisationFile = join(dir.path, "organisation.json");
    writeFileSync(organisationFile, JSON.stringify(organisation));

    progress("web: pages, first view and after");
    const child = startNodeChild(
      join(projectRoot(), "dist", "bench", "web-child.js"),
      [database, organisationFile, ...teamNames],
      { cwd: dir.path, env: {} },
    );
    const answer = (await child.message((m) => "pages" in m)) as {
      pages: Record<string, PageFigures>;
      webhooks: WebhookFigures;
      maxRssBytes: number;
    };
    await child.exited;
    const size = {
      scale,
      pullRequests: organisation.counts.pullRequests,
      reviews: organisation.counts.reviews,
      repositories: FULL_SIZE.repositories,
      teams: TEAMS,
    };
    const peakRssMB = round(answer.maxRssBytes / MB, 1);
    const pages = Object.entries(answer.pages).flatMap(([page, figures]): BenchResult[] => [
      {
        name: `web.${page}.first_view`,
        value: round(figures.firstViewMs, 1),
        unit: "ms",
        target: "< 200 ms at scale 1",
        params: {
          ...size,
          path: figures.path,
          statistic:
            "the first view after start, nothing computed before (it reloads itself until complete)",
          firstViewComplete: figures.firstViewComplete,
          completeAfterMs: round(figures.completeAfterMs, 0),
          viewsUntilComplete: figures.viewsUntilComplete,
        },
      },
      {
        name: `web.${page}`,
        value: round(median(figures.warmMs), 1),
        unit: "ms",
        target: "< 200 ms at scale 1",
        params: {
          ...size,
          path: figures.path,
          statistic: `median of ${figures.warmMs.length} views after the first (figures kept while the store is unchanged)`,
          warmMs: figures.warmMs.map((ms) => round(ms, 1)),
          htmlBytes: figures.bytes,
          peakRssMB,
        },
      },
    ]);
    const { webhooks } = answer;
    const latency = (statistic: (values: number[]) => number, name: string): BenchResult => {
      const busy = statistic(webhooks.busyMs);
      const idle = statistic(webhooks.idleMs);
      return {
        name,
        value: round(busy, 2),
        unit: "ms",
        baseline: round(idle, 2),
        ratio: round(busy / idle, 2),
        target: "reported (webhooks never wait behind the dashboard)",
        params: {
          ...size,
          statistic: `${name.endsWith("p50") ? "median" : "95th percentile"} HTTP answer of ${webhooks.busyMs.length} demo deliveries sent one at a time while the dashboard's worker computed (baseline: ${webhooks.idleMs.length} with the dashboard idle)`,
          deliveries: webhooks.deliveries,
          pageViewsAsking: webhooks.pageViewsAsking,
          slowestViewAskingMs: round(webhooks.slowestViewAskingMs, 1),
          figuresQueued: webhooks.figuresQueued,
          figuresLeftAfterDeliveries: webhooks.figuresLeftAfterDeliveries,
        },
      };
    };
    return [
      ...pages,
      latency(median, "web.webhook_latency_busy_p50"),
      latency((values) => percentile(values, 95), "web.webhook_latency_busy_p95"),
    ];
  } finally {
    dir.remove();
  }
}
