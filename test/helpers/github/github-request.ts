import type { IncomingHttpHeaders } from "node:http";

/** One request GitHub received, however it came (nock or the local server). */
export interface GitHubRequest {
  method: string;
  /** The path without the Enterprise Server's `/api/v3`, e.g. `/repos/o/r/check-runs`. */
  path: string;
  /** The path as sent (with `/api/v3` on an Enterprise Server). */
  sentPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface GitHubReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A request's path and query from the URI nock or the server saw, without `/api/v3`. */
export function splitUri(uri: string): {
  path: string;
  sentPath: string;
  query: URLSearchParams;
} {
  const url = new URL(uri, "http://github.invalid");
  return {
    path: url.pathname.replace(/^\/api\/v3(?=\/)/, ""),
    sentPath: url.pathname,
    query: url.searchParams,
  };
}

/** A body as nock or the server hands it over: parsed JSON, or nothing. */
export function parsedBody(body: unknown): unknown {
  if (typeof body !== "string") return body;
  return body === "" ? undefined : JSON.parse(body);
}
