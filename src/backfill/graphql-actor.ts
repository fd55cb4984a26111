import { normalizeActor } from "../ingest/index.js";
import type { Actor } from "../store/index.js";
import type { GraphqlActor } from "./graphql-replies.js";

/** GraphQL names a bot `name` with `__typename: "Bot"` and a deleted account null. */
export function graphqlActor(actor: GraphqlActor | null | undefined): Actor {
  return normalizeActor(actor ? { login: actor.login, type: actor.__typename } : null);
}
