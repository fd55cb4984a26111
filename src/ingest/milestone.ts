import type { StoreChange } from "../store/index.js";
import { type IngestContext, requireRepository } from "./context.js";
import { milestoneRecord, millis } from "./normalize-fields.js";
import { parse } from "./parse.js";
import { milestoneSchema } from "./payload-schemas.js";
import { staleRelease } from "./stale-release.js";

const SNAPSHOT_ACTIONS = new Set(["created", "opened", "edited", "closed"]);

export function milestoneChanges(
  action: string,
  payload: Record<string, unknown>,
  context: IngestContext,
): StoreChange[] | null {
  if (!SNAPSHOT_ACTIONS.has(action) && action !== "deleted") return null;
  const milestone = parse(milestoneSchema, payload.milestone, "milestone");
  const repository = requireRepository(context);
  const record = milestoneRecord(context.installationId, repository.id, milestone);
  // Every open pull request in a milestone that changed is re-evaluated (not for a new one).
  const stale =
    action === "created"
      ? []
      : staleRelease(context, repository.id, [
          { kind: "milestone", milestoneId: milestone.id, whole: true },
        ]);
  if (action !== "deleted") return [{ kind: "milestone", record }, ...stale];
  return [
    { kind: "milestone", record },
    {
      kind: "milestone_deleted",
      installationId: context.installationId,
      milestoneId: milestone.id,
      at: Math.max(millis(milestone.updated_at), context.receivedAt),
    },
    ...stale,
  ];
}
