import { githubWebUrl } from "../github/index.js";

/** What the dashboard needs to run: the App's OAuth credentials, the session key, where GitHub is. */
export interface DashboardSettings {
  clientId: string;
  clientSecret: string;
  sessionSecret: string;
  /** Where people open GitHub: `https://github.com` or the Enterprise Server host. */
  webUrl: string;
  /** The REST API of that GitHub. */
  apiUrl: string;
  /** Where browsers reach this app (`PUBLIC_URL`), without a trailing slash; null when not given. */
  publicUrl: string | null;
}

export type DashboardSwitch =
  | { on: true; settings: DashboardSettings }
  | { on: false; reason: string };

/** Shorter secrets can be guessed offline from one signed cookie. */
const MIN_SESSION_SECRET_LENGTH = 32;
const REQUIRED = ["GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET", "SESSION_SECRET"] as const;

/**
 * The dashboard is on when the App's OAuth credentials and a session secret are all set, and
 * off (with the reason) otherwise. A secret too short or a `PUBLIC_URL` that is not an http(s)
 * address is an error: the app must not start with them.
 */
export function dashboardSettings(env: Record<string, string | undefined>): DashboardSwitch {
  const value = (name: string) => env[name]?.trim() || undefined;
  const missing = REQUIRED.filter((name) => value(name) === undefined);
  if (missing.length > 0) {
    return {
      on: false,
      reason: `the dashboard is off: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set (it needs ${REQUIRED.join(", ")})`,
    };
  }
  const sessionSecret = value("SESSION_SECRET") as string;
  if (sessionSecret.length < MIN_SESSION_SECRET_LENGTH) {
    throw new Error(
      `SESSION_SECRET is ${sessionSecret.length} characters long; it must have at least ${MIN_SESSION_SECRET_LENGTH} (for example \`openssl rand -hex 32\`)`,
    );
  }
  const publicUrl = value("PUBLIC_URL") ?? null;
  if (publicUrl !== null) {
    let url: URL | undefined;
    try {
      url = new URL(publicUrl);
    } catch {}
    if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || url.search || url.hash)
      throw new Error(
        `PUBLIC_URL must be the http(s) address browsers reach this app at, such as https://expectations.example.com; got ${JSON.stringify(publicUrl)}`,
      );
  }
  const webUrl = githubWebUrl(env);
  return {
    on: true,
    settings: {
      clientId: value("GITHUB_CLIENT_ID") as string,
      clientSecret: value("GITHUB_CLIENT_SECRET") as string,
      sessionSecret,
      webUrl,
      apiUrl: webUrl === "https://github.com" ? "https://api.github.com" : `${webUrl}/api/v3`,
      publicUrl: publicUrl?.replace(/\/+$/, "") ?? null,
    },
  };
}
