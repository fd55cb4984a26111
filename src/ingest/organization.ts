import { z } from "zod";
import type { StoreChange } from "../store/index.js";
import type { IngestContext } from "./context.js";
import { normalizeActor } from "./normalize-fields.js";
import { parse } from "./parse.js";
import { organizationSchema, userSchema } from "./payload-schemas.js";

const memberSchema = z.object({ user: userSchema });

/**
 * `organization.member_removed`: leaving the organisation is leaving every team of it.
 * Joining it (`member_added`) puts nobody in a team, so it changes nothing here.
 */
export function organizationChanges(
  action: string,
  payload: Record<string, unknown>,
  context: IngestContext,
): StoreChange[] | null {
  if (action !== "member_removed") return null;
  const organization = parse(organizationSchema, payload.organization, "organization");
  const { user } = parse(memberSchema, payload.membership, "membership");
  return [
    {
      kind: "organization_member_left",
      installationId: context.installationId,
      organization: organization.login,
      login: normalizeActor(user).login,
      at: context.receivedAt,
    },
  ];
}
