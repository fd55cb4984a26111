import type { z } from "zod";

/** A reply from GitHub that is not what the query asked for: nothing of it is used. */
export class GitHubReplyError extends Error {
  override readonly name = "GitHubReplyError";
}

function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path)
    out +=
      typeof segment === "number" ? `[${segment}]` : `${out === "" ? "" : "."}${String(segment)}`;
  return out === "" ? "(reply)" : out;
}

/**
 * Parses one reply from GitHub's API before any of it is used (as ingest does for webhooks);
 * one that does not fit is an error naming the field, so the page it belongs to writes nothing.
 */
export function parseReply<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  throw new GitHubReplyError(
    `GitHub's answer to ${what} does not fit at ${fieldPath(issue?.path ?? [])}: ${issue?.message ?? "invalid"}; nothing of that page was stored, and running it again retries from there`,
  );
}
