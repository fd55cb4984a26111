import nock from "nock";
import { fileReply } from "../helpers/github-contents.js";

export interface RecordedWrite {
  method: string;
  path: string;
  body: Record<string, unknown>;
  status: number;
}

interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  external_id: string;
  conclusion: string;
  output: { title: string; summary: string };
}

interface Issue {
  number: number;
  title: string;
  body: string;
  state: string;
  labels: string[];
}

/**
 * GitHub's REST API as far as publishing uses it, with nock: installation tokens, the config
 * file, check runs and issues, kept in memory so that look-ups find what was created. Every
 * write is recorded; `failNext` makes the next matching write answer an error.
 */
export function fakeGitHub(
  options: {
    baseUrl?: string;
    /** A repository's own `.github/expectations.yml` ("owner/repo" is asked), or null for none. */
    config?: (repository: string) => string | null;
    /** The owner's `.github` repository's file (default: none). */
    organizationConfig?: () => string | null;
  } = {},
) {
  const baseUrl = options.baseUrl ?? "https://api.github.com";
  const writes: RecordedWrite[] = [];
  const reads: string[] = [];
  const checkRuns: CheckRun[] = [];
  const issues: Issue[] = [];
  const failures: {
    method: string;
    path: RegExp;
    status: number;
    /** The write is carried out although the answer is an error (a 502 from a proxy). */
    applied: boolean;
  }[] = [];

  const failure = (method: string, path: string, body: Record<string, unknown>) => {
    const index = failures.findIndex((f) => f.method === method && f.path.test(path));
    if (index === -1) return undefined;
    const [found] = failures.splice(index, 1);
    if (found) writes.push({ method, path, body, status: found.status });
    return found;
  };
  const answer = (status: number, value: unknown): [number, string, Record<string, string>] => [
    status,
    JSON.stringify(value),
    { "content-type": "application/json; charset=utf-8" },
  ];

  const scope = nock(baseUrl)
    .persist()
    .post(/^(\/api\/v3)?\/app\/installations\/\d+\/access_tokens$/)
    .reply(() => [
      201,
      JSON.stringify({
        token: "installation-token",
        expires_at: "2099-01-01T00:00:00Z",
        permissions: { checks: "write", issues: "write" },
        repository_selection: "all",
      }),
      { "content-type": "application/json; charset=utf-8" },
    ])
    .get(/\/contents\/\.github(%2F|\/)expectations\.yml/)
    .reply((uri) => {
      reads.push(`GET ${uri}`);
      const [, owner = "", repo = ""] = /\/repos\/([^/]+)\/([^/]+)\//.exec(uri) ?? [];
      const config =
        repo === ".github"
          ? (options.organizationConfig?.() ?? null)
          : (options.config?.(`${owner}/${repo}`) ?? null);
      if (config === null) return [404, JSON.stringify({ message: "Not Found" })];
      return [...fileReply(config)];
    })
    .get(/\/commits\/[0-9a-f]+\/check-runs/)
    .reply((uri) => {
      reads.push(`GET ${uri}`);
      const url = new URL(uri, baseUrl);
      const sha = url.pathname.split("/").at(-2);
      const name = url.searchParams.get("check_name");
      const runs = checkRuns.filter((run) => run.head_sha === sha && run.name === name);
      return answer(200, { total_count: runs.length, check_runs: runs });
    })
    .post(/\/check-runs$/)
    .reply((uri, requestBody) => {
      const body = requestBody as Record<string, unknown>;
      const path = new URL(uri, baseUrl).pathname;
      const failed = failure("POST", path, body);
      const create = () => {
        const run = { ...(body as unknown as CheckRun), id: 1000 + checkRuns.length };
        checkRuns.push(run);
        return run;
      };
      if (failed) {
        if (failed.applied) create();
        return answer(failed.status, { message: "Bad Gateway" });
      }
      writes.push({ method: "POST", path, body, status: 201 });
      return answer(201, create());
    })
    .patch(/\/check-runs\/\d+$/)
    .reply((uri, requestBody) => {
      const body = requestBody as Record<string, unknown>;
      const path = new URL(uri, baseUrl).pathname;
      const failed = failure("PATCH", path, body);
      if (failed) return answer(failed.status, { message: "Bad Gateway" });
      writes.push({ method: "PATCH", path, body, status: 200 });
      const run = checkRuns.find((r) => r.id === Number(path.split("/").at(-1)));
      if (!run) return answer(404, { message: "Not Found" });
      Object.assign(run, body);
      return answer(200, run);
    })
    .get(/\/issues(\?|$)/)
    .reply((uri) => {
      reads.push(`GET ${uri}`);
      return answer(200, issues);
    })
    .post(/\/issues$/)
    .reply((uri, requestBody) => {
      const body = requestBody as Record<string, unknown>;
      const path = new URL(uri, baseUrl).pathname;
      const failed = failure("POST", path, body);
      if (failed) return answer(failed.status, { message: "Bad Gateway" });
      writes.push({ method: "POST", path, body, status: 201 });
      const issue = { ...(body as unknown as Issue), number: issues.length + 1, state: "open" };
      issues.push(issue);
      return answer(201, issue);
    })
    .patch(/\/issues\/\d+$/)
    .reply((uri, requestBody) => {
      const body = requestBody as Record<string, unknown>;
      const path = new URL(uri, baseUrl).pathname;
      writes.push({ method: "PATCH", path, body, status: 200 });
      const issue = issues.find((i) => i.number === Number(path.split("/").at(-1)));
      if (!issue) return answer(404, { message: "Not Found" });
      Object.assign(issue, body);
      return answer(200, issue);
    });

  return {
    writes,
    reads,
    checkRuns,
    issues,
    failNext(method: string, path: RegExp, status: number, applied = false) {
      failures.push({ method, path, status, applied });
    },
    stop() {
      scope.persist(false);
      nock.cleanAll();
    },
  };
}
