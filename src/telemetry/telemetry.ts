/**
 * How the handling of one delivery ended: recorded (`applied`, `duplicate`, `ignored`), kept as
 * failed (`malformed`, `failed`), or answered without it (`refused`: not GitHub's or never read;
 * `late`: not committed by the answer deadline; `unavailable`: shutting down or too busy).
 */
export type DeliveryOutcome =
  | "applied"
  | "duplicate"
  | "ignored"
  | "malformed"
  | "failed"
  | "refused"
  | "late"
  | "unavailable";

/** What a publication to GitHub came to (a failed one threw). */
export type PublicationOutcome = "created" | "updated" | "unchanged" | "closed" | "failed";

/** What became of redeliveries the app asked GitHub for. */
export type RedeliveryOutcome = "asked" | "recovered" | "refused" | "given_up";

/**
 * What the app's parts report for operators: the webhook path, the publish queue, GitHub's
 * answers and the jobs call it, never a metrics library. `noTelemetry` is the default.
 */
export interface Telemetry {
  /** A delivery was handled: its event, how it ended, how long it took to answer. */
  delivery(event: string, outcome: DeliveryOutcome, seconds: number): void;
  publication(outcome: PublicationOutcome, count?: number): void;
  /** GitHub said how many requests an installation (null: the app itself) has left this hour. */
  rateLimit(installationId: number | null, remaining: number): void;
  redeliveries(outcome: RedeliveryOutcome, count: number): void;
  /** A scheduled job ran, `lagSeconds` after it was due. */
  jobRun(job: string, lagSeconds: number, ok: boolean): void;
}

export const noTelemetry: Telemetry = {
  delivery: () => undefined,
  publication: () => undefined,
  rateLimit: () => undefined,
  redeliveries: () => undefined,
  jobRun: () => undefined,
};
