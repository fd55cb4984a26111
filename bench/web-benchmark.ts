import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseConfig, settingsText } from "../src/config/index.js";
import { openStore } from "../src/store/index.js";
import { type BenchResult, median, progress, round } from "./bench-result.js";
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

/**
 * Each dashboard page on the generated organisation (200,000 pull requests at scale 1), in a
 * fresh process: the first view after start (it answers within its wait and reloads itself
 * until every figure is counted), the time until it is complete, and then views of the page
 * as people see it afterwards, from figures kept while the store is unchanged.
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
    const teams = Object.fromEntries(
      Array.from({ length: TEAMS }, (_, t) => [
        t === 0 ? ORGANISATION.team.name : `team-${t}`,
        {
          repos: organisation.repositories
            .slice(t * perTeam, (t + 1) * perTeam)
            .map((r) => r.fullName),
          members: t === 0 ? organisation.teamMembers : [],
        },
      ]),
    );
    // As the app keeps them: the owner's .github file with the teams, and each repository's
    // own settings (without a file of its own, the owner's file read for it).
    const settings = settingsText(parseConfig({ reports: { teams } }));
    for (const repository of [
      `${ORGANISATION.owner}/.github`,
      ...organisation.repositories.map((r) => r.fullName),
    ])
      await store.putSettings({
        installationId: ORGANISATION.installationId,
        repository,
        settings,
        updatedAt: NOW,
      });
    await store.close();
    const organisationFile = join(dir.path, "organisation.json");
    writeFileSync(organisationFile, JSON.stringify(organisation));

    progress("web: pages, first view and after");
    const child = startNodeChild(
      join(projectRoot(), "dist", "bench", "web-child.js"),
      [database, organisationFile],
      { cwd: dir.path, env: {} },
    );
    const answer = (await child.message((m) => "pages" in m)) as {
      pages: Record<string, PageFigures>;
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
    return Object.entries(answer.pages).map(([page, figures]) => ({
      name: `web.${page}`,
      value: round(median(figures.warmMs), 1),
      unit: "ms",
      target: "< 200 ms at scale 1",
      params: {
        ...size,
        path: figures.path,
        statistic: `median of ${figures.warmMs.length} views after the first (figures kept while the store is unchanged)`,
        warmMs: figures.warmMs.map((ms) => round(ms, 1)),
        firstViewMs: round(figures.firstViewMs, 1),
        firstViewComplete: figures.firstViewComplete,
        completeAfterMs: round(figures.completeAfterMs, 0),
        viewsUntilComplete: figures.viewsUntilComplete,
        htmlBytes: figures.bytes,
        peakRssMB: round(answer.maxRssBytes / MB, 1),
      },
    }));
  } finally {
    dir.remove();
  }
}
