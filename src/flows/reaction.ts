import type { Context } from "probot";
import type { IngestOutcome } from "../ingest/index.js";

/** A delivery after it has been recorded, handed to whatever re-evaluates on it. */
export interface RecordedEvent {
  context: Context;
  outcome: IngestOutcome;
  now: Date;
}

/** Work done after a delivery is recorded (release re-evaluation, for example). */
export type Reaction = (event: RecordedEvent) => Promise<void>;
