import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type autocannon from "autocannon";
import { ingestDelivery } from "../src/ingest/index.js";
import { copyStore, openStore, type Store } from "../src/store/index.js";
import { startFakeGitHub } from "../test/helpers/github/github-server.js";
import { type BenchResult, median, progress, round } from "./bench-result.js";
import { demoStreamCopies } from "./demo-deliveries.js";
import { type EmbeddedServer, startEmbeddedPostgres } from "./embedded-postgres.js";
import { generateOrganisation } from "./generated-organisation.js";
import { load, type SignedBody, signedDemoBodies } from "./http-benchmark.js";
import { freePort, type NodeChild, startNodeChild } from "./node-child.js";
import { createDatabase } from "./postgres-database.js";
import { projectRoot } from "./project-root.js";
import { runReportChild } from "./report-benchmark.js";
import { serverEnvironment, throwawayPrivateKey } from "./signing.js";
import { tempDir } from "./temp-dir.js";

const NOW = Date.parse("2026-11-27T09:00:00Z");
const TICKS_PER_MS = 100 / 1000;

/** CPU time (ms) the database server has used so far: the postmaster and all its backends. */
function databaseCpuMs(server: EmbeddedServer): number {
  const postmaster = Number(
    readFileSync(join(server.dataDir, "postmaster.pid"), "utf8").split("\n")[0],
  );
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    // Fields after the command name: state ppid … utime (14th) stime (15th).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const pid = Number(entry);
    if (pid !== postmaster && Number(fields[1]) !== postmaster) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICKS_PER_MS;
}

/** Deliveries per second through ingestDelivery, `inFlight` at a time, and the CPU they cost. */
async function ingestRun(store: Store, inFlight: number, count: number, server?: EmbeddedServer) {
  const deliveries = demoStreamCopies(count).map((d) => ({
    ...d,
    body: JSON.stringify(d.payload),
  }));
  globalThis.gc?.();
  const cpu = process.cpuUsage();
  const dbBefore = server ? databaseCpuMs(server) : 0;
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < deliveries.length) {
        const d = deliveries[next++] as (typeof deliveries)[number];
        await ingestDelivery(store, {
          name: d.name,
          id: d.id,
          payload: JSON.parse(d.body),
          receivedAt: d.receivedAt,
        });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    perSecond: deliveries.length / seconds,
    appCpuMsPerDelivery: (used.user + used.system) / 1000 / deliveries.length,
    databaseCpuMsPerDelivery: server
      ? (databaseCpuMs(server) - dbBefore) / deliveries.length
      : null,
  };
}

async function ingestFigures(
  server: EmbeddedServer,
  quick: boolean,
  dir: string,
): Promise<BenchResult[]> {
  const count = quick ? 2_000 : 6_000;
  const rounds = quick ? 1 : 3;
  const runs: Record<string, Awaited<ReturnType<typeof ingestRun>>[]> = {
    sqlite: [],
    postgres: [],
    postgresConcurrent: [],
  };
  for (let r = 0; r < rounds; r++) {
    progress(`postgres: ingest round ${r + 1}/${rounds}`);
    const sqlite = await openStore({ path: join(dir, `ingest-${r}.db`) });
    runs.sqlite?.push(await ingestRun(sqlite, 1, count));
    await sqlite.close();
    for (const [label, inFlight] of [
      ["postgres", 1],
      ["postgresConcurrent", 8],
    ] as const) {
      const database = await createDatabase(server.url);
      const store = await openStore({ url: database.url });
      runs[label]?.push(await ingestRun(store, inFlight, count, server));
      await store.close();
      await database.drop();
    }
  }
  const med = (label: string, pick: (run: Awaited<ReturnType<typeof ingestRun>>) => number) =>
    median((runs[label] ?? []).map(pick));
  const rate = (label: string) =>
    round(
      med(label, (r) => r.perSecond),
      0,
    );
  const appCpu = round(
    med("postgresConcurrent", (r) => r.appCpuMsPerDelivery),
    3,
  );
  const dbCpu = round(
    med("postgresConcurrent", (r) => r.databaseCpuMsPerDelivery ?? 0),
    3,
  );
  return [
    {
      name: "postgres.ingest.throughput",
      value: rate("postgresConcurrent"),
      unit: "deliveries/s",
      baseline: rate("sqlite"),
      ratio: round(rate("postgresConcurrent") / rate("sqlite"), 3),
      params: {
        deliveries: count,
        rounds,
        statistic: "median of rounds; each into a fresh database",
        operation:
          "ingestDelivery (parse, normalise, one transaction) into PostgreSQL, 8 deliveries in flight",
        baselineIs: "the same deliveries one at a time into a fresh SQLite file (its group commit)",
        oneAtATime: rate("postgres"),
        perDelivery: {
          appCpuMs: appCpu,
          databaseCpuMs: dbCpu,
          oneAtATimeLatencyMs: round(1000 / med("postgres", (r) => r.perSecond), 3),
        },
        database: "embedded PostgreSQL 18 on 127.0.0.1, fsync on (durable)",
      },
    },
  ];
}

