import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { projectRoot } from "../../../bench/project-root.js";
import { NO_GITHUB } from "../../../bench/signing.js";

export interface ServeProcess {
  process: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout(): string;
  stderr(): string;
  /** Resolves true once the server answers its health check, false if it exits first. */
  listening(): Promise<boolean>;
}

/** `expectations serve` (dist/src/cli/main.js, built by `npm run test:faults`) in a child process. */
export function startServe(env: Record<string, string>, cwd: string): ServeProcess {
  const child = spawn(
    process.execPath,
    [join(projectRoot(), "dist", "src", "cli", "main.js"), "serve"],
    {
      cwd,
      env: { PATH: process.env.PATH ?? "", ...NO_GITHUB, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  let errors = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    errors += chunk.toString();
  });
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      done = true;
      resolve({ code, signal });
    }),
  );
  const url = `http://${env.HOST ?? "127.0.0.1"}:${env.PORT}`;
  return {
    process: child,
    url,
    exited,
    stdout: () => out,
    stderr: () => errors,
    async listening() {
      while (!done) {
        try {
          if ((await fetch(`${url}/expectations/health`)).ok) return true;
        } catch {
          // Not listening yet.
        }
        await sleep(50);
      }
      return false;
    },
  };
}
