import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { type BenchResult, median, progress, round } from "./bench-result.js";
import { freePort, startNodeChild } from "./node-child.js";
import { MB, processRss } from "./process-rss.js";
import { projectRoot } from "./project-root.js";
import { serverEnvironment, throwawayPrivateKey } from "./signing.js";
import { tempDir } from "./temp-dir.js";

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** `expectations serve` from spawn to its first 200 on the health route, then its idle RSS. */
async function startOnce(privateKey: string, dir: string, label: string, idleMs: number) {
  const port = await freePort();
  const started = performance.now();
  const child = startNodeChild(join(projectRoot(), "dist", "src", "cli", "main.js"), ["serve"], {
    cwd: dir,
    env: serverEnvironment({ port, databasePath: join(dir, `${label}.db`), privateKey }),
  });
  try {
    const url = `http://127.0.0.1:${port}/expectations/health`;
    let exited = false;
    void child.exited.then(() => {
      exited = true;
    });
    while (!(await healthy(url))) {
      if (exited)
        throw new Error(`expectations serve exited before it was ready:\n${child.stderr()}`);
      if (performance.now() - started > 30_000) throw new Error("not ready after 30 s");
      await sleep(5);
    }
    const readyMs = performance.now() - started;
    await sleep(idleMs);
    const rss = processRss(child.process.pid as number);
    return { readyMs, rss };
  } finally {
    child.process.kill("SIGKILL");
    await child.exited;
  }
}

export async function startupBenchmark(options: { quick: boolean }): Promise<BenchResult[]> {
  const runs = options.quick ? 3 : 7;
  const idleMs = options.quick ? 2_000 : 5_000;
  const privateKey = throwawayPrivateKey();
  const dir = tempDir("startup");
  try {
    const ready: number[] = [];
    const rss: number[] = [];
    for (let i = 0; i < runs; i++) {
      progress(`start-up ${i + 1}/${runs}`);
      const result = await startOnce(privateKey, dir.path, `startup-${i}`, idleMs);
      ready.push(result.readyMs);
      rss.push(result.rss);
    }
    const params = {
      runs,
      statistic: "median of runs",
      command:
        "node dist/src/cli/main.js serve (APP_ID and PRIVATE_KEY set, new empty DATABASE_PATH)",
      readyMeans: "first 200 from GET /expectations/health, polled every 5 ms",
    };
    return [
      {
        name: "startup.ready",
        value: round(median(ready), 0),
        unit: "ms",
        params: { ...params, runsMs: ready.map((v) => round(v, 0)) },
      },
      {
        name: "startup.idle_rss",
        value: round(median(rss) / MB, 1),
        unit: "MB",
        params: { ...params, idleMs, runsMB: rss.map((v) => round(v / MB, 1)) },
      },
    ];
  } finally {
    dir.remove();
  }
}
