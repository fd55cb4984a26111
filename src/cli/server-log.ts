import type { IncomingMessage } from "node:http";
import { Transform } from "node:stream";
import { getTransformStream } from "@probot/pino";
import { type DestinationStream, type LogFn, type Logger, pino } from "pino";
import { prettyFactory } from "pino-pretty";
import { SettingError, type SettingsEnv } from "../settings/index.js";
import { repeatLimiter } from "./repeat-limiter.js";

// Probot logs every request with its headers and URL: the dashboard's cookies, a sign-in's code
// and state and the redirects that carry them are credentials, so they never reach the log.
// Nor does a delivery's payload (bodies of issues and comments, from private repositories):
// Probot's error handler logs the event a handler failed on as `err.event`: its delivery id and
// name stay, its payload goes.
const REDACTED = [
  "req.url",
  "req.headers.cookie",
  "req.headers.authorization",
  'req.headers["x-hub-signature-256"]',
  'res.headers["set-cookie"]',
  "res.headers.location",
  "err.event.payload",
  "err.aggregateErrors[*].event.payload",
  "event.payload",
  "payload",
  "*.payload",
  "body",
  "*.body",
  "headers.authorization",
  "*.headers.authorization",
  "*.*.headers.authorization",
];

// What a request line carries beyond its id, method, URL, status and time: left out.
const REMOVED = new Set([
  "req.headers",
  "req.query",
  "req.params",
  "req.remoteAddress",
  "req.remotePort",
  "res.headers",
]);

const REQUEST_LINE = /^([A-Z]+ [^?\s]*)\?\S*/;

/** How long the same warning or error is counted instead of written again. */
const REPEAT_WINDOW_MS = 60_000;
/** How long the same line about the same delivery is dropped as a duplicate. */
const DUPLICATE_WINDOW_MS = 10_000;

/** True the first time a key is seen within `windowMs`. */
function onceWithin(windowMs: number): (key: string) => boolean {
  const seen = new Set<string>();
  return (key) => {
    if (seen.has(key)) return false;
    seen.add(key);
    setTimeout(() => seen.delete(key), windowMs).unref();
    return true;
  };
}

const LEVELS: Record<number, string> = {
  10: "trace",
  20: "debug",
  30: "info",
  40: "warn",
  50: "error",
  60: "fatal",
};

function censor(value: unknown, path: (string | symbol)[]): unknown {
  // A wildcard path may pass through a symbol key (pino's own fields): never joined as text.
  if (REMOVED.has(path.map(String).join("."))) return undefined;
  const key = path[path.length - 1];
  if ((key === "url" || key === "location") && typeof value === "string")
    return value.includes("?") ? `${value.split("?")[0]}?[redacted]` : value;
  return "[redacted]";
}

interface LoggedError {
  type?: string;
  message?: string;
  stack?: string;
  code?: unknown;
  status?: unknown;
  event?: { id?: unknown; name?: unknown };
  request?: { method?: unknown; url?: unknown };
}

/**
 * An error as one log entry carries it: what it is, where from, its stack; never the webhook
 * payload, request body or response Probot and Octokit hang on it.
 */
