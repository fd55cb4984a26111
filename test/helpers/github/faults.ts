import { setTimeout as sleep } from "node:timers/promises";
import type { GitHubReply } from "./github-request.js";

/** What goes wrong with one request, and whether GitHub had already done the work. */
export type Fault =
  | { status: 500 | 502; applied: boolean }
  | { status: 403; secondaryRateLimit: true; retryAfter: number }
  | { timeoutMs: number; applied: boolean }
  /** An answer of the test's own (a malformed page, a 422): GitHub did nothing. */
  | { reply: GitHubReply };

/** Whether GitHub carries out the request although its answer is this fault. */
export function appliedDespite(fault: Fault): boolean {
  return "applied" in fault && fault.applied;
}

/** The answer a fault gives, once GitHub did (or did not do) the work. */
export async function faultReply(fault: Fault): Promise<GitHubReply> {
  if ("reply" in fault) return fault.reply;
  if ("secondaryRateLimit" in fault)
    return {
      status: 403,
      body: {
        message:
          "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
      },
      headers: { "retry-after": String(fault.retryAfter) },
    };
  if ("timeoutMs" in fault) {
    // Answer only after the client gave up; what it gets then no longer matters.
    await sleep(fault.timeoutMs);
    return { status: 504, body: { message: "too late" } };
  }
  return {
    status: fault.status,
    body: { message: fault.status === 502 ? "Bad Gateway" : "Server Error" },
  };
}
