import { pino } from "pino";
import { Probot } from "probot";
import {
  type PublishQueueWorkers,
  publishQueueWorkers,
  rememberSettings,
} from "../../src/flows/index.js";
import { appConnector } from "../../src/github/index.js";
import { dashboardFigures, dashboardHandler, dashboardSettings } from "../../src/web/index.js";
import { capturedLog } from "../helpers/captured-log.js";
import { organizationRepositoryAdded, readDeliveryStream, readJson } from "../helpers/fixtures.js";
import {
  CLIENT_ID,
  CLIENT_SECRET,
  FakeGitHub,
  signInWithGitHub,
  startGitHubServer,
} from "../helpers/github/index.js";
import {
  APP_ID,
  freePort,
  postDelivery,
  startServer,
  TEST_PRIVATE_KEY,
  TestOctokit,
} from "../helpers/probot-server.js";
import { tempStore } from "../helpers/temp-store.js";

// biome-ignore lint/suspicious/noExplicitAny: recorded payloads are edited field by field.
type Payload = Record<string, any>;

/** The demo's "now": PR #9 of chdsbd/test_repo waits on changes, its release Friday 2019-10-04. */
export const NOW = new Date("2019-10-01T12:00:00Z");
export const KODIAK = 848733;
export const ANTS = 1000001;
export const TEST_REPO = 183980723;
export const ANTS_REPO = 134018330;
export const SECRET_REPO = 999000001;
export const SESSION_SECRET = "a-session-secret-of-at-least-32-characters";
export const USER = { login: "octo-lead", id: 4242 };

/** A pull request title and a login as someone hostile could make them. */
export const HOSTILE_TITLE =
  '<script>alert("title")</script><img src=x onerror=alert(2)> **bold** [click](javascript:alert(3))';
export const HOSTILE_LOGIN = '"><svg onload=alert(4)>mallory';

/** What only the repository the user cannot see holds: none of it may reach any page. */
export const SECRETS = [
  "secret_repo",
  "Project Falcon",
  "falcon-lead",
  "falcon-reviewer",
  "Secret milestone",
];

const TEAM_CONFIG = `timezone: Europe/Berlin
release:
  milestone_issue: false
reports:
  teams:
    kodiak:
      repos: [chdsbd/test_repo, chdsbd/secret_repo]
      members: [chdsbd, sbdchd]
`;
// Monthly reports, so twelve periods reach back a year into ants' history.
const ANTS_CONFIG = `timezone: Asia/Shanghai
reports:
  schedule: "0 9 1 * *"
  period_days: 30
`;

const kodiak = (name: string) => readJson(`kodiak-deliveries/${name}.json`) as Payload;

/** PR #9's recorded chain, moved to a private repository the user is not given. */
function secretRepository(): { name: string; payload: Payload }[] {
  const repository = {
    ...kodiak("pull_request/opened_reviewers_assignees_milestone_project").repository,
    id: SECRET_REPO,
    name: "secret_repo",
    full_name: "chdsbd/secret_repo",
    private: true,
  };
  const disguise = (payload: Payload): Payload => {
    const copy = structuredClone(payload);
    copy.repository = repository;
    Object.assign(copy.pull_request, {
      id: 777000077,
      node_id: "PR_secret_77",
      number: 77,
      title: "Hidden roadmap: Project Falcon",
      user: { ...copy.pull_request.user, login: "falcon-lead" },
      milestone: {
        ...copy.pull_request.milestone,
        id: 777000001,
        number: 1,
        title: "Secret milestone",
        due_on: "2019-10-03T07:00:00Z",
      },
    });
    copy.pull_request.head = { ...copy.pull_request.head, sha: "7".repeat(40) };
    if (copy.review) {
      copy.review = {
        ...copy.review,
        id: copy.review.id + 7_000_000,
        user: { ...copy.review.user, login: "falcon-reviewer" },
      };
    }
    return copy;
  };
  return [
    {
      name: "pull_request",
      payload: disguise(kodiak("pull_request/opened_reviewers_assignees_milestone_project")),
    },
    { name: "pull_request_review", payload: disguise(kodiak("pull_request_review/approved")) },
  ];
}

/** A pull request in "test milestone" with a hostile title and author, who also reviews #9. */
function hostile(): { name: string; payload: Payload }[] {
  const opened = structuredClone(
    kodiak("pull_request/opened_reviewers_assignees_milestone_project"),
  );
  Object.assign(opened.pull_request, {
    id: 900000066,
    node_id: "PR_hostile_66",
    number: 66,
    title: HOSTILE_TITLE,
    user: { ...opened.pull_request.user, login: HOSTILE_LOGIN },
    created_at: "2019-09-30T10:00:00Z",
    updated_at: "2019-09-30T10:00:00Z",
    requested_reviewers: [],
  });
  opened.pull_request.head = { ...opened.pull_request.head, sha: "6".repeat(40) };
  const review = structuredClone(kodiak("pull_request_review/commented"));
  review.review = {
    ...review.review,
    id: 900000067,
    user: { ...review.review.user, login: HOSTILE_LOGIN },
    submitted_at: "2019-09-30T11:00:00Z",
  };
  return [
    { name: "pull_request", payload: opened },
    { name: "pull_request_review", payload: review },
  ];
}

/**
 * The real server with the dashboard on, in front of a simulated GitHub Enterprise Server, its
 * store filled by signed deliveries: the demo's recordings up to NOW (chdsbd/test_repo and
 * panjf2000/ants), a private repository the user cannot see, and a hostile pull request.
 */
