import type { Writable } from "node:stream";
import { createProbot, type Logger, type Probot, ProbotOctokit } from "probot";
import { UsageError } from "./usage-error.js";

export type Env = Record<string, string | undefined>;

/**
 * The REST base URL: GitHub Enterprise Server from `GHE_HOST` (and `GHE_PROTOCOL`), as Probot
 * reads them, else `GITHUB_API_URL` (set in GitHub Actions, GHES included), else github.com.
 * GraphQL goes to the matching `/api/graphql` (Octokit derives it).
 */
export function apiBaseUrl(env: Env): string {
  const host = env.GHE_HOST?.trim();
  if (host) return `${env.GHE_PROTOCOL?.trim() || "https"}://${host.replace(/\/+$/, "")}/api/v3`;
  return env.GITHUB_API_URL?.trim().replace(/\/+$/, "") || "https://api.github.com";
}

/** Probot's and Octokit's log lines on stderr, one line each: warnings always, the rest with --verbose. */
export function stderrLogger(stderr: Writable, verbose: boolean): Logger {
  const write = (level: string) => (first: unknown, second?: unknown) => {
    const message = typeof first === "string" ? first : typeof second === "string" ? second : "";
    if (message) stderr.write(`${level}: ${message}\n`);
  };
  const quiet = () => {};
  const logger: Record<string, unknown> = {
    level: verbose ? "debug" : "warn",
    trace: quiet,
    debug: verbose ? write("debug") : quiet,
    info: verbose ? write("info") : quiet,
    warn: write("warning"),
    error: write("error"),
    fatal: write("error"),
  };
  logger.child = () => logger;
  return logger as unknown as Logger;
}

export interface GitHubConnection {
  /** "token": GITHUB_TOKEN (or GH_TOKEN); "app": APP_ID with PRIVATE_KEY or PRIVATE_KEY_PATH. */
  mode: "token" | "app";
  probot: Probot;
  baseUrl: string;
}

/**
 * A Probot for the command line from the environment: a token if there is one, else the app's
 * own credentials (installation tokens come from `probot.auth(installationId)`).
 */
export function githubConnection(
  env: Env,
  options: { log: Logger; Octokit?: typeof ProbotOctokit },
): GitHubConnection {
  const baseUrl = apiBaseUrl(env);
  const token = env.GITHUB_TOKEN?.trim() || env.GH_TOKEN?.trim();
  const overrides = {
    baseUrl,
    log: options.log,
    Octokit: options.Octokit ?? ProbotOctokit,
    ...(token ? { githubToken: token } : {}),
  };
  if (!token && !(env.APP_ID && (env.PRIVATE_KEY || env.PRIVATE_KEY_PATH)))
    throw new UsageError(
      "no GitHub credentials: set GITHUB_TOKEN, or the app's APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH)",
    );
  try {
    return { mode: token ? "token" : "app", probot: createProbot({ env, overrides }), baseUrl };
  } catch (error) {
    throw new UsageError(`the app's credentials cannot be used: ${(error as Error).message}`);
  }
}
