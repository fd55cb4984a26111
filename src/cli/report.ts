import { type RepositoryReport, renderReportMarkdown, repositoryReport } from "../reports/index.js";
import { openStore, type Store } from "../store/index.js";
import { parseInstant, UsageError } from "./usage-error.js";

export interface ReportOptions {
  repo: string;
  since?: string;
  until?: string;
  format?: string;
  db?: string;
}

const DEFAULT_PERIOD_DAYS = 30;

export async function buildReport(
  store: Store,
  options: ReportOptions,
  now: Date,
): Promise<RepositoryReport> {
  const until = options.until ? parseInstant(options.until, "--until") : now;
  const since = options.since
    ? parseInstant(options.since, "--since")
    : new Date(until.getTime() - DEFAULT_PERIOD_DAYS * 86_400_000);
  if (since >= until) throw new UsageError("--since must be before --until");
  const [repository, ...others] = await store.findRepositories(options.repo);
  if (!repository)
    throw new UsageError(`${options.repo} is not in the store: replay or backfill it first`);
  if (others.length > 0)
    throw new UsageError(`${options.repo} belongs to several installations in this store`);
  const activity = await store.loadActivity({
    installationId: repository.installationId,
    repositoryIds: [repository.repositoryId],
    since: since.getTime(),
    until: until.getTime(),
  });
  return repositoryReport(repository.fullName, activity, {
    since: since.getTime(),
    until: until.getTime(),
  });
}

export async function report(options: ReportOptions): Promise<number> {
  const format = options.format ?? "markdown";
  if (format !== "json" && format !== "markdown")
    throw new UsageError(`--format: "${format}" is not json or markdown`);
  const store = openStore(options.db);
  try {
    const result = await buildReport(store, options, new Date());
    process.stdout.write(
      format === "json" ? `${JSON.stringify(result, null, 2)}\n` : renderReportMarkdown(result),
    );
    return 0;
  } finally {
    await store.close();
  }
}
