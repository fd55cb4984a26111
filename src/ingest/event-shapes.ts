import { z } from "zod";
import { parse } from "./parse.js";
import { githubId, organizationSchema, repositorySchema, userSchema } from "./payload-schemas.js";

/**
 * What each event the app follows carries, whatever its action: GitHub signs the body, not the
 * `X-GitHub-Event` header, so a genuine body of one event sent again under another name must
 * not be read as that other event (a `label.deleted` as `installation.deleted` would purge an
 * installation). Each shape names the objects that make the event what it is; fields GitHub
 * adds are let through, and the families read the parts they use (payload-schemas).
 */

/** An object GitHub identifies by its id: the subject of an event. */
const subject = z.looseObject({ id: githubId });

/** A key that another event's payload has and this event's never does. */
const absentFrom = (event: string) =>
  z.undefined({ error: `not part of a ${event} payload` }).optional();

/**
 * Installation events carry the whole installation (account, app, permissions); every other
 * event only `{ id, node_id }`.
 */
const appInstallation = z.looseObject({ id: githubId, account: userSchema });

const EVENT_SHAPES: Record<string, z.ZodType> = {
  pull_request: z.looseObject({ pull_request: subject }),
  pull_request_review: z.looseObject({ review: subject, pull_request: subject }),
  // An `issue_comment` body has the issue too, and its own `deleted`.
  issues: z.looseObject({ issue: subject, comment: absentFrom("issues") }),
  issue_comment: z.looseObject({ issue: subject, comment: subject }),
  milestone: z.looseObject({ milestone: subject }),
  installation: z.looseObject({
    installation: appInstallation,
    repository: absentFrom("installation"),
  }),
  installation_repositories: z.looseObject({
    installation: appInstallation,
    repositories_added: z.array(z.unknown()),
    repositories_removed: z.array(z.unknown()),
    repository: absentFrom("installation_repositories"),
  }),
  team: z.looseObject({ team: subject, organization: organizationSchema }),
  // `team.added_to_repository` and `removed_from_repository` carry the same objects and an action.
  team_add: z.looseObject({
    action: absentFrom("team_add"),
    team: subject,
    repository: repositorySchema,
    organization: organizationSchema,
  }),
  membership: z.looseObject({ scope: z.string(), member: userSchema, team: subject }),
  organization: z.looseObject({ organization: organizationSchema }),
  check_run: z.looseObject({ check_run: subject }),
  check_suite: z.looseObject({ check_suite: subject }),
  push: z.looseObject({
    ref: z.string(),
    commits: z.array(z.unknown()),
    repository: z.looseObject({ id: githubId }),
  }),
};

/**
 * Checks that a payload has the shape of the event it came with; throws MalformedPayloadError
 * naming what does not fit. Events the app does not follow have no shape here and pass.
 */
export function checkEventShape(event: string, payload: unknown): void {
  const shape = EVENT_SHAPES[event];
  if (shape) parse(shape, payload, "payload");
}
