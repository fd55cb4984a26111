import { createHmac } from "node:crypto";
import { signedByApp } from "./app-jwt.js";
import { FakeGitHub } from "./fake-github.js";
import type { GitHubReply, GitHubRequest } from "./github-request.js";
import { type GitHubServer, startGitHubServer } from "./github-server.js";

/** One attempt at delivering an event, as GitHub lists it (`hook-delivery-item`). */
export interface DeliveryAttempt {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  duration: number;
  status: string;
  status_code: number;
  event: string;
  action: string | null;
  installation_id: number | null;
  repository_id: number | null;
  throttled_at: null;
}

/** An event to deliver: its name (`X-GitHub-Event`) and payload; a guid is made if none. */
export interface DeliveredEvent {
  name: string;
  payload: unknown;
  guid?: string;
}

/** Where an attempt is sent: the app's base URL, or null when GitHub cannot reach it. */
export type DeliveryTarget =
  | string
  | ((attempt: { guid: string; redelivery: boolean }) => string | null)
  | undefined;

export interface DeliveringGitHubOptions {
  /** The App's id and private key: `/app/hook/deliveries` needs a JWT it signed. */
  appId: number;
  appPrivateKey: string;
  webhookSecret: string;
  /** Deliveries go to `<target>/api/github/webhooks`; none: GitHub cannot reach the app. */
  target?: DeliveryTarget;
  clock?: () => Date;
  /** How long GitHub lists a delivery (default three days). */
  retentionMs?: number;
  /** An Enterprise Server without the deliveries API: 404 there. */
  withoutDeliveriesApi?: boolean;
  /** How long the app may take to answer (GitHub gives up after 10 s). */
  deliveryTimeoutMs?: number;
}

type Described = Pick<
  DeliveryAttempt,
  "guid" | "event" | "action" | "installation_id" | "repository_id"
> & { payload: unknown };
type Stored = DeliveryAttempt & { payload: unknown };

