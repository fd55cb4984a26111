import type { StoreChange } from "../store/index.js";
import { type IngestContext, requireRepository } from "./context.js";
import { milestoneRecord, millis } from "./normalize.js";
import { parse } from "./parse.js";
import { milestoneSchema } from "./payload-schemas.js";

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
  if (action !== "deleted") return [{ kind: "milestone", record }];
  return [
    { kind: "milestone", record },
    {
      kind: "milestone_deleted",
      installationId: context.installationId,
      milestoneId: milestone.id,
      at: Math.max(millis(milestone.updated_at), context.receivedAt),
    },
  ];
}
