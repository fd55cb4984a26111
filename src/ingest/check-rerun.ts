import type { StoreChange } from "../store/index.js";
import type { IngestContext } from "./context.js";
import { parse } from "./parse.js";
import { checkRerunSchema } from "./payload-schemas.js";
import { staleRelease } from "./stale-release.js";

/** The app's own checks (their external id), the only ones a re-run asks the app to send again. */
const OUR_CHECKS = /^release-(readiness|gate):/;

/**
 * A re-run asked for on GitHub changes no record, only what is published: the pull requests it
 * names, and those found by its head SHA (forks name none), are sent again even if unchanged.
 */
function rerunChanges(
  action: string,
  part: "check_run" | "check_suite",
  payload: Record<string, unknown>,
  context: IngestContext,
): StoreChange[] | null {
  if (action !== "rerequested") return null;
  const rerun = parse(checkRerunSchema, payload[part], part);
  if (part === "check_run" && !OUR_CHECKS.test(rerun.external_id ?? "")) return [];
  if (!context.repository) return [];
  const pullRequestIds = [...new Set((rerun.pull_requests ?? []).map((pr) => pr.id))];
  return staleRelease(
    context,
    context.repository.id,
    [
      ...pullRequestIds.map((pullRequestId) => ({ kind: "pull_request" as const, pullRequestId })),
      ...(rerun.head_sha === undefined ? [] : [{ kind: "head_sha" as const, sha: rerun.head_sha }]),
    ],
    true,
  );
}

export function checkRunChanges(
  action: string,
  payload: Record<string, unknown>,
  context: IngestContext,
): StoreChange[] | null {
  return rerunChanges(action, "check_run", payload, context);
}

export function checkSuiteChanges(
  action: string,
  payload: Record<string, unknown>,
  context: IngestContext,
): StoreChange[] | null {
  return rerunChanges(action, "check_suite", payload, context);
}
