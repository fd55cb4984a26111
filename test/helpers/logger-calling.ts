import { type Logger, pino } from "pino";

type Level = "debug" | "info" | "warn" | "error";
type Call = (details: Record<string, unknown>, message: string) => unknown;

/**
 * A pino Logger that hands each call at a level to `on` (its fields and its message), as the app
 * made it, and writes nothing; levels without a handler are dropped.
 */
export function loggerCalling(on: Partial<Record<Level, Call>> = {}): Logger {
  return pino({
    level: "debug",
    hooks: {
      logMethod(args, _method, level) {
        const [first, second] = args as unknown[];
        const details = typeof first === "object" && first !== null ? first : {};
        const message = typeof first === "string" ? first : String(second ?? "");
        on[pino.levels.labels[level] as Level]?.(details as Record<string, unknown>, message);
      },
    },
  });
}
