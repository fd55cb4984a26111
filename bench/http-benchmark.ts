import { join } from "node:path";
import autocannon from "autocannon";
import { type BenchResult, median, progress, round } from "./bench-result.js";
import { deliveryCopy, readDemoDeliveries } from "./demo-deliveries.js";
import { freePort, startNodeChild } from "./node-child.js";
import { projectRoot } from "./project-root.js";
import { serverEnvironment, signBody, throwawayPrivateKey } from "./signing.js";
import { tempDir } from "./temp-dir.js";

export interface SignedBody {
  event: string;
  body: string;
  signature: string;
}

type AppKind = "full" | "bare";

interface Run {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  sent: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  outcomes: Record<string, number>;
}

export const CONNECTIONS = 50;

/**
 * Both servers get the same signed bodies in the same order and a delivery id never sent
 * before, so each request is verified, parsed and (full app) ingested; nothing is cached.
 */
export async function load(
  url: string,
  bodies: SignedBody[],
  seconds: number,
  idPrefix: string,
  connections = CONNECTIONS,
): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url: `${url}/api/github/webhooks`,
    connections,
    duration: seconds,
    method: "POST",
    requests: [
      {
        setupRequest: (request) => {
          const n = next++;
          const signed = bodies[n % bodies.length] as SignedBody;
          return {
            ...request,
            method: "POST",
            headers: {
              "content-type": "application/json",
              "x-github-event": signed.event,
              "x-github-delivery": `${idPrefix}-${n}`,
              "x-hub-signature-256": signed.signature,
            },
            body: signed.body,
          };
        },
      },
    ],
  });
}

async function measure(
  kind: AppKind,
  bodies: SignedBody[],
  seconds: number,
  privateKey: string,
  dir: string,
  label: string,
): Promise<Run> {
  const port = await freePort();
  const child = startNodeChild(join(projectRoot(), "dist", "bench", "webhook-server.js"), [kind], {
    cwd: dir,
    env: serverEnvironment({ port, databasePath: join(dir, `${label}.db`), privateKey }),
  });
  try {
    await child.message((m) => m.ready === true);
    const url = `http://127.0.0.1:${port}`;
    await load(url, bodies, Math.min(2, seconds), `${label}-warmup`);
    const result = await load(url, bodies, seconds, label);
    child.process.kill("SIGTERM");
    const { outcomes } = (await child.message((m) => "outcomes" in m)) as {
      outcomes: Record<string, number>;
    };
    return {
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      sent: result.requests.sent,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      outcomes,
    };
  } finally {
    child.process.kill("SIGKILL");
    await child.exited;
  }
}

/** Four installations' worth of the demo stream, signed once up front, not per request. */
export function signedDemoBodies(): SignedBody[] {
  const demo = readDemoDeliveries();
  return [0, 1, 2, 3].flatMap((copy) =>
    demo.map((delivery) => {
      const body = JSON.stringify(deliveryCopy(delivery, copy).payload);
      return { event: delivery.name, body, signature: signBody(body) };
    }),
  );
}

export async function httpBenchmark(options: { quick: boolean }): Promise<BenchResult[]> {
  const seconds = options.quick ? 5 : 15;
  const rounds = options.quick ? 1 : 3;
  const bodies = signedDemoBodies();
  const privateKey = throwawayPrivateKey();
  const dir = tempDir("http");
  try {
    const runs: Record<AppKind, Run[]> = { full: [], bare: [] };
    for (let round = 0; round < rounds; round++) {
      for (const kind of ["bare", "full"] as const) {
        progress(`http round ${round + 1}/${rounds}: ${kind} app, ${seconds} s`);
        runs[kind].push(
          await measure(kind, bodies, seconds, privateKey, dir.path, `${kind}-${round}`),
        );
      }
    }
    const rps = (kind: AppKind) => median(runs[kind].map((r) => r.requestsPerSecond));
    const p99 = (kind: AppKind) => median(runs[kind].map((r) => r.p99));
    // Each round runs bare then full back to back: the ratio within a round is the fair pair on
    // a machine whose speed drifts between rounds.
    const roundRatios = runs.full.map(
      (full, i) => full.requestsPerSecond / (runs.bare[i]?.requestsPerSecond ?? Number.NaN),
    );
    const params = {
      connections: CONNECTIONS,
      secondsPerRound: seconds,
      rounds,
      statistic:
        "value and baseline: median of rounds (bare and full alternate, each in a fresh process); ratio: median of the rounds' full/bare ratios",
      roundRatios: roundRatios.map((r) => round(r, 3)),
      ratioOfMedians: round(rps("full") / rps("bare"), 3),
      requests: `${bodies.length} signed demo payloads round-robin, every delivery id new`,
      server: "Probot run() in a child process on 127.0.0.1, LOG_LEVEL=warn, LOG_FORMAT=json",
      baselineIs: "the same Probot server with an app whose onAny handler does nothing",
      fullApp: "expectationsApp: every delivery ingested into a fresh SQLite file",
      perRound: Object.fromEntries(
        (["bare", "full"] as const).map((kind) => [
          kind,
          runs[kind].map((r) => ({
            requestsPerSecond: round(r.requestsPerSecond, 0),
            p50: r.p50,
            p99: r.p99,
            sent: r.sent,
            non2xx: r.non2xx,
            errors: r.errors,
            timeouts: r.timeouts,
            outcomes: r.outcomes,
          })),
        ]),
      ),
    };
    return [
      {
        name: "http.throughput",
        value: round(rps("full"), 0),
        unit: "requests/s",
        baseline: round(rps("bare"), 0),
        ratio: round(median(roundRatios), 3),
        target: "ratio >= 0.85",
        params,
      },
      {
        name: "http.latency.p99",
        value: p99("full"),
        unit: "ms",
        baseline: p99("bare"),
        ratio: round(p99("full") / p99("bare"), 3),
        params: { connections: CONNECTIONS, secondsPerRound: seconds, rounds },
      },
    ];
  } finally {
    dir.remove();
  }
}
