import {
  type BackfillGitHub,
  BackfillSupersededError,
  backfillRepository,
  findInstallation,
  GitHubReplyError,
  type ListedRepository,
  listInstallationRepositories,
  listOwnerRepositories,
  RepositoryNotFoundError,
} from "../backfill/index.js";
import type { GitHubConnection } from "../github/index.js";
import type { Store } from "../store/index.js";
import { type ProgressReporter, summaryLine } from "./backfill-progress.js";
import {
  type BackfillIO,
  type ImportSession,
  importConnection,
  importSession,
  installationGitHub,
  maxWaitOption,
  parseCount,
  processIO,
  sinceOption,
} from "./import-session.js";
import { UsageError } from "./usage-error.js";

export interface BackfillOptions {
  repo?: string;
  org?: string;
  since?: string;
  db?: string;
  installation?: string;
  maxWait?: string;
  verbose?: boolean;
}

/** One repository (`--repo`) or every repository of an owner (`--org`). */
type BackfillTarget = { owner: string; name: string } | { owner: string };

const DAY_MS = 86_400_000;
const DEFAULT_BACKFILL_DAYS = 90;

function parseRepo(value: string): { owner: string; name: string } {
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(value.trim());
  if (!match) throw new UsageError(`--repo: "${value}" is not OWNER/NAME`);
  return { owner: match[1] as string, name: match[2] as string };
}

/** `--org`: an organisation's or user's login, not an empty name GitHub would be asked about. */
function parseOwner(value: string): { owner: string } {
  const owner = value.trim();
  if (!/^[\w.-]+$/.test(owner)) throw new UsageError(`--org: "${value}" is not an OWNER`);
  return { owner };
}

/**
 * The installation whose rows the import writes, and what it reads GitHub with: with the app's
 * credentials, the owner's installation (recorded) unless `--installation` names one; a token
 * belongs to no installation, so its rows go under `--installation`, by default 0.
 */
async function importingInstallation(
  connection: GitHubConnection,
  store: Store,
  target: BackfillTarget,
  installationOption: number | undefined,
): Promise<{ installationId: number; github: BackfillGitHub }> {
  let installationId = installationOption ?? 0;
  if (connection.mode === "app" && installationOption === undefined) {
    const app = (await connection.probot.auth()) as unknown as BackfillGitHub;
    const installation = await findInstallation(app, target);
    await store.applyChanges([{ kind: "installation", record: installation }]);
    installationId = installation.installationId;
  }
  return { installationId, github: await installationGitHub(connection, installationId) };
}

/**
 * The repositories to import: `--repo`'s, or the owner's that these credentials read, archived
 * ones left out (said on the progress line).
 */
async function repositoriesToImport(
  connection: GitHubConnection,
  github: BackfillGitHub,
  target: BackfillTarget,
  reporter: ProgressReporter,
): Promise<ListedRepository[]> {
  if ("name" in target) return [{ id: 0, ...target, archived: false }];
  const listed =
    connection.mode === "app"
      ? await listInstallationRepositories(github)
      : await listOwnerRepositories(github, target.owner);
  const owned = listed.filter((r) => r.owner.toLowerCase() === target.owner.toLowerCase());
  const repositories = owned.filter((r) => !r.archived);
  if (owned.length > repositories.length)
    reporter.note(`${owned.length - repositories.length} archived repositories left out`);
  return repositories;
}

/**
 * Imports each repository in turn, printing its summary line; one repository that cannot be
 * read does not stop an organisation's import. Returns the exit code: 1 when one failed or the
 * import stopped before the end.
 */
async function importRepositories(
  session: ImportSession,
  io: BackfillIO,
  run: { github: BackfillGitHub; installationId: number; since: number },
  repositories: ListedRepository[],
): Promise<number> {
  const { store, reporter, budget, stopped } = session;
  let failures = 0;
  let incomplete = false;
  for (const repository of repositories) {
    if (stopped()) {
      incomplete = true;
      break;
    }
    try {
      const summary = await backfillRepository({
        store,
        github: run.github,
        budget,
        installationId: run.installationId,
        owner: repository.owner,
        name: repository.name,
        ...(repository.id ? { repositoryId: repository.id } : {}),
        since: run.since,
        clock: io.clock,
        onProgress: (progress) => reporter.progress(progress),
        shouldStop: stopped,
      });
      reporter.finish();
      io.stdout.write(`${summaryLine(summary)}\n`);
      if (!summary.complete) incomplete = true;
    } catch (error) {
      const skippable =
        error instanceof RepositoryNotFoundError ||
        error instanceof BackfillSupersededError ||
        error instanceof GitHubReplyError;
      if (!skippable || repositories.length === 1) throw error;
      reporter.note(`expectations: ${(error as Error).message}`);
      failures += 1;
    }
  }
  return failures > 0 || incomplete ? 1 : 0;
}

/**
 * `expectations backfill`: imports history through GraphQL into the store, for one repository
 * or every repository of an owner. Returns the exit code.
 */
export async function backfill(
  options: BackfillOptions,
  io: BackfillIO = processIO(),
): Promise<number> {
  if ((options.repo === undefined) === (options.org === undefined))
    throw new UsageError("give either --repo OWNER/NAME or --org OWNER");
  const target: BackfillTarget =
    options.repo !== undefined ? parseRepo(options.repo) : parseOwner(options.org as string);
  const now = io.clock();
  const since =
    sinceOption(options.since, "backfill", io, now) ??
    now.getTime() - DEFAULT_BACKFILL_DAYS * DAY_MS;
  const maxWaitMinutes = maxWaitOption(options.maxWait);
  const installationOption = parseCount(options.installation, "--installation");
  const connection = importConnection(io, options.verbose);
  return importSession(io, { db: options.db, maxWaitMinutes }, async (session) => {
    const { installationId, github } = await importingInstallation(
      connection,
      session.store,
      target,
      installationOption,
    );
    const repositories = await repositoriesToImport(connection, github, target, session.reporter);
    if (repositories.length === 0) {
      io.stderr.write(
        `expectations: no repositories of ${target.owner} can be read with these credentials\n`,
      );
      return 1;
    }
    return importRepositories(session, io, { github, installationId, since }, repositories);
  });
}
