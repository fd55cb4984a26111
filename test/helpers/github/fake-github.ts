import { appliedDespite, type Fault, faultReply } from "./faults.js";
import { fileContents } from "./file-contents.js";
import type { GitHubReply, GitHubRequest } from "./github-request.js";

export interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  external_id: string;
  conclusion?: string;
  details_url?: string;
  output?: { title: string; summary: string };
}

export interface Issue {
  number: number;
  title: string;
  body: string;
  state: string;
  labels: string[];
}

export interface IssueComment {
  id: number;
  issue: number;
  body: string;
}

/** A write GitHub received, with the status it answered (a fault's included). */
export interface RecordedWrite {
  method: string;
  path: string;
  body: Record<string, unknown>;
  status: number;
}

export interface FakeGitHubOptions {
  /** A repository's own `.github/expectations.yml` ("owner/repo" is asked), or null for none. */
  config?: (repository: string) => string | null;
  /** The file in the owner's `.github` repository (default: none). */
  organizationConfig?: (owner: string) => string | null;
}

type Handler = (request: GitHubRequest) => GitHubReply | Promise<GitHubReply>;

interface Route {
  method: string;
  pattern: RegExp;
  /** What a fault is queued under: "POST check-runs", "PATCH issues"... */
  kind: string;
  handler: Handler;
}

const REPO = "^/repos/([^/]+)/([^/]+)";
/** Requests sent with POST that change nothing on GitHub: not writes. */
const READS = new Set(["POST access_tokens", "POST graphql"]);
const notFound: GitHubReply = { status: 404, body: { message: "Not Found" } };

/**
 * GitHub's REST API as the app writes to it, in memory: installation tokens, the config file,
 * check runs, issues and their comments, so that look-ups find what was created. Every request is
 * counted by kind, every read and write recorded; `fail` queues faults per kind. Served through
 * nock (`nockGitHub`) or on a port of 127.0.0.1 (`startGitHubServer`); `route` adds more: a
 * repository's history for GraphQL (`serveHistory`), the App's webhook deliveries
 * (`DeliveringGitHub`), signing in (`signInWithGitHub`).
 */
export class FakeGitHub {
  readonly checkRuns: CheckRun[] = [];
  readonly issues: Issue[] = [];
  readonly comments: IssueComment[] = [];
  readonly writes: RecordedWrite[] = [];
  /** `GET <uri>` of every read of a repository. */
  readonly reads: string[] = [];
  /** The installation of every installation token handed out, in order. */
  readonly tokensFor: number[] = [];
  /** The kind of every request answered by a route ("GET check-runs", "POST issues"...). */
  readonly received: string[] = [];
  private readonly faults = new Map<string, Fault[]>();
  private readonly routes: Route[] = [];
  private nextComment = 1;

  constructor(private readonly options: FakeGitHubOptions = {}) {
    this.add("POST", "^/app/installations/\\d+/access_tokens$", "access_tokens", (r) => {
      this.tokensFor.push(Number(r.path.split("/").at(-2)));
      return {
        status: 201,
        body: {
          token: "installation-token",
          expires_at: "2099-01-01T00:00:00Z",
          permissions: { checks: "write", issues: "write" },
          repository_selection: "all",
        },
      };
    });
    this.add("GET", `${REPO}/contents/\\.github(%2F|/)expectations\\.yml$`, "contents", (r) =>
      this.configFile(r),
    );
    this.add("GET", `${REPO}/commits/([^/]+)/check-runs$`, "check-runs", (r) => {
      const sha = r.path.split("/").at(-2);
      const runs = this.checkRuns.filter(
        (run) => run.head_sha === sha && run.name === r.query.get("check_name"),
      );
      return { status: 200, body: { total_count: runs.length, check_runs: runs } };
    });
    this.add("POST", `${REPO}/check-runs$`, "check-runs", (r) => {
      const run = { ...(r.body as CheckRun), id: 1000 + this.checkRuns.length };
      this.checkRuns.push(run);
      return { status: 201, body: run };
    });
    this.add("PATCH", `${REPO}/check-runs/\\d+$`, "check-runs", (r) =>
      this.update(
        this.checkRuns.find((run) => run.id === idOf(r)),
        r.body,
      ),
    );
    this.add("GET", `${REPO}/issues$`, "issues", () => ({ status: 200, body: this.issues }));
    this.add("POST", `${REPO}/issues$`, "issues", (r) => {
      const issue = { ...(r.body as Issue), number: this.issues.length + 1, state: "open" };
      this.issues.push(issue);
      return { status: 201, body: issue };
    });
    this.add("PATCH", `${REPO}/issues/\\d+$`, "issues", (r) =>
      this.update(
        this.issues.find((issue) => issue.number === idOf(r)),
        r.body,
      ),
    );
    this.add("GET", `${REPO}/issues/\\d+/comments$`, "comments", (r) => {
      const issue = Number(r.path.split("/").at(-2));
      return { status: 200, body: this.comments.filter((comment) => comment.issue === issue) };
    });
    this.add("POST", `${REPO}/issues/\\d+/comments$`, "comments", (r) => {
      const issue = Number(r.path.split("/").at(-2));
      const comment = { id: this.nextComment++, issue, body: String(bodyOf(r).body ?? "") };
      this.comments.push(comment);
      return { status: 201, body: comment };
    });
    this.add("PATCH", `${REPO}/issues/comments/\\d+$`, "comments", (r) =>
      this.update(
        this.comments.find((comment) => comment.id === idOf(r)),
        r.body,
      ),
    );
    this.add("DELETE", `${REPO}/issues/comments/\\d+$`, "comments", (r) => {
      const index = this.comments.findIndex((comment) => comment.id === idOf(r));
      if (index === -1) return notFound;
      this.comments.splice(index, 1);
      return { status: 204 };
    });
  }

