import { setTimeout as sleep } from "node:timers/promises";
import { appliedDespite, type Fault, faultReply } from "./faults.js";
import { fileContents } from "./file-contents.js";
import type { GitHubReply, GitHubRequest } from "./github-request.js";

export interface CheckRun {
  /** The repository it belongs to: "owner/name". */
  repository: string;
  id: number;
  name: string;
  head_sha: string;
  external_id: string;
  conclusion?: string;
  details_url?: string;
  output?: { title: string; summary: string };
}

export interface Issue {
  /** The repository it belongs to: "owner/name"; numbers count per repository. */
  repository: string;
  number: number;
  title: string;
  body: string;
  state: string;
  labels: string[];
}

export interface IssueComment {
  repository: string;
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
  /** The installation whose token sent it; null when sent without one (as the App, say). */
  installation: number | null;
  /** The id of what it created (an issue's number), or null when it created nothing. */
  created: number | null;
}

export interface FakeGitHubOptions {
  /** A repository's own `.github/expectations.yml` ("owner/repo" is asked), or null for none. */
  config?: (repository: string) => string | null;
  /** The file in the owner's `.github` repository (default: none). */
  organizationConfig?: (owner: string) => string | null;
  /** How long GitHub takes to answer each request, in ms (default: at once). */
  latencyMs?: number;
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
/** The longest text GitHub takes in each field of a write, in characters; longer: 422. */
const ISSUE_LIMITS = { title: 256, body: 65_536 };
const COMMENT_LIMITS = { body: 65_536 };
const CHECK_RUN_LIMITS = { "output.title": 256, "output.summary": 65_535, "output.text": 65_535 };

/**
 * GitHub's REST API as the app writes to it, in memory: installation tokens (each names its
 * installation), the config file, each repository's check runs, issues and their comments, so
 * that look-ups find what was created. Every request is counted by kind, every read and write
 * recorded (with the installation that sent it); `fail` queues faults per kind. Served through
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
      const installation = Number(r.path.split("/").at(-2));
      this.tokensFor.push(installation);
      return {
        status: 201,
        body: {
          token: `ghs_${installation}`,
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
      const name = r.query.get("check_name");
      const runs = this.checkRuns.filter(
        (run) =>
          run.repository === repositoryOf(r) &&
          run.head_sha === sha &&
          (name === null || run.name === name),
      );
      return { status: 200, body: { total_count: runs.length, check_runs: runs.map(asSent) } };
    });
    this.add("POST", `${REPO}/check-runs$`, "check-runs", (r) => {
      const refused = overLimit(r, CHECK_RUN_LIMITS);
      if (refused) return refused;
      const run = {
        ...(r.body as CheckRun),
        repository: repositoryOf(r),
        id: 1000 + this.checkRuns.length,
      };
      this.checkRuns.push(run);
      return { status: 201, body: asSent(run) };
    });
    this.add(
      "PATCH",
      `${REPO}/check-runs/\\d+$`,
      "check-runs",
      (r) =>
        overLimit(r, CHECK_RUN_LIMITS) ??
        this.update(
          this.checkRuns.find((run) => run.repository === repositoryOf(r) && run.id === idOf(r)),
          r.body,
        ),
    );
    this.add("GET", `${REPO}/issues$`, "issues", (r) => this.listIssues(r));
    this.add("POST", `${REPO}/issues$`, "issues", (r) => {
      const refused = overLimit(r, ISSUE_LIMITS);
      if (refused) return refused;
      const repository = repositoryOf(r);
      const number = this.issuesOf(repository).length + 1;
      const issue = { ...(r.body as Issue), repository, number, state: "open" };
      this.issues.push(issue);
      return { status: 201, body: asSent(issue) };
    });
    this.add(
      "PATCH",
      `${REPO}/issues/\\d+$`,
      "issues",
      (r) =>
        overLimit(r, ISSUE_LIMITS) ??
        this.update(
          this.issuesOf(repositoryOf(r)).find((issue) => issue.number === idOf(r)),
          r.body,
        ),
    );
    this.add("GET", `${REPO}/issues/\\d+/comments$`, "comments", (r) => {
      const issue = Number(r.path.split("/").at(-2));
      return pageOf(
        r,
        this.commentsOf(repositoryOf(r)).filter((c) => c.issue === issue),
      );
    });
    this.add("POST", `${REPO}/issues/\\d+/comments$`, "comments", (r) => {
      const refused = overLimit(r, COMMENT_LIMITS);
      if (refused) return refused;
      const issue = Number(r.path.split("/").at(-2));
      const body = String(bodyOf(r).body ?? "");
      const comment = { repository: repositoryOf(r), id: this.nextComment++, issue, body };
      this.comments.push(comment);
      return { status: 201, body: asSent(comment) };
    });
    this.add(
      "PATCH",
      `${REPO}/issues/comments/\\d+$`,
      "comments",
      (r) =>
        overLimit(r, COMMENT_LIMITS) ??
        this.update(
          this.commentsOf(repositoryOf(r)).find((comment) => comment.id === idOf(r)),
          r.body,
        ),
    );
    this.add("DELETE", `${REPO}/issues/comments/\\d+$`, "comments", (r) => {
      const index = this.comments.findIndex(
        (comment) => comment.repository === repositoryOf(r) && comment.id === idOf(r),
      );
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
    if (this.options.latencyMs) await sleep(this.options.latencyMs);
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
        installation: installationOf(request),
        created: reply.status === 201 ? createdId(reply) : null,
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

  /**
   * A repository's issues as GitHub lists them: open ones unless `state` says otherwise, those
   * carrying every label of `labels`, newest first, `per_page` (30, at most 100) from `page`.
   */
  private listIssues(request: GitHubRequest): GitHubReply {
    const state = request.query.get("state") ?? "open";
    if (!["open", "closed", "all"].includes(state))
      return { status: 422, body: { message: "Validation Failed" } };
    const wanted = (request.query.get("labels") ?? "")
      .split(",")
      .map((label) => label.trim().toLowerCase())
      .filter((label) => label !== "");
    const listed = this.issuesOf(repositoryOf(request))
      .filter((issue) => state === "all" || issue.state === state)
      .filter((issue) => {
        const names = (issue.labels ?? []).map((label) => labelName(label).toLowerCase());
        return wanted.every((label) => names.includes(label));
      })
      .sort((a, b) => b.number - a.number);
    return pageOf(request, listed);
  }

