export { MalformedPayloadError } from "./context.js";
export { type IngestOutcome, ingestDelivery } from "./ingest-delivery.js";
export {
  GHOST,
  labelNames,
  milestoneRecord,
  millis,
  normalizeActor,
  normalizeReviewState,
} from "./normalize.js";
export { type Delivery, type NormalizedDelivery, normalizeDelivery } from "./normalize-delivery.js";
export {
  githubTeamSchema,
  type MilestonePayload,
  milestoneSchema,
  userSchema,
} from "./payload-schemas.js";
export { type ReleaseTrigger, releaseTrigger } from "./release-trigger.js";
