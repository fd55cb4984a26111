import { createProbot, type Logger, type Probot, ProbotOctokit } from "probot";
import { appPrivateKey, type SettingsEnv } from "../settings/index.js";
import { apiBaseUrl } from "./api-base-url.js";
import { CredentialsError } from "./credentials-error.js";

export type Env = SettingsEnv;

export interface GitHubConnection {
  /** "token": GITHUB_TOKEN (or GH_TOKEN); "app": APP_ID with PRIVATE_KEY or PRIVATE_KEY_PATH. */
  mode: "token" | "app";
  probot: Probot;
  baseUrl: string;
}

/**
 * A Probot for work outside the server (the CLI, the action) from the environment: a token if
 * there is one, else the app's own credentials (installation tokens come from
 * `probot.auth(installationId)`).
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
    throw new CredentialsError(
      "no GitHub credentials: set GITHUB_TOKEN, or the app's APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH)",
    );
  // A key that is not one stops here, naming the setting, before anything is sent.
  if (!token) appPrivateKey(env, process.cwd());
  try {
    return {
      mode: token ? "token" : "app",
      probot: createProbot({ env: { ...env } as Record<string, string>, overrides }),
      baseUrl,
    };
  } catch (error) {
    throw new CredentialsError(`the app's credentials cannot be used: ${(error as Error).message}`);
  }
}
