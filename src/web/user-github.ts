import { z } from "zod";
import type { DashboardSettings } from "./dashboard-settings.js";

/** GitHub answered with an error status; 401 means the user's token is no longer good. */
export class GitHubAnswer extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "GitHubAnswer";
  }
}

/** A repository GitHub lists for the signed-in person, in one of the app's installations. */
export interface ListedRepository {
  installationId: number;
  repositoryId: number;
}

export interface UserGitHub {
  /** Trades the code GitHub sent back for the user's token (the App's user-authorization flow). */
  exchangeCode(
    code: string,
    redirectUri: string | null,
  ): Promise<{ token: string; expiresInSeconds: number | null }>;
  user(token: string): Promise<{ login: string; id: number }>;
  /** Every repository GitHub lets this person see in the installations `known` names. */
  repositories(token: string, known: ReadonlySet<number>): Promise<ListedRepository[]>;
  /** Revokes the token (sign-out), so a copy of it is worth nothing either. */
  revoke(token: string): Promise<void>;
}

const githubId = z.number().int().positive();
const tokenAnswer = z.union([
  z.object({
    access_token: z.string().min(1),
    token_type: z.string().regex(/^bearer$/i),
    expires_in: z.number().int().positive().optional(),
  }),
  z.object({ error: z.string(), error_description: z.string().optional() }),
]);
const userAnswer = z.object({ login: z.string().min(1), id: githubId });
const installationsPage = z.object({ installations: z.array(z.object({ id: githubId })) });
const repositoriesPage = z.object({ repositories: z.array(z.object({ id: githubId })) });

// A person with more than 100 pages (10,000 repositories) in one installation is cut off there.
const MAX_PAGES = 100;
const TIMEOUT_MS = 10_000;

function nextPage(link: string | null): string | null {
  const match = /<([^>]+)>;\s*rel="next"/.exec(link ?? "");
  return match?.[1] ?? null;
}

/** One request to GitHub within TIMEOUT_MS: its response, or an error that says what failed. */
async function request(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit,
  what: string,
): Promise<Response> {
  let response: Response;
  try {
    response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new Error(`GitHub did not answer ${what}: ${(error as Error).message}`);
  }
  if (!response.ok)
    throw new GitHubAnswer(response.status, `GitHub answered ${what} with ${response.status}`);
  return response;
}

/** The JSON body of GitHub's answer when it has `schema`'s shape; else an error naming the field. */
async function checkedJson<T>(response: Response, schema: z.ZodType<T>, what: string): Promise<T> {
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `GitHub's answer to ${what} is not what it should be (${issue?.path.join(".") || "body"}: ${issue?.message})`,
    );
  }
  return parsed.data;
}

/** The headers of a REST call made as the signed-in person. */
function userHeaders(token: string): Record<string, string> {
  return {
    accept: "application/vnd.github+json",
    authorization: `Bearer ${token}`,
    "x-github-api-version": "2022-11-28",
  };
}

/**
 * The ids on every page of one of the person's REST lists, following `Link: rel="next"` only
 * within this GitHub's API (the token goes nowhere else), at most MAX_PAGES pages.
 */
async function listedIds<T>(
  fetchImpl: typeof fetch,
  apiUrl: string,
  token: string,
  path: string,
  schema: z.ZodType<T>,
  items: (page: T) => number[],
): Promise<number[]> {
  const ids: number[] = [];
  let url: string | null = `${apiUrl}${path}?per_page=100`;
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const response: Response = await request(
      fetchImpl,
      url,
      { headers: userHeaders(token) },
      `GET ${path}`,
    );
    ids.push(...items(await checkedJson(response, schema, `GET ${path}`)));
    url = nextPage(response.headers.get("link"));
    if (url && !url.startsWith(`${apiUrl}/`))
      throw new Error(`GitHub's next page of ${path} is outside its API: ${url}`);
  }
  return ids;
}

/**
 * GitHub's OAuth endpoints and the user's own REST API, on github.com or an Enterprise Server:
 * each answer is checked at the edge (a reply of the wrong shape is an error, never an empty
 * list), pages are followed only within the API, and tokens go in headers, never in URLs.
 */
export function userGitHub(
  settings: Pick<DashboardSettings, "clientId" | "clientSecret" | "webUrl" | "apiUrl">,
  fetchImpl: typeof fetch = fetch,
): UserGitHub {
  const call = (url: string, init: RequestInit, what: string) =>
    request(fetchImpl, url, init, what);
  const pages = <T>(
    token: string,
    path: string,
    schema: z.ZodType<T>,
    items: (page: T) => number[],
  ) => listedIds(fetchImpl, settings.apiUrl, token, path, schema, items);

  return {
    async exchangeCode(code, redirectUri) {
      const what = "POST /login/oauth/access_token";
      const response = await call(
        `${settings.webUrl}/login/oauth/access_token`,
        {
          method: "POST",
          headers: { accept: "application/json", "content-type": "application/json" },
          body: JSON.stringify({
            client_id: settings.clientId,
            client_secret: settings.clientSecret,
            code,
            ...(redirectUri ? { redirect_uri: redirectUri } : {}),
          }),
        },
        what,
      );
      const answer = await checkedJson(response, tokenAnswer, what);
      if ("error" in answer)
        throw new GitHubAnswer(401, `GitHub refused the sign-in: ${answer.error}`);
      return { token: answer.access_token, expiresInSeconds: answer.expires_in ?? null };
    },
    async user(token) {
      const response = await call(
        `${settings.apiUrl}/user`,
        { headers: userHeaders(token) },
        "GET /user",
      );
      return checkedJson(response, userAnswer, "GET /user");
    },
    async repositories(token, known) {
      const installations = await pages(token, "/user/installations", installationsPage, (page) =>
        page.installations.map((installation) => installation.id),
      );
      const listed: ListedRepository[] = [];
      for (const installationId of installations) {
        if (!known.has(installationId)) continue;
        const ids = await pages(
          token,
          `/user/installations/${installationId}/repositories`,
          repositoriesPage,
          (page) => page.repositories.map((repository) => repository.id),
        );
        for (const repositoryId of ids) listed.push({ installationId, repositoryId });
      }
      return listed;
    },
    async revoke(token) {
      const basic = Buffer.from(`${settings.clientId}:${settings.clientSecret}`).toString("base64");
      await call(
        `${settings.apiUrl}/applications/${encodeURIComponent(settings.clientId)}/token`,
        {
          method: "DELETE",
          headers: {
            accept: "application/vnd.github+json",
            authorization: `Basic ${basic}`,
            "content-type": "application/json",
          },
          body: JSON.stringify({ access_token: token }),
        },
        "DELETE /applications/{client_id}/token",
      );
    },
  };
}
