import type { Writable } from "node:stream";
import { CommanderError } from "commander";
import { SettingError } from "../settings/index.js";
import { UsageError } from "./usage-error.js";

/** The stack of `error` and of each error that caused it. */
function stacks(error: unknown): string {
  const lines: string[] = [];
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    lines.push(depth === 0 ? String(current.stack) : `caused by: ${current.stack}`);
    current = current.cause;
  }
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

/**
 * Writes what went wrong as one line naming the system that failed (and the stack traces only
 * when asked) and returns the exit code: 2 for wrong usage and for a setting the command cannot
 * work with (missing credentials, a database that cannot be opened), 1 for any other failure.
 */
export async function reportFailure(
  error: unknown,
  stderr: Writable,
  verbose: boolean,
): Promise<number> {
  // Commander has printed its own message (and the help) already.
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (error instanceof UsageError || error instanceof SettingError) {
    stderr.write(`expectations: ${error.message}\n`);
    if (verbose && error instanceof SettingError) stderr.write(stacks(error));
    return 2;
  }
  // Loaded only on this path, so that a usage error or a bad setting is reported at once.
  const { describeError } = await import("../github/index.js");
  stderr.write(`expectations: ${describeError(error)}\n`);
  if (verbose) stderr.write(stacks(error));
  return 1;
}
