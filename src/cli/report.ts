import type { ExpectationsConfig } from "../config/index.js";
import {
  buildReviewActivityReport,
  postReviewActivityReport,
  type ReportRequest,
  resolveGitHubTeams,
} from "../flows/index.js";
import {
  dryRunTarget,
  type GitHubTarget,
  githubConnection,
  octokitTarget,
  stderrLogger,
} from "../github/index.js";
import type { Period } from "../metrics/index.js";
import { withDryRunPublications } from "../publish/index.js";
import {
  renderReportCsv,
  renderReportMarkdown,
  TREND_PERIODS,
  trendPeriods,
} from "../reports/index.js";
import { type ReportTarget, teamReportTarget } from "../schedule/index.js";
import type { RepositoryRecord, Store } from "../store/index.js";
import { noteOn, type OptionZone, parseDateOption } from "./date-option.js";
import { readingCommandInputs, resolveRepository } from "./local-store-inputs.js";
import { UsageError } from "./usage-error.js";

export interface ReportOptions {
  repo?: string;
  team?: string;
  config?: string;
  since?: string;
  until?: string;
  now?: string;
  format?: string;
  db?: string;
  post?: boolean;
  dryRun?: boolean;
  trends?: string;
}

const MAX_TREND_PERIODS = 60;

function trendCount(value: string | undefined): number {
  if (value === undefined) return TREND_PERIODS;
  const count = /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
  if (!(count === 0 || (count >= 2 && count <= MAX_TREND_PERIODS)))
    throw new UsageError(
      `--trends: "${value}" is not 0 (no trends) or a number of periods from 2 to ${MAX_TREND_PERIODS}`,
    );
  return count;
}

const FORMATS = ["markdown", "json", "csv"];
const DAY_MS = 86_400_000;

function reportPeriod(
  options: ReportOptions,
  config: ExpectationsConfig,
  zone: OptionZone,
  now: Date,
): Period {
  const boundary = (value: string, option: string) =>
    parseDateOption(value, option, zone, noteOn(process.stderr)).getTime();
  // Read in the order a person gives them, so the notes on stderr come --since, then --until.
  const from = options.since === undefined ? undefined : boundary(options.since, "--since");
  const until = options.until ? boundary(options.until, "--until") : now.getTime();
  const since = from ?? until - config.reports.period_days * DAY_MS;
  if (since >= until) throw new UsageError("--since must be before --until");
  return { since, until };
}

interface Resolved {
  request: Omit<ReportRequest, "publicTarget">;
  /** Where `--post` publishes: `reports.repository`, else the repository (a team's first). */
  postTo: string;
}

async function resolveReport(
  store: Store,
  options: ReportOptions,
  config: ExpectationsConfig,
  zone: OptionZone,
  now: Date,
): Promise<Resolved> {
  if ((options.repo === undefined) === (options.team === undefined))
    throw new UsageError("give either --repo OWNER/NAME or --team NAME");
  const period = reportPeriod(options, config, zone, now);
  const count = trendCount(options.trends);
  const earlierPeriods =
    count === 0 ? [] : trendPeriods(period, count, config.timezone).slice(0, -1);
  if (options.repo !== undefined) {
    const repository = await resolveRepository(store, options.repo);
    return {
      request: {
        installationId: repository.installationId,
        scope: { kind: "repository", name: repository.fullName },
        repositories: [repository],
        period,
        now: now.getTime(),
        config,
        members: config.team,
        earlierPeriods,
      },
      postTo: config.reports.repository ?? repository.fullName,
    };
  }
  const name = options.team as string;
  const team = config.reports.teams[name];
  if (!team) {
    const known = Object.keys(config.reports.teams);
    throw new UsageError(
      `--team: "${name}" is not under reports.teams in ${options.config ?? "the config (give --config)"}${known.length > 0 ? `; teams: ${known.join(", ")}` : ""}`,
    );
  }
  if (team.github_team) {
    const target = await githubTeamTarget(store, name, team.github_team, config);
    return {
      request: {
        installationId: target.jobScope.installationId,
        scope: target.scope,
        repositories: target.repositories,
        period,
        now: now.getTime(),
        config,
        members: undefined,
        memberSpans: target.memberSpans,
        earlierPeriods,
      },
      postTo: target.postTo,
    };
  }
  const repositories: RepositoryRecord[] = [];
  for (const repo of team.repos) {
    const found = await store.findRepositories(repo);
    if (found.length === 0) process.stderr.write(`${repo} is not in the store; left out\n`);
    repositories.push(...found);
  }
  const installations = new Set(repositories.map((r) => r.installationId));
  if (installations.size === 0)
    throw new UsageError(`none of team ${name}'s repositories is in the store`);
  if (installations.size > 1)
    throw new UsageError(`team ${name}'s repositories belong to several installations`);
  return {
    request: {
      installationId: repositories[0]?.installationId as number,
      scope: { kind: "team", name },
      repositories,
      period,
      now: now.getTime(),
      config,
      members: team.members.length > 0 ? team.members : config.team,
      earlierPeriods,
    },
    postTo: config.reports.repository ?? (team.repos[0] as string),
  };
}

