import type { ProgressReporter } from "./backfill-progress.js";
import type { BackfillIO } from "./import-session.js";

/**
 * Ctrl-C asks an import to stop after the page in flight (said on the progress line): `stopped`
 * tells whether it was asked, `release` stops listening.
 */
export function stopOnInterrupt(
  io: Pick<BackfillIO, "onInterrupt">,
  reporter: Pick<ProgressReporter, "note">,
): { stopped: () => boolean; release: () => void } {
  let requested = false;
  const release = io.onInterrupt(() => {
    requested = true;
    reporter.note("stopping after this page; running the same command again resumes from there");
  });
  return { stopped: () => requested, release };
}