  /** The next requests of this kind ("POST check-runs") fail like this, in order. */
  fail(kind: string, ...faults: Fault[]): void {
    this.faults.set(kind, [...(this.faults.get(kind) ?? []), ...faults]);
  }

  /** How many requests of this kind GitHub received. */
  count(kind: string): number {
    return this.received.filter((k) => k === kind).length;
  }

  /**
   * Answers `method` requests whose path (without `/api/v3`) matches with `handler`, first;
   * counted and failed as `<method> <resource>` (default: the pattern's source).
   */
  route(method: string, pattern: RegExp, handler: Handler, resource = pattern.source): void {
    this.routes.unshift({ method, pattern, kind: `${method} ${resource}`, handler });
  }

  /** Whether a route answers this request (nock intercepts only those). */
  answers(method: string, path: string): boolean {
    return this.routes.some((route) => route.method === method && route.pattern.test(path));
  }

  /** GitHub's answer to a request; 404 where no route answers. */
  async answer(request: GitHubRequest): Promise<GitHubReply> {
    const route = this.routes.find(
      (r) => r.method === request.method && r.pattern.test(request.path),
    );
    if (!route) return notFound;
    this.received.push(route.kind);
    if (request.method === "GET") this.reads.push(`GET ${uriOf(request)}`);
    const fault = this.faults.get(route.kind)?.shift();
    let reply: GitHubReply;
    if (fault) {
      if (appliedDespite(fault)) await route.handler(request);
      reply = await faultReply(fault);
    } else reply = await route.handler(request);
    if (request.method !== "GET" && !READS.has(route.kind))
      this.writes.push({
        method: request.method,
        path: request.sentPath,
        body: bodyOf(request),
        status: reply.status,
      });
    return reply;
  }

  private add(method: string, pattern: string, resource: string, handler: Handler): void {
    this.routes.push({
      method,
      pattern: new RegExp(pattern),
      kind: `${method} ${resource}`,
      handler,
    });
  }

  private configFile(request: GitHubRequest): GitHubReply {
    const [, owner = "", repo = ""] = /^\/repos\/([^/]+)\/([^/]+)\//.exec(request.path) ?? [];
    const config =
      repo === ".github"
        ? (this.options.organizationConfig?.(owner) ?? null)
        : (this.options.config?.(`${owner}/${repo}`) ?? null);
    return config === null ? notFound : { status: 200, body: fileContents(config) };
  }

  private update(found: object | undefined, body: unknown): GitHubReply {
    if (!found) return notFound;
    Object.assign(found, body);
    return { status: 200, body: found };
  }
}

const idOf = (request: GitHubRequest) => Number(request.path.split("/").at(-1));
const bodyOf = (request: GitHubRequest) => (request.body ?? {}) as Record<string, unknown>;
const uriOf = (request: GitHubRequest) =>
  request.query.size > 0 ? `${request.sentPath}?${request.query}` : request.sentPath;