/** A webhook server child (dist/bench/webhook-server.js) on `databaseUrl`. */
async function serverChild(
  mode: "full" | "publishing" | "bare",
  databaseUrl: string | null,
  dir: string,
  privateKey: string,
  extra: Record<string, string> = {},
): Promise<{ url: string; child: NodeChild }> {
  const port = await freePort();
  const child = startNodeChild(join(projectRoot(), "dist", "bench", "webhook-server.js"), [mode], {
    cwd: dir,
    env: {
      ...serverEnvironment({ port, databasePath: join(dir, `${mode}-${port}.db`), privateKey }),
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...extra,
    },
  });
  await child.message((m) => m.ready === true);
  return { url: `http://127.0.0.1:${port}`, child };
}

async function stopChild(child: NodeChild): Promise<void> {
  child.process.kill("SIGTERM");
  await Promise.race([child.exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  child.process.kill("SIGKILL");
  await child.exited;
}

/** Requests per second and latency of `replicas` servers loaded together, 50 connections in all. */
async function httpRun(
  mode: "full" | "bare",
  replicas: number,
  server: EmbeddedServer,
  bodies: SignedBody[],
  seconds: number,
  dir: string,
  privateKey: string,
  label: string,
) {
  const database = mode === "full" ? await createDatabase(server.url) : null;
  const children = [];
  for (let i = 0; i < replicas; i++)
    children.push(await serverChild(mode, database?.url ?? null, dir, privateKey));
  try {
    const per = Math.floor(50 / replicas);
    await Promise.all(children.map((c, i) => load(c.url, bodies, 2, `${label}-w${i}`, per)));
    const results = await Promise.all(
      children.map((c, i) => load(c.url, bodies, seconds, `${label}-${i}`, per)),
    );
    return {
      requestsPerSecond: results.reduce((sum, r) => sum + r.requests.average, 0),
      p50: median(results.map((r) => r.latency.p50)),
      p99: Math.max(...results.map((r) => r.latency.p99)),
      non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
    };
  } finally {
    for (const c of children) await stopChild(c.child);
    await database?.drop();
  }
}

async function httpFigures(
  server: EmbeddedServer,
  quick: boolean,
  dir: string,
): Promise<BenchResult[]> {
  const seconds = quick ? 5 : 10;
  const rounds = quick ? 1 : 2;
  const bodies = signedDemoBodies();
  const privateKey = throwawayPrivateKey();
  const runs: Record<string, Awaited<ReturnType<typeof httpRun>>[]> = {
    bare: [],
    one: [],
    two: [],
  };
  for (let r = 0; r < rounds; r++) {
    for (const [label, mode, replicas] of [
      ["bare", "bare", 1],
      ["one", "full", 1],
      ["two", "full", 2],
    ] as const) {
      progress(`postgres: http round ${r + 1}/${rounds}: ${label}, ${seconds} s`);
      runs[label]?.push(
        await httpRun(mode, replicas, server, bodies, seconds, dir, privateKey, `${label}-${r}`),
      );
    }
  }
  const rps = (label: string) =>
    round(median((runs[label] ?? []).map((x) => x.requestsPerSecond)), 0);
  const params = (label: string) => ({
    secondsPerRound: seconds,
    rounds,
    connections: 50,
    p50: median((runs[label] ?? []).map((x) => x.p50)),
    p99: median((runs[label] ?? []).map((x) => x.p99)),
    non2xx: (runs[label] ?? []).map((x) => x.non2xx),
    baselineIs: "one bare Probot server (handler does nothing) in the same run",
    cores: "2, shared by the replicas, PostgreSQL and the load generator",
  });
  return [
    {
      name: "postgres.http.throughput_one_replica",
      value: rps("one"),
      unit: "requests/s",
      baseline: rps("bare"),
      ratio: round(rps("one") / rps("bare"), 3),
      params: { ...params("one"), app: "expectationsApp on PostgreSQL, one server" },
    },
    {
      name: "postgres.http.throughput_two_replicas",
      value: rps("two"),
      unit: "requests/s",
      baseline: rps("bare"),
      ratio: round(rps("two") / rps("bare"), 3),
      params: {
        ...params("two"),
        app: "two servers on one PostgreSQL database, 25 connections each",
      },
    },
  ];
}

/** A webhook's answer time with the publish workers at work against a slow GitHub, and without. */
async function queueFigures(
  server: EmbeddedServer,
  quick: boolean,
  dir: string,
): Promise<BenchResult[]> {
  const seconds = quick ? 5 : 10;
  const bodies = signedDemoBodies();
  const privateKey = throwawayPrivateKey();
  const github = await startFakeGitHub({ latencyMs: 50 });
  const answers: Record<string, autocannon.Result> = {};
  try {
    for (const mode of ["full", "publishing"] as const) {
      progress(`postgres: webhook answer time, ${mode}`);
      const database = await createDatabase(server.url);
      const { url, child } = await serverChild(mode, database.url, dir, privateKey, {
        GHE_HOST: github.host,
        GHE_PROTOCOL: "http",
      });
      try {
        answers[mode] = await load(url, bodies, seconds, `queue-${mode}`, 10);
      } finally {
        await stopChild(child);
        await database.drop();
      }
    }
  } finally {
    await github.stop();
  }
  const full = answers.full as autocannon.Result;
  const publishing = answers.publishing as autocannon.Result;
  return [
    {
      name: "postgres.queue.answer_time_p50",
      value: publishing.latency.p50,
      unit: "ms",
      baseline: full.latency.p50,
      ratio: round(publishing.latency.p50 / Math.max(full.latency.p50, 0.01), 3),
      target: "nothing measurable: the answer no longer waits for GitHub",
      params: {
        connections: 10,
        seconds,
        valueIs:
          "with the publish workers publishing release readiness to a GitHub that takes 50 ms a request",
        baselineIs: "the same server recording (and queueing) only, no workers",
        p99: { publishing: publishing.latency.p99, recordingOnly: full.latency.p99 },
        requestsPerSecond: {
          publishing: round(publishing.requests.average, 0),
          recordingOnly: round(full.requests.average, 0),
        },
        githubWrites: github.writes.length,
      },
    },
  ];
}

/** The team report and the 500-PR milestone on the generated organisation, copied into PostgreSQL. */
async function reportFigures(
  server: EmbeddedServer,
  quick: boolean,
  dir: string,
): Promise<BenchResult[]> {
  const scale = quick ? 0.1 : 1;
  progress(`postgres: generating ${scale * 100}% of the organisation`);
  const sqlite = await openStore({ path: join(dir, "organisation.db") });
  const organisation = await generateOrganisation(sqlite, { scale, now: NOW });
  const organisationFile = join(dir, "organisation.json");
  writeFileSync(organisationFile, JSON.stringify(organisation));
  const database = await createDatabase(server.url);
  try {
    progress("postgres: copying it into PostgreSQL (expectations store copy)");
    const target = await openStore({ url: database.url });
    const started = performance.now();
    const { differences } = await copyStore(sqlite, target);
    const copySeconds = (performance.now() - started) / 1000;
    await target.close();
    await sqlite.close();
    if (differences.length > 0) throw new Error(`the copy differs: ${differences.join("; ")}`);
    progress("postgres: team report and release evaluation");
    const answer = await runReportChild(database.url, organisationFile, "team-and-release", dir);
    const team = answer.timings.team ?? [];
    const release = answer.timings.release ?? [];
    const size = {
      scale,
      pullRequests: organisation.counts.pullRequests,
      reviews: organisation.counts.reviews,
    };
    return [
      {
        name: "postgres.report.team_90_days",
        value: round(team[0] ?? Number.NaN, 0),
        unit: "ms",
        target: "< 1000 ms at scale 1",
        params: {
          ...size,
          statistic: "first run in a fresh process (cold); warmRuns are the repeats",
          warmRuns: team.slice(1).map((v) => round(v, 1)),
          copySeconds: round(copySeconds, 1),
        },
      },
      {
        name: "postgres.release.milestone_500_prs",
        value: round(release[0] ?? Number.NaN, 0),
        unit: "ms",
        target: "< 1000 ms at scale 1",
        params: {
          ...size,
          statistic: "first run (evaluates and publishes everything) in a fresh process",
          againRuns: release.slice(1).map((v) => round(v, 1)),
        },
      },
    ];
  } finally {
    await database.drop();
  }
}

/**
 * PostgreSQL figures (an embedded server of its own, durable): in-process ingest, HTTP
 * throughput of one and of two replicas against bare Probot, what the publish queue adds to a
 * webhook's answer, and the team report and 500-PR milestone on the generated organisation.
 */
export async function postgresBenchmark(options: { quick: boolean }): Promise<BenchResult[]> {
  const dir = tempDir("postgres");
  const server = await startEmbeddedPostgres({ durable: true });
  try {
    return [
      ...(await ingestFigures(server, options.quick, dir.path)),
      ...(await httpFigures(server, options.quick, dir.path)),
      ...(await queueFigures(server, options.quick, dir.path)),
      ...(await reportFigures(server, options.quick, dir.path)),
    ];
  } finally {
    await server.remove();
    dir.remove();
  }
}
