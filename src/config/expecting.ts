import { describeValue } from "./describe-value.js";

/** Message for a value of the wrong kind, naming what was expected and what was found. */
export const expecting =
  (what: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined
      ? `missing: expected ${what}`
      : `expected ${what}, got ${describeValue(issue.input)}`;
