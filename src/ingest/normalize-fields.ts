import type { Actor, MilestoneRecord, Millis } from "../store/index.js";
import type { MilestonePayload, UserPayload } from "./payload-schemas.js";

/** Deleted accounts: REST and webhooks say `ghost`, GraphQL says null. */
export const GHOST: Actor = { login: "ghost", type: "User" };

/**
 * One identity per actor across sources: bots as `name[bot]` with type Bot (GraphQL gives
 * `name` with `__typename: "Bot"`), deleted accounts as `ghost`.
 */
export function normalizeActor(user: UserPayload | null | undefined): Actor {
  if (!user || user.login === "") return GHOST;
  const bot = user.type === "Bot" || user.login.endsWith("[bot]");
  if (!bot) return { login: user.login, type: user.type ?? "User" };
  return { login: user.login.endsWith("[bot]") ? user.login : `${user.login}[bot]`, type: "Bot" };
}

/** Review states arrive lower case from webhooks and upper case from REST and GraphQL. */
export function normalizeReviewState(state: string): {
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | undefined;
  dismissed: boolean;
  pending: boolean;
} {
  const upper = state.toUpperCase();
  if (upper === "APPROVED" || upper === "CHANGES_REQUESTED" || upper === "COMMENTED") {
    return { state: upper, dismissed: false, pending: false };
  }
  return { state: undefined, dismissed: upper === "DISMISSED", pending: upper === "PENDING" };
}

export function millis(iso: string): Millis;
export function millis(iso: string | null | undefined): Millis | null;
export function millis(iso: string | null | undefined): Millis | null {
  return iso ? Date.parse(iso) : null;
}

export function milestoneRecord(
  installationId: number,
  repositoryId: number,
  milestone: MilestonePayload,
): MilestoneRecord {
  return {
    installationId,
    repositoryId,
    milestoneId: milestone.id,
    number: milestone.number,
    title: milestone.title,
    state: milestone.state,
    dueOn: millis(milestone.due_on),
    closedAt: millis(milestone.closed_at),
    updatedAt: millis(milestone.updated_at),
  };
}

export function labelNames(labels: { name: string }[] | undefined): string[] {
  return (labels ?? []).map((label) => label.name).sort();
}
