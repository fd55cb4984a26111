export { MalformedPayloadError } from "./context.js";
export { type IngestOutcome, ingestDelivery, keepFailedDelivery } from "./ingest-delivery.js";
export {
  type Delivery,
  type NormalizedDelivery,
  type NormalizeOptions,
  normalizeDelivery,
} from "./normalize-delivery.js";
export {
  GHOST,
  labelNames,
  milestoneRecord,
  millis,
  normalizeActor,
  normalizeReviewState,
} from "./normalize-fields.js";
export {
  githubTeamSchema,
  type MilestonePayload,
  milestoneSchema,
  userSchema,
} from "./payload-schemas.js";
export { withoutNul } from "./without-nul.js";