const DEFAULT_RETENTION_MS = 3 * 86_400_000;
/** What GitHub says of the App's rate limit with each answer of the deliveries API. */
const RATE_LIMIT = { "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "4999" };
const REDELIVERY = /\/app\/hook\/deliveries\/(\d+)\/attempts$/;

/**
 * GitHub as an App sees it, on a port of 127.0.0.1: the one fake's model (`model`: tokens, check
 * runs, issues; more with `model.route`) that also sends the App's webhook deliveries itself
 * (signed, to `target`), records each attempt's outcome, lists them at `GET
 * /app/hook/deliveries` (newest first, cursor pages linked by `Link`) and redelivers on `POST
 * /app/hook/deliveries/{id}/attempts` (same guid, `redelivery: true`). Faults of those two are
 * queued as `model.fail("GET hook-deliveries" | "POST hook-deliveries", ...)`. The app reaches it
 * through `GHE_HOST`/`GHE_PROTOCOL` (REST under `/api/v3`).
 */
export class DeliveringGitHub {
  /** Every attempt, in the order made (redeliveries included). */
  readonly attempts: DeliveryAttempt[] = [];
  readonly model = new FakeGitHub();
  target: DeliveryTarget;
  private readonly stored: Stored[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private nextId = 80_000_000_001;
  private guids = 0;
  private server: GitHubServer | undefined;

  constructor(private readonly options: DeliveringGitHubOptions) {
    this.target = options.target;
    if (options.withoutDeliveriesApi) return;
    const asApp = (answer: (request: GitHubRequest) => GitHubReply) => (request: GitHubRequest) => {
      if (!signedByApp(request, { appId: options.appId, privateKey: options.appPrivateKey }))
        return { status: 401, body: { message: "A JSON web token could not be decoded" } };
      const reply = answer(request);
      return { ...reply, headers: { ...RATE_LIMIT, ...reply.headers } };
    };
    this.model.route(
      "GET",
      /^\/app\/hook\/deliveries$/,
      asApp((request) => this.listPage(request)),
      "hook-deliveries",
    );
    this.model.route(
      "POST",
      /^\/app\/hook\/deliveries\/\d+\/attempts$/,
      asApp((request) => this.redeliver(Number(REDELIVERY.exec(request.path)?.[1]))),
      "hook-deliveries",
    );
  }

  /** `127.0.0.1:<port>`: the app's `GHE_HOST` (with `GHE_PROTOCOL=http`). */
  get host(): string {
    return this.listening().host;
  }

  /** The REST API's base URL, as Octokit takes it. */
  get apiUrl(): string {
    return `${this.listening().url}/api/v3`;
  }

  /** Every request received: `METHOD /path` as sent (with `/api/v3`). */
  get requests(): string[] {
    return this.listening().requests;
  }

  async start(): Promise<this> {
    this.server = await startGitHubServer(this.model);
    return this;
  }

  /** Stops listening once every delivery under way has been answered. */
  async stop(): Promise<void> {
    await this.settled();
    await this.server?.stop();
  }

  /** Sends an event to the app, as GitHub does, and records how the attempt went. */
  send(event: DeliveredEvent): Promise<DeliveryAttempt> {
    return this.attempt(this.describe(event), false);
  }

  /**
   * An event GitHub lists as answered `statusCode` although nothing of it reached the store (the
   * app answered, then crashed before it committed). Nothing is sent.
   */
  recordAnswered(event: DeliveredEvent, statusCode = 202): DeliveryAttempt {
    return this.keep({
      ...this.describe(event),
      id: this.nextId++,
      delivered_at: this.now().toISOString(),
      redelivery: false,
      duration: 0.01,
      status: statusCode === 200 ? "OK" : "Accepted",
      status_code: statusCode,
      throttled_at: null,
    });
  }

  /** Redelivery requests received (however answered), by the attempt id asked for. */
  redeliveriesAsked(): number[] {
    return this.model.writes.flatMap((write) => {
      const id = write.method === "POST" ? REDELIVERY.exec(write.path)?.[1] : undefined;
      return id === undefined ? [] : [Number(id)];
    });
  }

  /** The guid each attempt id belongs to. */
  guidOf(id: number): string | undefined {
    return this.stored.find((attempt) => attempt.id === id)?.guid;
  }

  /** Resolves once every delivery and redelivery under way has been answered. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  private listening(): GitHubServer {
    if (!this.server) throw new Error("the delivering GitHub is not started");
    return this.server;
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  /** A guid for an event sent without one. */
  private guid(): string {
    this.guids += 1;
    return `5e1a7ed0-0000-4000-8000-${this.guids.toString(16).padStart(12, "0")}`;
  }

  private describe(event: DeliveredEvent): Described {
    const guid = event.guid ?? this.guid();
    const payload = (event.payload ?? {}) as {
      action?: unknown;
      installation?: { id?: unknown };
      repository?: { id?: unknown };
    };
    const number = (value: unknown) => (typeof value === "number" ? value : null);
    return {
      guid,
      event: event.name,
      action: typeof payload.action === "string" ? payload.action : null,
      installation_id: number(payload.installation?.id),
      repository_id: number(payload.repository?.id),
      payload: event.payload,
    };
  }

  private attempt(event: Described, redelivery: boolean): Promise<DeliveryAttempt> {
    const work = this.post(event, redelivery);
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  /** One attempt: the event posted, signed, to where the app is now; its outcome kept. */
  private async post(event: Described, redelivery: boolean): Promise<DeliveryAttempt> {
    const id = this.nextId++;
    const deliveredAt = this.now();
    const body = JSON.stringify(event.payload);
    const target =
      typeof this.target === "function"
        ? this.target({ guid: event.guid, redelivery })
        : (this.target ?? null);
    const started = performance.now();
    let status = "failed to connect to host";
    let statusCode = 0;
    if (target !== null) {
      try {
        const response = await fetch(`${target}/api/github/webhooks`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "user-agent": "GitHub-Hookshot/simulated",
            "x-github-event": event.event,
            "x-github-delivery": event.guid,
            "x-github-hook-id": "1",
            "x-github-hook-installation-target-type": "integration",
            "x-github-hook-installation-target-id": String(this.options.appId),
            "x-hub-signature-256": `sha256=${createHmac("sha256", this.options.webhookSecret).update(body).digest("hex")}`,
          },
          body,
          signal: AbortSignal.timeout(this.options.deliveryTimeoutMs ?? 10_000),
        });
        await response.arrayBuffer();
        statusCode = response.status;
        status = response.ok ? "OK" : `Invalid HTTP Response: ${response.status}`;
      } catch (error) {
        status =
          (error as Error).name === "TimeoutError" ? "timed out" : "failed to connect to host";
      }
    }
    return this.keep({
      ...event,
      id,
      delivered_at: deliveredAt.toISOString(),
      redelivery,
      duration: Math.round(performance.now() - started) / 1000,
      status,
      status_code: statusCode,
      throttled_at: null,
    });
  }

  /** Lists an attempt from now on. */
  private keep(stored: Stored): DeliveryAttempt {
    this.stored.push(stored);
    const { payload: _payload, ...attempt } = stored;
    this.attempts.push(attempt);
    return attempt;
  }

  /** A page of the attempts GitHub still keeps, newest first, from the cursor on. */
  private listPage(request: GitHubRequest): GitHubReply {
    const perPage = Number(request.query.get("per_page") ?? "30");
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100)
      return { status: 422, body: { message: "per_page must be between 1 and 100" } };
    const cursor = request.query.get("cursor");
    const from =
      cursor === null ? Number.POSITIVE_INFINITY : Number(/^v1_(\d+)$/.exec(cursor)?.[1]);
    if (Number.isNaN(from)) return { status: 400, body: { message: "Bad cursor" } };
    const since = this.now().getTime() - (this.options.retentionMs ?? DEFAULT_RETENTION_MS);
    const all = this.stored
      .filter((attempt) => Date.parse(attempt.delivered_at) >= since && attempt.id <= from)
      .sort((a, b) => b.id - a.id);
    const page = all.slice(0, perPage).map(({ payload: _payload, ...attempt }) => attempt);
    const next = all[perPage];
    const headers: Record<string, string> = {};
    if (next)
      headers.link = `<${this.apiUrl}/app/hook/deliveries?per_page=${perPage}&cursor=v1_${next.id}>; rel="next"`;
    return { status: 200, body: page, headers };
  }

  /** Accepts a redelivery at once and sends it a moment later, as GitHub does. */
  private redeliver(id: number): GitHubReply {
    const original = this.stored.find((attempt) => attempt.id === id);
    if (!original) return { status: 404, body: { message: "Not Found" } };
    const { guid, event, action, installation_id, repository_id, payload } = original;
    setImmediate(() => {
      void this.attempt({ guid, event, action, installation_id, repository_id, payload }, true);
    });
    return { status: 202, body: {} };
  }
}

/** A delivering GitHub, listening. */
export function startDeliveringGitHub(options: DeliveringGitHubOptions): Promise<DeliveringGitHub> {
  return new DeliveringGitHub(options).start();
}