function serializeError(error: unknown): LoggedError {
  const e = pino.stdSerializers.err(error as Error) as LoggedError;
  const { type, message, stack, code, status, event, request } = e;
  return {
    type,
    message,
    stack,
    ...(code !== undefined ? { code } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(event ? { event: { id: event.id, name: event.name } } : {}),
    ...(request ? { request: { method: request.method, url: request.url } } : {}),
  };
}

/**
 * The log call's arguments with the webhook delivery they concern as `delivery`: a request
 * line's (its `X-GitHub-Delivery`), or an error's that carries the delivery (Probot's webhook
 * errors).
 */
function withDelivery(args: unknown[]): unknown[] {
  const [first, ...rest] = args;
  if (first instanceof Error) {
    const id = (first as { event?: { id?: unknown } }).event?.id;
    if (id === undefined) return args;
    const message = rest.some((arg) => typeof arg === "string") ? [] : [first.message];
    return [{ err: first, delivery: id }, ...message, ...rest];
  }
  const response = (first as { res?: { req?: IncomingMessage } } | undefined)?.res;
  const id = response?.req?.headers?.["x-github-delivery"];
  return id ? [{ ...(first as object), delivery: id }, ...rest] : args;
}

/** The message of a log call: its string argument, or the error's message. */
function messageOf(args: unknown[]): string {
  const text = args.find((arg) => typeof arg === "string");
  if (typeof text === "string") return text;
  const first = args[0] as { message?: unknown; err?: { message?: unknown } } | undefined;
  return String(first?.message ?? first?.err?.message ?? "");
}

/**
 * One JSON line (`name` once: the innermost child's), or one readable line with its timestamp;
 * in the readable format an error is its type and message, its stack only at debug.
 */
function lineFormat(format: "json" | "pretty", env: SettingsEnv, debug: boolean): Transform {
  const messageKey = env.LOG_MESSAGE_KEY || "msg";
  const pretty = prettyFactory({
    ignore: "pid,hostname,req,res,responseTime",
    translateTime: "UTC:yyyy-mm-dd'T'HH:MM:ss.l'Z'",
    singleLine: true,
    messageKey,
    ...(debug ? {} : { errorLikeObjectKeys: [] }),
  });
  const levelInString = env.LOG_LEVEL_IN_STRING === "true";
  return new Transform({
    transform(chunk, _encoding, done) {
      const lines: string[] = [];
      for (const line of String(chunk).split("\n")) {
        if (line.trim() === "") continue;
        const entry = JSON.parse(line) as Record<string, unknown> & { err?: LoggedError };
        if (format === "json") {
          if (levelInString) entry.level = LEVELS[entry.level as number] ?? entry.level;
          lines.push(`${JSON.stringify(entry)}\n`);
          continue;
        }
        if (entry.err && !debug) {
          const { type = "Error", message = "" } = entry.err;
          entry.err = (message === entry[messageKey] ? type : `${type}: ${message}`) as never;
        }
        lines.push(pretty(entry));
      }
      done(null, lines.join(""));
    },
  });
}

/**
 * The server's logger: Probot's settings (`LOG_LEVEL`, `LOG_FORMAT`, `LOG_LEVEL_IN_STRING`,
 * `LOG_MESSAGE_KEY`, `SENTRY_DSN`), one line per event with a timestamp in either format, the
 * delivery id on each webhook's request line, errors without payloads, credentials taken out of
 * request lines, and a warning or error that repeats within a minute counted, not repeated.
 */
export async function serverLog(
  env: SettingsEnv,
  destination: DestinationStream = pino.destination(1),
  options: { repeatWindowMs?: number } = {},
): Promise<Logger> {
  const format = env.LOG_FORMAT
    ? env.LOG_FORMAT === "pretty"
      ? "pretty"
      : "json"
    : env.NODE_ENV === "production"
      ? "json"
      : "pretty";
  const level = env.LOG_LEVEL || "info";
  const lines = lineFormat(format, env, level === "debug" || level === "trace");
  lines.pipe(destination as NodeJS.WritableStream);
  let output: NodeJS.WritableStream = lines;
  if (env.SENTRY_DSN) {
    try {
      // Probot's Sentry reporting, on the JSON lines before they are formatted.
      const sentry = await getTransformStream({ logFormat: "json", sentryDsn: env.SENTRY_DSN });
      sentry.pipe(lines);
      output = sentry;
    } catch (error) {
      throw new SettingError(
        `SENTRY_DSN: errors cannot be sent to Sentry (${(error as Error).message}); install @sentry/node beside the app (npm install @sentry/node@9) or unset SENTRY_DSN`,
      );
    }
  }
  const limit = repeatLimiter(options.repeatWindowMs ?? REPEAT_WINDOW_MS);
  const once = onceWithin(DUPLICATE_WINDOW_MS);
  const log: Logger = pino(
    {
      level,
      name: "probot",
      messageKey: env.LOG_MESSAGE_KEY || "msg",
      redact: { paths: [...REDACTED, ...REMOVED], censor },
      serializers: { err: serializeError },
      hooks: {
        logMethod(args, method, levelValue) {
          const values = withDelivery(args as unknown[]);
          const clean = values.map((value) =>
            typeof value === "string" ? value.replace(REQUEST_LINE, "$1?[redacted]") : value,
          ) as Parameters<LogFn>;
          if (levelValue >= 40) {
            const message = messageOf(values);
            // Probot and the webhooks middleware both log a failed delivery: once is enough.
            const delivery = (values[0] as { delivery?: unknown } | undefined)?.delivery;
            if (delivery !== undefined && !once(`${levelValue} ${message} ${delivery}`)) return;
            // Lines that differ only in numbers (a duration, a port, an attempt) are one kind.
            const kind = `${levelValue} ${message.replace(/\d+/g, "#")}`;
            const write = limit(kind, (repeated) =>
              method.apply(this, [
                { repeated },
                `${message} (and ${repeated} more like it within ${Math.round((options.repeatWindowMs ?? REPEAT_WINDOW_MS) / 1000)} s)`,
              ]),
            );
            if (!write) return;
          }
          method.apply(this, clean);
        },
      },
    },
    output,
  );
  return log;
}