  private issuesOf(repository: string): Issue[] {
    return this.issues.filter((issue) => issue.repository === repository);
  }

  private commentsOf(repository: string): IssueComment[] {
    return this.comments.filter((comment) => comment.repository === repository);
  }

  private update(found: { repository: string } | undefined, body: unknown): GitHubReply {
    if (!found) return notFound;
    Object.assign(found, body);
    return { status: 200, body: asSent(found) };
  }
}

/** "owner/name" of a request under `/repos/{owner}/{name}`. */
const repositoryOf = (request: GitHubRequest) => request.path.split("/").slice(2, 4).join("/");
/** A label as a write names it: its name, or an object with its name. */
const labelName = (label: unknown) =>
  typeof label === "string" ? label : String((label as { name?: unknown }).name ?? "");
/** A check run, issue or comment as GitHub sends it: what it holds, not where it is kept. */
const asSent = <T extends { repository: string }>({ repository: _repository, ...sent }: T) => sent;
/** The installation an installation token (`ghs_<installation>`) was handed out for. */
const installationOf = (request: GitHubRequest) => {
  const token = /^(?:token|bearer) ghs_(\d+)$/i.exec(String(request.headers.authorization ?? ""));
  return token ? Number(token[1]) : null;
};
const createdId = (reply: GitHubReply) => {
  const { id, number } = (reply.body ?? {}) as { id?: unknown; number?: unknown };
  const created = typeof number === "number" ? number : id;
  return typeof created === "number" ? created : null;
};
/** GitHub's 422 when a field of the request's body is longer than `limits` allow. */
const overLimit = (
  request: GitHubRequest,
  limits: Record<string, number>,
): GitHubReply | undefined => {
  for (const [field, max] of Object.entries(limits)) {
    const value = field
      .split(".")
      .reduce<unknown>(
        (object, key) => (object as Record<string, unknown> | undefined)?.[key],
        request.body,
      );
    if (typeof value === "string" && [...value].length > max)
      return {
        status: 422,
        body: {
          message: "Validation Failed",
          errors: [{ field, code: "custom", message: `${field} is too long (maximum is ${max})` }],
        },
      };
  }
  return undefined;
};
const idOf = (request: GitHubRequest) => Number(request.path.split("/").at(-1));
const bodyOf = (request: GitHubRequest) => (request.body ?? {}) as Record<string, unknown>;
const uriOf = (request: GitHubRequest) =>
  request.query.size > 0 ? `${request.sentPath}?${request.query}` : request.sentPath;

/** One page of a list as GitHub answers it: `per_page` (30, at most 100) items from `page`. */
function pageOf(request: GitHubRequest, listed: { repository: string }[]): GitHubReply {
  const perPage = Math.min(Number(request.query.get("per_page") ?? "30"), 100);
  const page = Number(request.query.get("page") ?? "1");
  if (!Number.isInteger(perPage) || perPage < 1 || !Number.isInteger(page) || page < 1)
    return { status: 422, body: { message: "Validation Failed" } };
  return { status: 200, body: listed.slice((page - 1) * perPage, page * perPage).map(asSent) };
}
