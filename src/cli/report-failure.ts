import type { Writable } from "node:stream";
import { CommanderError } from "commander";
import { CredentialsError, describeError } from "../github/index.js";
import { UsageError } from "./usage-error.js";

/**
 * Writes what went wrong as one line (and the stack trace only when asked) and returns the
 * exit code: 2 for wrong usage (missing credentials too), 1 for any other failure.
 */
export function reportFailure(error: unknown, stderr: Writable, verbose: boolean): number {
  // Commander has printed its own message (and the help) already.
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (error instanceof UsageError || error instanceof CredentialsError) {
    stderr.write(`expectations: ${error.message}\n`);
    return 2;
  }
  stderr.write(`expectations: ${describeError(error)}\n`);
  if (verbose && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
  return 1;
}