export async function startDashboardWorld(options: { waitMs?: number } = {}) {
  const ctx = await tempStore();
  let now = NOW;
  // What GitHub lists for the user; tests take repositories away from it.
  const access = new Map([
    [KODIAK, [TEST_REPO]],
    [ANTS, [ANTS_REPO]],
  ]);
  const github = await startDashboardGitHub(access);
  const { log, lines: logLines } = await capturedLog();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    GITHUB_CLIENT_ID: CLIENT_ID,
    GITHUB_CLIENT_SECRET: CLIENT_SECRET,
    SESSION_SECRET,
    GHE_HOST: github.host,
    GHE_PROTOCOL: "http",
    PUBLIC_URL: url,
  };
  const dashboard = dashboardSettings(env);
  if (!dashboard.on) throw new Error(dashboard.reason);
  let queue: PublishQueueWorkers | undefined;
  // As serve does: the figures come from a worker thread reading the same SQLite file.
  const figures = dashboardFigures({
    store: ctx.store,
    location: { path: ctx.path },
    log,
    clock: () => now,
  });
  const server = await startServer(
    (probot) => {
      const connect = appConnector(probot);
      // As serve does: the queue's workers keep the settings they read for the dashboard.
      queue = publishQueueWorkers({
        store: ctx.store,
        connect: async (installationId) =>
          rememberSettings(ctx.store, installationId, await connect(installationId), () =>
            now.getTime(),
          ),
        webUrl: github.url,
        dashboardUrl: url,
        owner: "dashboard-world",
        clock: () => now,
      });
      return {
        store: ctx.store,
        clock: () => now,
        reactions: [queue.reaction],
        routes: [
          dashboardHandler({
            store: ctx.store,
            figures,
            settings: dashboard.settings,
            log,
            clock: () => now,
            waitMs: options.waitMs ?? 20_000,
          }),
        ],
      };
    },
    { port, baseUrl: `${github.url}/api/v3`, log },
  );

  const deliveries = [
    ...readDeliveryStream("demo/deliveries.jsonl")
      .filter((d) => d.receivedAt <= NOW.getTime())
      .map((d) => ({ name: d.name, payload: d.payload as Payload })),
    ...secretRepository(),
    ...hostile(),
    // chdsbd's .github repository is installed: the app reads the owner's file through it.
    organizationRepositoryAdded(KODIAK, "chdsbd", 900_000_001),
  ];
  for (const [i, delivery] of deliveries.entries()) {
    const response = await postDelivery(url, {
      name: delivery.name,
      id: `dashboard-${i}`,
      body: JSON.stringify(delivery.payload),
    });
    if (response.status !== 200) throw new Error(`delivery ${i} answered ${response.status}`);
  }
  await queue?.drain();
  // The scheduled report job reads the owners' files (and ants', which no release event read);
  // it keeps what it reads through the same connection, as here.
  const app = new Probot({
    appId: APP_ID,
    privateKey: TEST_PRIVATE_KEY,
    Octokit: TestOctokit,
    baseUrl: `${github.url}/api/v3`,
    log: pino({ level: "silent" }),
  });
  const connect = appConnector(app);
  for (const [installationId, owner, repo] of [
    [KODIAK, "chdsbd", ".github"],
    [ANTS, "panjf2000", ".github"],
    [ANTS, "panjf2000", "ants"],
  ] as const) {
    const connection = rememberSettings(
      ctx.store,
      installationId,
      await connect(installationId),
      () => now.getTime(),
    );
    await connection.loadConfig({ owner, repo });
  }

  return {
    url,
    github,
    access,
    store: ctx.store,
    storePath: ctx.path,
    logLines,
    setNow(next: Date) {
      now = next;
    },
    async stop() {
      await server.stop();
      await figures.stop();
      await github.stop();
      await ctx.cleanup();
    },
  };
}

export type DashboardWorld = Awaited<ReturnType<typeof startDashboardWorld>>;

/** GitHub on a port of 127.0.0.1, where USER signs in and sees the repositories of `access`. */
async function startDashboardGitHub(access: Map<number, number[]>) {
  const github = new FakeGitHub({
    // Teams only in the owner's .github file (the trust model); chdsbd's repositories have no
    // file of their own and follow it, ants has its own.
    organizationConfig: (owner) => (owner === "chdsbd" ? TEAM_CONFIG : null),
    config: (repository) => (repository === "panjf2000/ants" ? ANTS_CONFIG : null),
  });
  const signIn = signInWithGitHub(github, { user: USER, access });
  const server = await startGitHubServer(github);
  return { ...server, ...signIn, checkRuns: github.checkRuns };
}

/**
 * A second server on the world's store, as another replica behind the same load balancer: its
 * own dashboard, figures and worker thread (none computed yet), the same sessions.
 */
export async function startReplica(world: DashboardWorld, options: { waitMs?: number } = {}) {
  const settings = dashboardSettings({
    GITHUB_CLIENT_ID: CLIENT_ID,
    GITHUB_CLIENT_SECRET: CLIENT_SECRET,
    SESSION_SECRET,
    GHE_HOST: world.github.host,
    GHE_PROTOCOL: "http",
  });
  if (!settings.on) throw new Error(settings.reason);
  const log = pino({ level: "silent" });
  const figures = dashboardFigures({
    store: world.store,
    location: { path: world.storePath },
    log,
    clock: () => NOW,
    warmFigures: 0,
  });
  const replica = await startServer(
    {
      store: world.store,
      clock: () => NOW,
      routes: [
        dashboardHandler({
          store: world.store,
          figures,
          settings: settings.settings,
          log,
          clock: () => NOW,
          ...(options.waitMs !== undefined ? { waitMs: options.waitMs } : {}),
        }),
      ],
    },
    { baseUrl: `${world.github.url}/api/v3`, log },
  );
  return {
    url: replica.url,
    async stop() {
      await replica.stop();
      await figures.stop();
    },
  };
}
