import { setTimeout as sleep } from "node:timers/promises";
import nock from "nock";

export const API = "https://api.github.com";

/** What goes wrong with one request, and whether GitHub had already done the work. */
export type Fault =
  | { status: 500 | 502; applied: boolean }
  | { status: 403; secondaryRateLimit: true; retryAfter: number }
  | { timeoutMs: number; applied: boolean };

interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  external_id: string;
  conclusion?: string;
  output?: { title: string; summary: string };
}

interface Issue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: string;
}

type Reply = [number, unknown, Record<string, string>?];

/**
 * Check runs and issues of one repository, served through nock, with faults queued per request
 * kind ("POST check-runs", "PATCH issues", ...). It counts every request GitHub receives.
 */
export class FakeGitHub {
  readonly checkRuns = new Map<number, CheckRun>();
  readonly issues = new Map<number, Issue>();
  readonly received: string[] = [];
  private readonly faults = new Map<string, Fault[]>();
  private nextId = 7001;

  constructor(
    readonly owner: string,
    readonly repo: string,
  ) {}

  /** The next requests of this kind fail like this, in order. */
  fail(kind: string, ...faults: Fault[]): void {
    this.faults.set(kind, [...(this.faults.get(kind) ?? []), ...faults]);
  }

  install(): nock.Scope {
    const base = `/repos/${this.owner}/${this.repo}`;
    return nock(API)
      .persist()
      .get(new RegExp(`^${base}/commits/[^/]+/check-runs`))
      .query(true)
      .reply((uri) =>
        this.handle("GET check-runs", () => {
          const sha = uri.split("/commits/")[1]?.split("/")[0];
          const runs = [...this.checkRuns.values()].filter((run) => run.head_sha === sha);
          return [200, { total_count: runs.length, check_runs: runs }];
        }),
      )
      .post(`${base}/check-runs`)
      .reply((_uri, body) =>
        this.handle("POST check-runs", () => {
          const run = { ...(body as CheckRun), id: this.nextId++ };
          this.checkRuns.set(run.id, run);
          return [201, run];
        }),
      )
      .patch(new RegExp(`^${base}/check-runs/\\d+$`))
      .reply((uri, body) =>
        this.handle("PATCH check-runs", () => {
          const id = Number(uri.split("/").pop());
          const run = this.checkRuns.get(id);
          if (!run) return [404, { message: "Not Found" }];
          Object.assign(run, body);
          return [200, run];
        }),
      )
      .get(`${base}/issues`)
      .query(true)
      .reply(() => this.handle("GET issues", () => [200, [...this.issues.values()]]))
      .post(`${base}/issues`)
      .reply((_uri, body) =>
        this.handle("POST issues", () => {
          const issue = { ...(body as Issue), number: this.nextId++, state: "open" };
          this.issues.set(issue.number, issue);
          return [201, issue];
        }),
      )
      .patch(new RegExp(`^${base}/issues/\\d+$`))
      .reply((uri, body) =>
        this.handle("PATCH issues", () => {
          const issue = this.issues.get(Number(uri.split("/").pop()));
          if (!issue) return [404, { message: "Not Found" }];
          Object.assign(issue, body);
          return [200, issue];
        }),
      );
  }

  private async handle(kind: string, apply: () => Reply): Promise<Reply> {
    this.received.push(kind);
    const fault = this.faults.get(kind)?.shift();
    if (!fault) return apply();
    if ("secondaryRateLimit" in fault) {
      return [
        403,
        {
          message:
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
        },
        { "retry-after": String(fault.retryAfter) },
      ];
    }
    if (fault.applied) apply();
    if ("timeoutMs" in fault) {
      // Answer only after the client gave up; what it gets then no longer matters.
      await sleep(fault.timeoutMs);
      return [504, { message: "too late" }];
    }
    return [fault.status, { message: fault.status === 502 ? "Bad Gateway" : "Server Error" }];
  }

  count(kind: string): number {
    return this.received.filter((k) => k === kind).length;
  }
}
