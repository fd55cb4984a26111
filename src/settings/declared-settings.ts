/** What a setting's value must be. */
export type SettingValue =
  | { kind: "integer"; min: number; max?: number }
  | { kind: "choice"; choices: readonly string[] }
  /** `90s`, `5m` or `1h`, at least `minMs`. */
  | { kind: "duration"; minMs: number }
  /** A secret's `minLength`: a shorter one is refused (a bearer token). */
  | { kind: "text"; secret?: boolean; minLength?: number };

export interface SettingDeclaration {
  name: string;
  /** The heading it is listed under in `.env.example`. */
  group: string;
  /** What it does, who reads it, its default: written for an operator. */
  description: string;
  value: SettingValue;
  /** The value `.env.example` shows (empty when none makes sense). */
  example?: string;
  /** Listed uncommented in `.env.example`: the settings every installation sets. */
  set?: boolean;
}

const APP = "The GitHub App (Probot's setup flow writes these)";
const COMMANDS = "GitHub credentials of the commands (backfill, report --post)";
const GITHUB = "Which GitHub";
const STORE = "The store";
const SERVER = "The server";
const WORK = "Background work";
const DASHBOARD = "The dashboard under /expectations/";
const LOGS = "Logs";

const text = { kind: "text" } as const;
const secret = { kind: "text", secret: true } as const;
const positive = { kind: "integer", min: 1 } as const;

/**
 * Every environment variable the server and the commands read (the GitHub Action's inputs are
 * in action.yml). `.env.example` is generated from this list and a test holds the code to it.
 */
