/**
 * The dashboard on an already generated store, alone in this process, page by page:
 *
 *   node dist/bench/web-child.js <database> <organisation.json> <team>...
 *
 * A local HTTP server plays GitHub Enterprise Server for the sign-in and the repository list
 * (the only GitHub reads the dashboard makes); the dashboard is the real handler beside the
 * app's webhooks on Probot's own server, as `expectations serve` runs them, its figures
 * computed by one worker thread. Signed copies of the demo deliveries are sent one at a time
 * with the dashboard idle and again while its worker counts every team's periods. Prints
 * `{"benchServer": {"pages": {...}, "webhooks": {...}, "maxRssBytes": ...}}`.
 */

import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { pino } from "pino";
import { Probot, ProbotOctokit, Server } from "probot";
import { expectationsApp } from "../src/app.js";
import { openStore } from "../src/store/index.js";
import { dashboardFigures, dashboardHandler, dashboardSettings } from "../src/web/index.js";
import { deliveryCopy, readDemoDeliveries } from "./demo-deliveries.js";
import type { GeneratedOrganisation } from "./generated-organisation.js";
import { ORGANISATION } from "./generated-organisation.js";
import { freePort } from "./node-child.js";
import { postSigned } from "./post-signed.js";
import { BENCH_WEBHOOK_SECRET, throwawayPrivateKey } from "./signing.js";

const [database, organisationFile, ...teams] = process.argv.slice(2);
if (!database || !organisationFile || teams.length === 0) {
  process.stderr.write(
    "usage: node dist/bench/web-child.js <database> <organisation.json> <team>...\n",
  );
  process.exit(2);
}
const organisation = JSON.parse(readFileSync(organisationFile, "utf8")) as GeneratedOrganisation;
const REPEATS = 7;
const DELIVERIES = 100;

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return { server, port: typeof address === "object" && address ? address.port : 0 };
}

// GitHub: the person may see every repository of the organisation.
const github = await listen((req, res) => {
  const path = (req.url ?? "").split("?")[0];
  const json = (body: unknown) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  if (path === "/login/oauth/access_token")
    return json({ access_token: "ghu_bench", token_type: "bearer", expires_in: 28800 });
  if (path === "/api/v3/user") return json({ login: "bench-lead", id: 1 });
  if (path === "/api/v3/user/installations")
    return json({ installations: [{ id: ORGANISATION.installationId }] });
  if (path === `/api/v3/user/installations/${ORGANISATION.installationId}/repositories`)
    return json({ repositories: organisation.repositories.map((r) => ({ id: r.repositoryId })) });
  res.writeHead(404).end();
});

const store = await openStore({ path: database });
const switched = dashboardSettings({
  GITHUB_CLIENT_ID: "Iv1.bench",
  GITHUB_CLIENT_SECRET: "bench-secret",
  SESSION_SECRET: "a-session-secret-for-the-benchmark-only",
  GHE_HOST: `127.0.0.1:${github.port}`,
  GHE_PROTOCOL: "http",
});
if (!switched.on) throw new Error(switched.reason);
const silent = pino({ level: "silent" });
// Nothing computed at start: each page's first view is a lead's very first look.
const figures = dashboardFigures({
  store,
  location: { path: database },
  log: silent,
  clock: () => new Date(organisation.now),
  warmFigures: 0,
});
const handler = dashboardHandler({
  store,
  figures,
  settings: switched.settings,
  log: silent,
  clock: () => new Date(organisation.now),
});
const port = await freePort();
const probotLog = pino({ level: "silent" });
const server = new Server({
  host: "127.0.0.1",
  port,
  log: probotLog,
  Probot: Probot.defaults({
    appId: 123,
    privateKey: throwawayPrivateKey(),
    secret: BENCH_WEBHOOK_SECRET,
    log: probotLog,
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
  }),
});
await server.load(expectationsApp({ store, routes: [handler] }));
await server.start();
const base = `http://127.0.0.1:${port}`;

