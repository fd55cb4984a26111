import type { Writable } from "node:stream";
import {
  type BackfillProgress,
  type BackfillSummary,
  describeIncomplete,
} from "../backfill/index.js";

const number = (n: number) => n.toLocaleString("en-US");

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}

function bar(fraction: number, width = 20): string {
  const filled = Math.round(fraction * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
}

export interface ProgressReporter {
  progress(progress: BackfillProgress): void;
  pause(pause: { until: Date; remaining: number }): void;
  /** A line to keep (a repository done, a warning) above the progress bar. */
  note(line: string): void;
  finish(): void;
}

/**
 * On a terminal, one line redrawn in place (progress bar, pages, PRs, API points, ETA);
 * otherwise one plain log line per page, which is what CI logs and `| tee` want.
 */
export function progressReporter(
  stream: Writable & { isTTY?: boolean },
  clock: () => Date,
): ProgressReporter {
  const tty = stream.isTTY === true;
  const started = new Map<string, number>();
  let live = false;
  const clear = () => {
    if (live) stream.write("\r\x1b[2K");
    live = false;
  };
  return {
    progress(p) {
      const now = clock().getTime();
      if (!started.has(p.repository)) started.set(p.repository, now);
      const elapsed = now - (started.get(p.repository) as number);
      const left = p.remaining === null ? "" : ` (${number(p.remaining)} left)`;
      const counts = `page ${p.pages}, ${number(p.pullRequests)} pull requests, ${number(p.issues)} issues, ${number(p.points)} API points${left}`;
      if (!tty) {
        stream.write(`${p.repository}: ${counts}${p.done ? ", done" : ""}\n`);
        return;
      }
      const eta =
        p.done || p.fraction <= 0
          ? ""
          : `, ETA ${duration((elapsed * (1 - p.fraction)) / p.fraction)}`;
      clear();
      stream.write(
        `${p.repository} ${bar(p.fraction)} ${Math.round(p.fraction * 100)}% ${counts}${eta}`,
      );
      live = true;
    },
    pause({ until, remaining }) {
      clear();
      stream.write(
        `GitHub's rate limit is nearly used up (${number(remaining)} points left): paused until ${until.toISOString()}; Ctrl-C stops, and running the same command again resumes\n`,
      );
    },
    note(line) {
      clear();
      stream.write(`${line}\n`);
    },
    finish: clear,
  };
}

/** The line a person reads when a repository is done (or stopped). */
export function summaryLine(summary: BackfillSummary): string {
  const what = `${number(summary.pullRequests)} pull requests and ${number(summary.issues)} issues in ${summary.pages} page(s)`;
  const cost = `${summary.graphqlRequests} GraphQL request(s), ${summary.points} point(s); ${summary.restRequests} REST request(s)`;
  const state = summary.complete
    ? summary.mode === "update"
      ? "updated"
      : summary.mode === "resume"
        ? "resumed and done"
        : "done"
    : summary.incomplete.length > 0
      ? `not complete: GitHub stopped answering for ${describeIncomplete(summary.incomplete)}; they are not stored yet, and running the same command again fetches them`
      : "stopped before the end: run the same command again to resume";
  return `${summary.repository}: ${state}: ${what}; ${cost}`;
}
