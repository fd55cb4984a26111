import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { createInterface } from "node:readline";

/** A port nobody listens on right now, on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export interface NodeChild {
  process: ChildProcess;
  /** Resolves with the first `{"benchServer": X}` line's X that `accept` takes. */
  message(accept: (value: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

/** Starts `node script args` with `env`; its stdout is read for `{"benchServer": ...}` lines. */
export function startNodeChild(
  script: string,
  args: string[],
  options: { env: Record<string, string>; cwd: string; nodeArgs?: string[] },
): NodeChild {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? "", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const waiting: {
    accept: (v: Record<string, unknown>) => boolean;
    resolve: (v: Record<string, unknown>) => void;
  }[] = [];
  const seen: Record<string, unknown>[] = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
    if (!line.startsWith('{"benchServer":')) return;
    const value = (JSON.parse(line) as { benchServer: Record<string, unknown> }).benchServer;
    seen.push(value);
    for (const w of waiting.splice(0)) {
      if (w.accept(value)) w.resolve(value);
      else waiting.push(w);
    }
  });
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-20_000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    process: child,
    exited,
    stderr: () => errors,
    message: (accept) =>
      new Promise((resolve, reject) => {
        const found = seen.find(accept);
        if (found) return resolve(found);
        waiting.push({ accept, resolve });
        void exited.then(({ code, signal }) =>
          reject(new Error(`child exited (${code ?? signal}) before answering:\n${errors}`)),
        );
      }),
  };
}
