import { z } from "zod";
import type { StoreChange } from "../store/index.js";
import type { IngestContext } from "./context.js";
import { normalizeActor } from "./normalize-fields.js";
import { parse } from "./parse.js";
import { userSchema } from "./payload-schemas.js";

const membershipSchema = z.object({
  scope: z.literal("team"),
  member: userSchema,
  // A deleted team's membership payload may carry only its id.
  team: z.object({ id: z.number().int().positive() }),
});

/** `membership`: someone joined or left a team; they count for it from that day on, or no more. */
export function membershipChanges(
  action: string,
  payload: Record<string, unknown>,
  context: IngestContext,
): StoreChange[] | null {
  if (action !== "added" && action !== "removed") return null;
  const { member, team } = parse(membershipSchema, payload, "payload");
  return [
    {
      kind: "team_membership",
      installationId: context.installationId,
      teamId: team.id,
      change: {
        kind: action === "added" ? "joined" : "left",
        login: normalizeActor(member).login,
        at: context.receivedAt,
      },
    },
  ];
}
