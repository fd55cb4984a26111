import { getTransformStream } from "@probot/pino";
import { type DestinationStream, type Logger, pino } from "pino";

type Env = Record<string, string | undefined>;

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

const REQUEST_LINE = /^([A-Z]+ [^?\s]*)\?\S*/;

function censor(value: unknown, path: string[]): unknown {
  const key = path[path.length - 1];
  if ((key === "url" || key === "location") && typeof value === "string")
    return value.includes("?") ? `${value.split("?")[0]}?[redacted]` : value;
  return "[redacted]";
}

/**
 * The server's logger: Probot's own format and settings (`LOG_LEVEL`, `LOG_FORMAT`,
 * `LOG_LEVEL_IN_STRING`, `LOG_MESSAGE_KEY`, `SENTRY_DSN`), with credentials taken out of
 * request log lines.
 */
export async function serverLog(
  env: Env,
  destination: DestinationStream = pino.destination(1),
): Promise<Logger> {
  const format = env.LOG_FORMAT
    ? env.LOG_FORMAT === "pretty"
      ? "pretty"
      : "json"
    : env.NODE_ENV === "production"
      ? "json"
      : "pretty";
  const transform = await getTransformStream({
    logFormat: format,
    logLevelInString: env.LOG_LEVEL_IN_STRING === "true",
    sentryDsn: env.SENTRY_DSN,
  });
  transform.pipe(destination as NodeJS.WritableStream);
  return pino(
    {
      level: env.LOG_LEVEL || "info",
      name: "probot",
      messageKey: env.LOG_MESSAGE_KEY || "msg",
      redact: { paths: REDACTED, censor },
      hooks: {
        // The request line Probot writes as the message: "GET /path?query 302 - 4ms".
        logMethod(args, method) {
          const clean = (args as unknown[]).map((value) =>
            typeof value === "string" ? value.replace(REQUEST_LINE, "$1?[redacted]") : value,
          );
          method.apply(this, clean as Parameters<typeof method>);
        },
      },
    },
    transform,
  );
}
