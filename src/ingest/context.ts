import type { Millis } from "../store/index.js";
import type { RepositoryPayload, UserPayload } from "./payload-schemas.js";

/** What every event family gets besides its payload. */
export interface IngestContext {
  installationId: number;
  repository: RepositoryPayload | undefined;
  sender: UserPayload | null | undefined;
  /** When the delivery was received: only a fallback for payloads that carry no event time. */
  receivedAt: Millis;
  deliveryId: string;
  /**
   * Removals (an uninstall, repositories taken away) are kept as requests that GitHub must
   * confirm before anything is deleted; false: they are applied (a local file the operator chose).
   */
  confirmPurges: boolean;
}

/** A payload that lacks something this event needs; the message names it. */
export class MalformedPayloadError extends Error {
  override readonly name = "MalformedPayloadError";
}

export function requireRepository(context: IngestContext): RepositoryPayload {
  if (!context.repository) throw new MalformedPayloadError("repository: missing");
  return context.repository;
}
