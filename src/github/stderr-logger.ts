import type { Writable } from "node:stream";
import type { Logger } from "probot";

/** Probot's and Octokit's log lines on stderr, one line each: warnings always, the rest with --verbose. */
export function stderrLogger(stderr: Writable, verbose: boolean): Logger {
  const write = (level: string) => (first: unknown, second?: unknown) => {
    const message = typeof first === "string" ? first : typeof second === "string" ? second : "";
    if (message) stderr.write(`${level}: ${message}\n`);
  };
  const quiet = () => {};
  const logger: Record<string, unknown> = {
    level: verbose ? "debug" : "warn",
    trace: quiet,
    debug: verbose ? write("debug") : quiet,
    info: verbose ? write("info") : quiet,
    warn: write("warning"),
    error: write("error"),
    fatal: write("error"),
  };
  logger.child = () => logger;
  return logger as unknown as Logger;
}
