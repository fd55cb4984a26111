import { createHmac, createPublicKey, createVerify, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/**
 * GitHub as an App sees it, on a loopback port: it sends webhook deliveries itself (signed, to
 * the app's URL), records each attempt's outcome, lists them at `GET /app/hook/deliveries`
 * (newest first, cursor pages linked by the `Link` header, as GitHub's REST description says),
 * redelivers on `POST /app/hook/deliveries/{id}/attempts` (the same `X-GitHub-Delivery` guid,
 * `redelivery: true`), and hands out installation tokens. The app reaches it through
 * `GHE_HOST`/`GHE_PROTOCOL` (REST under `/api/v3`, GraphQL at `/api/graphql`). Anything else is
 * added with `route` (GraphQL, check runs, issues...); writes nobody routed are recorded and
 * answered as created.
 */

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
export interface SimulatedEvent {
  name: string;
  payload: unknown;
  guid?: string;
}

export interface SimulatedRequest {
  method: string;
  /** The path without `/api/v3`, e.g. `/app/hook/deliveries`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: unknown;
}

export interface SimulatedReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (request: SimulatedRequest) => SimulatedReply | Promise<SimulatedReply>;

export interface SimulatedGitHubOptions {
  /** The App's id and private key: `GET /app/...` needs a JWT it signed (RS256, `iss` its id). */
  appId: number;
  appPrivateKey: string;
  webhookSecret: string;
  /** The app's base URL (deliveries go to `<target>/api/github/webhooks`); or pick one per attempt. */
  target?: string | ((attempt: { guid: string; redelivery: boolean }) => string | null);
  clock?: () => Date;
  /** How long GitHub lists a delivery (default three days). */
  retentionMs?: number;
  /** An Enterprise Server without the deliveries API: 404 there. */
  withoutDeliveriesApi?: boolean;
  /** How long the app may take to answer (GitHub gives up after 10 s). */
  deliveryTimeoutMs?: number;
}

interface Stored extends DeliveryAttempt {
  payload: unknown;
}

const DEFAULT_RETENTION_MS = 3 * 86_400_000;

function stripApiPrefix(pathname: string): string {
  return pathname.replace(/^\/api\/v3(?=\/)/, "");
}

function base64url(text: string): Buffer {
  return Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}

export class SimulatedGitHub {
  /** Every attempt, in the order made (redeliveries included). */
  readonly attempts: DeliveryAttempt[] = [];
  /** Every API request received: `METHOD /path` (without `/api/v3`). */
  readonly requests: string[] = [];
  /** Writes nobody routed (check runs, issues...), as received. */
  readonly writes: { method: string; path: string; body: unknown }[] = [];
  private readonly stored: Stored[] = [];
  private readonly routes: { method: string; pattern: RegExp; handler: Handler }[] = [];
  private readonly faults = new Map<string, SimulatedReply[]>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly publicKey: KeyObject;
  private nextId = 80_000_000_001;
  private guids = 0;
  private server: Server | undefined;
  private port = 0;
  target: SimulatedGitHubOptions["target"];

  constructor(private readonly options: SimulatedGitHubOptions) {
    this.publicKey = createPublicKey(options.appPrivateKey);
    this.target = options.target;
  }

  /** `127.0.0.1:<port>`: the app's `GHE_HOST` (with `GHE_PROTOCOL=http`). */
  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** The REST API's base URL, as Octokit takes it. */
  get apiUrl(): string {
    return `http://${this.host}/api/v3`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: String(error) }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    this.port = typeof address === "object" && address ? address.port : 0;
    return this;
  }

  async stop(): Promise<void> {
    await this.settled();
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  /** Answers `method` requests whose path (without `/api/v3`) matches with `handler`. */
  route(method: string, pattern: RegExp, handler: Handler): void {
    this.routes.push({ method, pattern, handler });
  }

  /**
   * The next requests to `kind` (`list`: the deliveries list; `redeliver`: a redelivery
   * request) get these replies instead, in order.
   */
  fail(kind: "list" | "redeliver", ...replies: SimulatedReply[]): void {
    this.faults.set(kind, [...(this.faults.get(kind) ?? []), ...replies]);
  }

  /** Sends an event to the app, as GitHub does, and records how the attempt went. */
  async send(event: SimulatedEvent): Promise<DeliveryAttempt> {
    const guid = event.guid ?? this.guid();
    return this.attempt({ ...this.describe(event, guid), payload: event.payload }, false);
  }

  /**
   * An event GitHub lists as answered `statusCode` although nothing of it reached the store (the
   * app answered, then crashed before it committed). Nothing is sent.
   */
  recordAnswered(event: SimulatedEvent, statusCode = 202): DeliveryAttempt {
    const guid = event.guid ?? this.guid();
    const stored: Stored = {
      ...this.describe(event, guid),
      payload: event.payload,
      id: this.nextId++,
      delivered_at: this.now().toISOString(),
      redelivery: false,
      duration: 0.01,
      status: statusCode === 200 ? "OK" : "Accepted",
      status_code: statusCode,
      throttled_at: null,
    };
    return this.keep(stored);
  }

  /** Redelivery requests received, by the attempt id asked for. */
  redeliveriesAsked(): number[] {
    return this.requests
      .map((request) => /^POST \/app\/hook\/deliveries\/(\d+)\/attempts$/.exec(request)?.[1])
      .filter((id): id is string => id !== undefined)
      .map(Number);
  }

  /** The guid each attempt id belongs to. */
  guidOf(id: number): string | undefined {
    return this.stored.find((attempt) => attempt.id === id)?.guid;
  }

  /** Resolves once every delivery and redelivery under way has been answered. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  private guid(): string {
    this.guids += 1;
    const hex = this.guids.toString(16).padStart(12, "0");
    return `5e1a7ed0-0000-4000-8000-${hex}`;
  }

  private describe(event: SimulatedEvent, guid: string) {
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
    };
  }

  private targetFor(guid: string, redelivery: boolean): string | null {
    const { target } = this;
    if (typeof target === "function") return target({ guid, redelivery });
    return target ?? null;
  }

  private attempt(
    event: ReturnType<SimulatedGitHub["describe"]> & { payload: unknown },
    redelivery: boolean,
  ): Promise<DeliveryAttempt> {
    const work = this.post(event, redelivery);
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  private async post(
    event: ReturnType<SimulatedGitHub["describe"]> & { payload: unknown },
    redelivery: boolean,
  ): Promise<DeliveryAttempt> {
    const id = this.nextId++;
    const deliveredAt = this.now();
    const body = JSON.stringify(event.payload);
    const target = this.targetFor(event.guid, redelivery);
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
    const stored: Stored = {
      ...event,
      id,
      delivered_at: deliveredAt.toISOString(),
      redelivery,
      duration: Math.round(performance.now() - started) / 1000,
      status,
      status_code: statusCode,
      throttled_at: null,
    };
    return this.keep(stored);
  }

  /** Lists an attempt from now on. */
  private keep(stored: Stored): DeliveryAttempt {
    this.stored.push(stored);
    const { payload: _payload, ...attempt } = stored;
    this.attempts.push(attempt);
    return attempt;
  }

  /** The App's JWT: RS256, signed by its key, issued for its id, not expired. */
  private appAuthorized(request: SimulatedRequest): boolean {
    const token = /^Bearer (.+)$/i.exec(String(request.headers.authorization ?? ""))?.[1] ?? "";
    const [header, payload, signature] = token.split(".");
    if (!header || !payload || !signature) return false;
    const verify = createVerify("RSA-SHA256");
    verify.update(`${header}.${payload}`);
    if (!verify.verify(this.publicKey, base64url(signature))) return false;
    const claims = JSON.parse(base64url(payload).toString()) as { iss?: unknown; exp?: number };
    return String(claims.iss) === String(this.options.appId);
  }

  private listed(): Stored[] {
    const since = this.now().getTime() - (this.options.retentionMs ?? DEFAULT_RETENTION_MS);
    return this.stored
      .filter((attempt) => Date.parse(attempt.delivered_at) >= since)
      .sort((a, b) => b.id - a.id);
  }

  private async answer(request: SimulatedRequest): Promise<SimulatedReply> {
    const { method, path } = request;
    for (const route of this.routes)
      if (route.method === method && route.pattern.test(path)) return route.handler(request);
    const tokenFor = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
    if (method === "POST" && tokenFor)
      return {
        status: 201,
        body: {
          token: `ghs_${tokenFor[1]}`,
          expires_at: new Date(this.now().getTime() + 3_600_000).toISOString(),
          permissions: {
            checks: "write",
            issues: "write",
            contents: "read",
            pull_requests: "read",
          },
          repository_selection: "all",
        },
      };
    if (path === "/app/hook/deliveries" || path.startsWith("/app/hook/deliveries/")) {
      if (this.options.withoutDeliveriesApi) return { status: 404, body: { message: "Not Found" } };
      if (!this.appAuthorized(request))
        return { status: 401, body: { message: "A JSON web token could not be decoded" } };
      const kind = method === "GET" ? "list" : "redeliver";
      const fault = this.faults.get(kind)?.shift();
      if (fault) return fault;
      if (method === "GET" && path === "/app/hook/deliveries") return this.listPage(request);
      const asked = /^\/app\/hook\/deliveries\/(\d+)\/attempts$/.exec(path);
      if (method === "POST" && asked) return this.redeliver(Number(asked[1]));
      return { status: 404, body: { message: "Not Found" } };
    }
    if (method === "GET") {
      if (path.includes("/contents/")) return { status: 404, body: { message: "Not Found" } };
      return { status: 200, body: [] };
    }
    this.writes.push({ method, path, body: request.body });
    if (method === "DELETE") return { status: 204 };
    const id = this.writes.length;
    return {
      status: method === "POST" ? 201 : 200,
      body: { ...(request.body as object), id, number: id },
    };
  }

  private listPage(request: SimulatedRequest): SimulatedReply {
    const perPage = Number(request.query.get("per_page") ?? "30");
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100)
      return { status: 422, body: { message: "per_page must be between 1 and 100" } };
    const cursor = request.query.get("cursor");
    const from =
      cursor === null ? Number.POSITIVE_INFINITY : Number(/^v1_(\d+)$/.exec(cursor)?.[1]);
    if (Number.isNaN(from)) return { status: 400, body: { message: "Bad cursor" } };
    const all = this.listed().filter((attempt) => attempt.id <= from);
    const page = all.slice(0, perPage).map(({ payload: _payload, ...attempt }) => attempt);
    const next = all[perPage];
    const headers: Record<string, string> = {};
    if (next)
      headers.link = `<${this.apiUrl}/app/hook/deliveries?per_page=${perPage}&cursor=v1_${next.id}>; rel="next"`;
    return { status: 200, body: page, headers };
  }

  private redeliver(id: number): SimulatedReply {
    const original = this.stored.find((attempt) => attempt.id === id);
    if (!original) return { status: 404, body: { message: "Not Found" } };
    const { guid, event, action, installation_id, repository_id, payload } = original;
    // Accepted at once; sent a moment later, as GitHub does.
    setImmediate(() => {
      void this.attempt({ guid, event, action, installation_id, repository_id, payload }, true);
    });
    return { status: 202, body: {} };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString();
    const url = new URL(req.url ?? "/", "http://localhost");
    const request: SimulatedRequest = {
      method: req.method ?? "GET",
      path: stripApiPrefix(url.pathname),
      query: url.searchParams,
      headers: req.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    this.requests.push(`${request.method} ${request.path}`);
    const reply = await this.answer(request);
    res.writeHead(reply.status, {
      "content-type": "application/json; charset=utf-8",
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": "4999",
      ...reply.headers,
    });
    res.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
  }
}

/** A simulated GitHub, listening. */
export function startSimulatedGitHub(options: SimulatedGitHubOptions): Promise<SimulatedGitHub> {
  return new SimulatedGitHub(options).start();
}