// Sign in as a browser does (GitHub's own authorize page is not needed: its code is accepted).
const start = await fetch(`${base}/expectations/login`, { redirect: "manual" });
const state = new URL(start.headers.get("location") ?? "").searchParams.get("state");
const stateCookie = (start.headers.getSetCookie()[0] ?? "").split(";")[0];
const back = await fetch(`${base}/expectations/auth/callback?code=bench&state=${state}`, {
  redirect: "manual",
  headers: { cookie: stateCookie ?? "" },
});
const session =
  (back.headers.getSetCookie().find((c) => c.startsWith("expectations_session=")) ?? "").split(
    ";",
  )[0] ?? "";

async function view(path: string) {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, { headers: { cookie: session } });
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  return { ms, complete: !body.includes('http-equiv="refresh"'), bytes: body.length };
}

const release = organisation.releaseRepository;
const member = organisation.teamMembers[0] ?? "";
const pages: Record<string, string> = {
  overview: "/expectations/",
  milestone: `/expectations/repos/${release.fullName}/milestones/9001`,
  team: `/expectations/teams/${ORGANISATION.installationId}/${ORGANISATION.team.name}`,
  person: `/expectations/teams/${ORGANISATION.installationId}/${ORGANISATION.team.name}/people/${member}`,
};

// The same deliveries each time, as another installation would receive them (a copy per round:
// new delivery ids, nothing deduplicated), signed as GitHub signs them.
const demo = readDemoDeliveries().slice(0, DELIVERIES);
/** Each delivery's answer time; with `busy`, only of those sent and answered while it held. */
async function deliver(round: number, busy?: () => boolean) {
  const latencies: number[] = [];
  for (const original of demo) {
    const computing = busy?.() ?? true;
    const started = performance.now();
    const status = await postSigned(base, deliveryCopy(original, round));
    const ms = performance.now() - started;
    if (status !== 200) throw new Error(`a delivery answered ${status ?? "nothing"}`);
    if (computing && (busy?.() ?? true)) latencies.push(ms);
  }
  return latencies;
}

// The dashboard idle: nothing viewed, nothing computed.
const idle = await deliver(1);
if (figures.computing > 0) throw new Error("the dashboard computed figures nobody asked for");

const results: Record<string, unknown> = {};
for (const [name, path] of Object.entries(pages)) {
  // The first view after start: it answers within the wait and shows what is ready...
  const first = await view(path);
  // ...and reloads until every figure is there.
  const began = performance.now();
  let views = 1;
  let last = first;
  while (!last.complete) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await view(path);
    views += 1;
  }
  const completeAfterMs = first.complete ? first.ms : first.ms + (performance.now() - began);
  const warm: number[] = [];
  for (let i = 0; i < REPEATS; i++) warm.push((await view(path)).ms);
  results[name] = {
    path,
    firstViewMs: first.ms,
    firstViewComplete: first.complete,
    completeAfterMs,
    viewsUntilComplete: views,
    warmMs: warm,
    bytes: last.bytes,
  };
}

// The dashboard busy: every period of every team asked for at once (each view answers at
// once and leaves its report to the worker), then the same deliveries while it counts them.
const asked = await Promise.all(
  teams.flatMap((team) =>
    Array.from({ length: 13 }, (_, period) =>
      view(`/expectations/teams/${ORGANISATION.installationId}/${team}?period=${period}`),
    ),
  ),
);
const queued = figures.computing;
const busy = await deliver(2, () => figures.computing > 0);
const leftComputing = figures.computing;
const webhooks = {
  deliveries: demo.length,
  idleMs: idle,
  busyMs: busy,
  pageViewsAsking: asked.length,
  slowestViewAskingMs: Math.max(...asked.map((a) => a.ms)),
  figuresQueued: queued,
  figuresLeftAfterDeliveries: leftComputing,
};

await server.stop();
github.server.close();
await figures.stop();
await store.close();
process.stdout.write(
  `${JSON.stringify({ benchServer: { pages: results, webhooks, maxRssBytes: process.resourceUsage().maxRSS * 1024 } })}\n`,
);
