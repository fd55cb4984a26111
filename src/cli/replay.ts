import {
  accessSync,
  closeSync,
  constants,
  createWriteStream,
  openSync,
  rmSync,
  statSync,
} from "node:fs";
import type { Writable } from "node:stream";
import type { ConfigResult } from "../config/index.js";
import { publishQueueWorkers, updateAllReleaseReadiness } from "../flows/index.js";
import { dryRunTarget, githubWebUrl } from "../github/index.js";
import { type IngestOutcome, ingestDelivery } from "../ingest/index.js";
import { withDryRunPublications } from "../publish/index.js";
import { isDatabaseUrl, openStore, type Store } from "../store/index.js";
import { configErrorsText } from "./config-errors-text.js";
import { noteOn, parseDateOption } from "./date-option.js";
import { localConfigResult } from "./local-store-inputs.js";
import { readDeliveries } from "./read-deliveries.js";
import { storeOption } from "./store-option.js";
import { UsageError } from "./usage-error.js";

export interface ReplayOptions {
  db?: string;
  now?: string;
  dryRun?: boolean;
  out?: string;
  fresh?: boolean;
  /** A local .github/expectations.yml for every repository (default: the defaults). */
  config?: string;
}

/** Each file to replay can be read: a usage error naming the first that cannot, before anything is created. */
function checkReadable(files: string[]): void {
  for (const file of files) {
    try {
      accessSync(file, constants.R_OK);
      if (!statSync(file).isFile()) throw Object.assign(new Error(), { code: "EISDIR" });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(
        `${file}: ${code === "ENOENT" ? "no such file" : `cannot be read (${code})`}; give the JSON-lines files of recorded deliveries`,
      );
    }
  }
}

/** `--out`, created (emptied) before anything else, or a usage error naming it. */
function openOut(path: string): Writable {
  try {
    closeSync(openSync(path, "w"));
  } catch (error) {
    throw new UsageError(
      `--out: ${path} cannot be written (${(error as NodeJS.ErrnoException).code})`,
    );
  }
  return createWriteStream(path);
}

/** How each line of the replayed files went. */
type ReplayCounts = Record<IngestOutcome["status"] | "unreadable" | "later", number>;

/**
 * Ingests each recorded delivery received by `now`, as the server does; unreadable lines and
 * malformed deliveries are said on stderr. Returns the counts and when the last delivery replayed
 * was received.
 */
async function ingestRecorded(
  files: string[],
  store: Store,
  now: Date,
): Promise<{ counts: ReplayCounts; lastDelivery: number | null }> {
  const counts = { applied: 0, duplicate: 0, ignored: 0, malformed: 0, unreadable: 0, later: 0 };
  let lastDelivery: number | null = null;
  for (const file of files) {
    for await (const line of readDeliveries(file, now.getTime())) {
      if ("error" in line) {
        counts.unreadable += 1;
        process.stderr.write(`${line.error}\n`);
        continue;
      }
      // "As of --now": what GitHub had not sent yet is not known yet.
      if (line.delivery.receivedAt > now.getTime()) {
        counts.later += 1;
        continue;
      }
      lastDelivery = Math.max(lastDelivery ?? 0, line.delivery.receivedAt);
      const outcome = await ingestDelivery(store, line.delivery);
      counts[outcome.status] += 1;
      if (outcome.status === "malformed")
        process.stderr.write(`delivery ${line.delivery.id}: ${outcome.error}\n`);
    }
  }
  return { counts, lastDelivery };
}

/**
 * What the app would publish as of `at`, written to `out` and not stored: release readiness of
 * everything, then the publish queue the deliveries filled, worked off at once.
 */
async function printReleaseReadiness(
  store: Store,
  out: Writable,
  config: ConfigResult,
  at: Date,
): Promise<void> {
  const dryRun = withDryRunPublications(store);
  const target = dryRunTarget(out);
  const webUrl = githubWebUrl(process.env);
  const writes = await updateAllReleaseReadiness(dryRun, {
    target,
    config,
    webUrl,
    now: at.getTime(),
  });
  // What the deliveries queued is covered by the pass over everything: worked off here, at
  // once, so nothing is left for a server to publish again (a forced re-run is printed).
  await publishQueueWorkers({
    store: dryRun,
    connect: async () => ({ target, loadConfig: async () => config }),
    webUrl,
    owner: `replay:${process.pid}`,
    clock: () => at,
  }).drain();
  process.stderr.write(
    `release readiness as of ${at.toISOString()}: ${writes.created} created, ` +
      `${writes.updated} updated, ${writes.closed} closed, ${writes.unchanged} unchanged\n`,
  );
}

/** Feeds recorded deliveries through the same ingest the server uses. Returns the exit code. */
export async function replay(files: string[], options: ReplayOptions): Promise<number> {
  checkReadable(files);
  const { loaded: config, zone } = await localConfigResult(options.config);
  if (!config.ok) process.stderr.write(`${configErrorsText(config.errors, options.config)}\n`);
  const now = options.now
    ? parseDateOption(options.now, "--now", zone, noteOn(process.stderr))
    : new Date();
  if (options.fresh && options.db && isDatabaseUrl(options.db))
    throw new UsageError(
      "--fresh empties an SQLite file; for a database URL, drop its tables yourself",
    );
  const out: Writable = options.out ? openOut(options.out) : process.stdout;
  if (options.fresh && options.db) {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${options.db}${suffix}`, { force: true });
  }
  const store = await openStore(storeOption(options.db));
  try {
    const { counts, lastDelivery } = await ingestRecorded(files, store, now);
    process.stderr.write(
      `replayed ${files.length} file(s): ${counts.applied} applied, ${counts.duplicate} duplicate, ` +
        `${counts.ignored} ignored, ${counts.malformed} malformed, ${counts.unreadable} unreadable lines, ` +
        `${counts.later} after --now not replayed\n`,
    );
    if (options.dryRun) {
      // Without --now, open work is judged when the recorded data ends, not at today's date:
      // a recording from years ago would otherwise show years of waiting nobody recorded.
      const at = options.now || lastDelivery === null ? now : new Date(lastDelivery);
      if (!options.now && lastDelivery !== null)
        process.stderr.write(
          `no --now: judged as of the last recorded delivery, ${at.toISOString()} (the recorded data ends there; give --now for another time)\n`,
        );
      await printReleaseReadiness(store, out, config, at);
    }
    return counts.malformed + counts.unreadable > 0 ? 1 : 0;
  } finally {
    if (out !== process.stdout) await new Promise((resolve) => out.end(resolve));
    await store.close();
  }
}
