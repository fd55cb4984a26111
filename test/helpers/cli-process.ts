import { spawn } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../../bench/project-root.js";

/** The built command, as `npx expectations` runs it (`npm test` builds it first). */
export const CLI = join(projectRoot(), "dist", "src", "cli", "main.js");

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** From the start of the process to its exit. */
  ms: number;
}

/**
 * Runs `expectations ARGS` in `cwd` with only `env` (and PATH) in its environment, never the
 * test run's own, and waits for it to end (killed after `timeoutMs`).
 */
export function runCli(
  args: string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<CliResult> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? "", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 20_000);
  return new Promise((resolve) =>
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started });
    }),
  );
}