/** A `github_team`'s report from what the store knows of it (the CLI reads nothing of GitHub for it). */
async function githubTeamTarget(
  store: Store,
  name: string,
  githubTeam: string,
  config: ExpectationsConfig,
): Promise<ReportTarget> {
  const organization = githubTeam.split("/")[0] as string;
  const installation = (await store.listInstallations()).find(
    (i) => i.accountLogin.toLowerCase() === organization,
  );
  if (!installation)
    throw new UsageError(`team ${name}: no installation of ${organization} is in the store`);
  const { installationId } = installation;
  const installed = await store.listRepositories(installationId);
  const teams = await resolveGitHubTeams(store, installationId, config, installed);
  const state = teams.get(githubTeam)?.state;
  if (state === "deleted")
    throw new UsageError(`team ${name}: ${githubTeam} was deleted on GitHub, so it has no report`);
  const target = teamReportTarget(
    installationId,
    name,
    config.reports.teams[name] as ExpectationsConfig["reports"]["teams"][string],
    config,
    installed,
    teams,
  );
  if (!target)
    throw new UsageError(
      `team ${name}: the store does not know ${githubTeam} yet; the app reads it from GitHub when it is installed or the team first appears in the organisation's file`,
    );
  return target;
}

/** Where `--post` writes: the dry-run sink, a GITHUB_TOKEN, or the app's own credentials. */
async function postingTarget(installationId: number, dryRun: boolean): Promise<GitHubTarget> {
  if (dryRun) return dryRunTarget(process.stdout);
  const connection = githubConnection(process.env, { log: stderrLogger(process.stderr, false) });
  // A token belongs to no installation; the app's credentials need the report's installation.
  const octokit = await connection.probot.auth(
    connection.mode === "app" ? installationId : undefined,
  );
  return octokitTarget(octokit);
}

export async function report(options: ReportOptions): Promise<number> {
  const format = options.format ?? "markdown";
  if (!FORMATS.includes(format))
    throw new UsageError(`--format: "${format}" is not markdown, json or csv`);
  const { config, zone, now, store } = await readingCommandInputs(options);
  try {
    const { request, postTo } = await resolveReport(store, options, config, zone, now);
    if (!options.post) {
      const result = await buildReviewActivityReport(store, { ...request, publicTarget: false });
      process.stdout.write(
        format === "json"
          ? `${JSON.stringify(result, null, 2)}\n`
          : format === "csv"
            ? renderReportCsv(result)
            : renderReportMarkdown(result, { mention: false }),
      );
      return 0;
    }
    const [owner, repo] = postTo.split("/");
    if (!owner || !repo) throw new UsageError(`reports.repository: "${postTo}" is not owner/name`);
    const dryRun = options.dryRun ?? false;
    const published = await postReviewActivityReport(
      {
        store: dryRun ? withDryRunPublications(store) : store,
        target: await postingTarget(request.installationId, dryRun),
        installationId: request.installationId,
        now: now.getTime(),
      },
      request,
      postTo,
    );
    // A dry run creates nothing, so it has no issue number to name: it says what it would do.
    const what = !dryRun
      ? `posted ${postTo}#${published.issue}: ${published.result}`
      : published.result === "created"
        ? `would create a new issue in ${postTo}`
        : published.result === "unchanged"
          ? `would leave ${postTo}#${published.issue} as it is: nothing changed`
          : `would update ${postTo}#${published.issue}`;
    process.stderr.write(
      `${what}${published.comments > 0 ? `, ${published.comments} follow-up comment(s)` : ""}` +
        `${published.previousClosed ? `, ${dryRun ? "would close" : "closed"} the previous report #${published.previousIssue}` : ""}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