export const DECLARED_SETTINGS = [
  {
    name: "APP_ID",
    group: APP,
    description:
      "The app's id. Without it, `expectations serve` starts Probot's setup flow on http://localhost:3000, which registers the app from app.yml and writes these settings into .env.",
    value: positive,
    set: true,
  },
  {
    name: "PRIVATE_KEY",
    group: APP,
    description:
      "The app's private key: the PEM text (newlines as \\n are fine) or base64 of it. Or PRIVATE_KEY_PATH; with neither, the one .pem file in the working directory.",
    value: secret,
    set: true,
  },
  {
    name: "PRIVATE_KEY_PATH",
    group: APP,
    description: "The path of the app's private key file (.pem), instead of PRIVATE_KEY.",
    value: text,
    example: "./expectations.private-key.pem",
  },
  {
    name: "WEBHOOK_SECRET",
    group: APP,
    description:
      "The app's webhook secret. Required with APP_ID: there is no default, deliveries without a valid signature for it are refused.",
    value: secret,
    set: true,
  },
  {
    name: "GH_ORG",
    group: APP,
    description:
      "The organisation Probot's setup flow registers the app on (default: your own account).",
    value: text,
    example: "acme",
  },
  {
    name: "GITHUB_TOKEN",
    group: COMMANDS,
    description:
      "A token `backfill` and `report --post` use instead of the app's APP_ID and private key (the server never uses it).",
    value: secret,
  },
  {
    name: "GH_TOKEN",
    group: COMMANDS,
    description: "The same, under the GitHub CLI's name; read when GITHUB_TOKEN is not set.",
    value: secret,
  },
  {
    name: "GHE_HOST",
    group: GITHUB,
    description:
      "GitHub Enterprise Server's host name; the API is then at <GHE_PROTOCOL>://<GHE_HOST>/api/v3 (default: github.com).",
    value: text,
    example: "github.example.com",
  },
  {
    name: "GHE_PROTOCOL",
    group: GITHUB,
    description: "How GitHub Enterprise Server is reached: https (default) or http.",
    value: { kind: "choice", choices: ["https", "http"] },
    example: "https",
  },
  {
    name: "GITHUB_API_URL",
    group: GITHUB,
    description:
      "The REST API's URL when GHE_HOST is not set; GitHub Actions runners set it (default: https://api.github.com).",
    value: text,
    example: "https://api.github.com",
  },
  {
    name: "DATABASE_PATH",
    group: STORE,
    description:
      "The SQLite file the store lives in (default ./data/expectations.db): one server process, WAL mode.",
    value: text,
    example: "./data/expectations.db",
    set: true,
  },
  {
    name: "DATABASE_URL",
    group: STORE,
    description:
      'PostgreSQL instead of the SQLite file, for several replicas (README "Running several replicas").',
    value: secret,
    example: "postgres://app:password@db.internal:5432/expectations",
  },
  {
    name: "DATABASE_POOL_SIZE",
    group: STORE,
    description:
      "How many PostgreSQL connections each process keeps for queries (default 10; as many again for publication locks).",
    value: { kind: "integer", min: 1, max: 1000 },
    example: "10",
  },
  {
    name: "HOST",
    group: SERVER,
    description:
      "The address the server listens on (default localhost; 0.0.0.0 for every interface).",
    value: text,
    example: "0.0.0.0",
  },
  {
    name: "PORT",
    group: SERVER,
    description: "The port it listens on (default 3000).",
    value: { kind: "integer", min: 1, max: 65535 },
    example: "3000",
  },
  {
    name: "WEBHOOK_PATH",
    group: SERVER,
    description:
      "The path GitHub posts deliveries to (default /api/github/webhooks): the App's Webhook URL is <PUBLIC_URL><WEBHOOK_PATH>.",
    value: text,
    example: "/api/github/webhooks",
  },
  {
    name: "PUBLIC_URL",
    group: SERVER,
    description:
      "Where browsers reach this app: the dashboard's sign-in callback (<PUBLIC_URL>/expectations/auth/callback, the App's Callback URL) and the Details link of release checks.",
    value: text,
    example: "https://expectations.example.com",
  },
  {
    name: "WEBHOOK_PROXY_URL",
    group: SERVER,
    description:
      "Development only: a https://smee.io channel the server takes deliveries from, when GitHub cannot reach this machine (Probot's setup flow creates one).",
    value: text,
    example: "https://smee.io/your-channel",
  },
  {
    name: "BACKFILL_DAYS",
    group: WORK,
    description:
      "Days of history imported when the app is installed or given repositories (default 90).",
    value: positive,
    example: "90",
  },
  {
    name: "BACKFILL_CONCURRENCY",
    group: WORK,
    description: "How many repositories are imported at a time (default 2).",
    value: positive,
    example: "2",
  },
  {
    name: "FAILED_DELIVERY_RETENTION_DAYS",
    group: WORK,
    description:
      "Days a delivery that could not be recorded is kept, whole, for a replay (default 14).",
    value: positive,
    example: "14",
  },
  {
    name: "REDELIVERY_INTERVAL",
    group: WORK,
    description:
      "How often GitHub's list of the App's deliveries is read and what the store lacks is asked for again (README \"A complete record\"): a duration such as 60s, 5m or 1h, at least 30s (default 5m).",
    value: { kind: "duration", minMs: 30_000 },
    example: "5m",
  },
  {
    name: "METRICS_TOKEN",
    group: SERVER,
    description:
      "Turns on Prometheus metrics at /expectations/metrics, answered only to requests with this bearer token (at least 16 characters: openssl rand -hex 32). Unset: the path does not exist.",
    value: { kind: "text", secret: true, minLength: 16 },
  },
  {
    name: "GITHUB_CLIENT_ID",
    group: DASHBOARD,
    description:
      "The App's OAuth client id (Probot's setup flow writes it). GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET and SESSION_SECRET: all three, or the dashboard is off.",
    value: text,
  },
  {
    name: "GITHUB_CLIENT_SECRET",
    group: DASHBOARD,
    description: "The App's OAuth client secret.",
    value: secret,
  },
  {
    name: "SESSION_SECRET",
    group: DASHBOARD,
    description:
      "The key that signs dashboard sessions: at least 32 characters (`openssl rand -hex 32`), no default.",
    value: secret,
  },
  {
    name: "DASHBOARD_WORKERS",
    group: DASHBOARD,
    description: "How many worker threads compute the dashboard's figures (default 1).",
    value: positive,
    example: "1",
  },
  {
    name: "LOG_LEVEL",
    group: LOGS,
    description:
      "trace, debug, info (default), warn, error or fatal. At debug, errors carry their stack trace in the pretty format too.",
    value: { kind: "choice", choices: ["trace", "debug", "info", "warn", "error", "fatal"] },
    example: "info",
    set: true,
  },
  {
    name: "LOG_FORMAT",
    group: LOGS,
    description:
      "pretty (one readable line per event, the default) or json (one JSON object per line, the default when NODE_ENV=production).",
    value: { kind: "choice", choices: ["pretty", "json"] },
    example: "json",
  },
  {
    name: "LOG_LEVEL_IN_STRING",
    group: LOGS,
    description: 'true: the JSON format writes the level as a word ("info") instead of 30.',
    value: { kind: "choice", choices: ["true", "false"] },
    example: "false",
  },
  {
    name: "LOG_MESSAGE_KEY",
    group: LOGS,
    description: "The JSON format's key for the message (default msg).",
    value: text,
    example: "msg",
  },
  {
    name: "SENTRY_DSN",
    group: LOGS,
    description:
      "Errors are also sent to this Sentry project; needs @sentry/node installed beside the app (npm install @sentry/node@9).",
    value: secret,
  },
  {
    name: "NODE_ENV",
    group: LOGS,
    description:
      "production: JSON logs by default, and no setup flow (APP_ID must be set). Probot's convention.",
    value: text,
    example: "production",
  },
] as const satisfies readonly SettingDeclaration[];

export type SettingName = (typeof DECLARED_SETTINGS)[number]["name"];

/** The environment as the code may read it: only declared settings. */
export type SettingsEnv = { readonly [Name in SettingName]?: string | undefined };
