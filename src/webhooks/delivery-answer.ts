import type { ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { IngestOutcome } from "../ingest/index.js";
import type { Recording } from "./record-delivery.js";

/** What became of one delivery: the one place its outcome and answer time are known. */
export interface DeliveryObservation {
  /** `X-GitHub-Event` and `X-GitHub-Delivery` as sent ("" when missing). */
  event: string;
  delivery: string;
  /**
   * `applied`, `duplicate`, `ignored` (2xx); `malformed`: kept as failed (422); `refused`:
   * never read or not GitHub's (4xx); `failed`: the store refused it (500); `late`: not
   * committed by the answer deadline (503); `unavailable`: shutting down or too busy (503).
   */
  outcome: IngestOutcome["status"] | "refused" | "failed" | "late" | "unavailable";
  status: number;
  ms: number;
}

/** Answers one delivery's request: `close` also ends its connection (a body left unread). */
export type AnswerDelivery = (
  status: number,
  outcome: DeliveryObservation["outcome"],
  text: string,
  close?: boolean,
) => void;

/**
 * The answer to one delivery's request, sent once: JSON with its outcome (and the error, when
 * not 2xx), observed with its time since `started`, and one log line: an error when the store
 * refused or was too slow, a warning for a refusal or a shutdown, else a debug line.
 */
export function deliveryAnswer(
  res: ServerResponse,
  request: { event: string; delivery: string; started: number },
  log: Logger,
  onDelivery?: (observation: DeliveryObservation) => void,
): AnswerDelivery {
  const { event, delivery, started } = request;
  const fields = { delivery, event };
  return (status, outcome, text, close = false) => {
    const body = JSON.stringify(status < 300 ? { outcome } : { outcome, error: text });
    res.writeHead(status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
      ...(close ? { connection: "close" } : {}),
    });
    res.end(body);
    onDelivery?.({ event, delivery, outcome, status, ms: Date.now() - started });
    const line = { ...fields, status, outcome, reason: text };
    // A store that refuses or is too slow is an error; a refusal or a shutdown is expected.
    if (outcome === "failed" || outcome === "late")
      log.error(line, `delivery ${delivery} not recorded: ${text}`);
    else if (status >= 400)
      log.warn(
        line,
        `delivery ${delivery} ${outcome === "unavailable" ? "not taken now" : "refused"}: ${text}`,
      );
    else log.debug({ ...fields, status, outcome }, `delivery ${delivery} ${outcome}`);
  };
}

/** Answers by how the recording ended: 2xx only once committed, 422 for a malformed payload. */
export function answerRecording(answer: AnswerDelivery, recording: Recording): void {
  if (recording.kind === "unavailable") answer(503, "unavailable", recording.reason);
  else if (recording.kind === "failed")
    answer(
      500,
      "failed",
      `${recording.reason}${recording.kept ? " (kept in failed_deliveries)" : ""}`,
    );
  else if (recording.outcome.status === "malformed")
    answer(422, "malformed", `${recording.outcome.error} (kept in failed_deliveries)`);
  else answer(200, recording.outcome.status, recording.outcome.status);
}

/**
 * Logs what became of a delivery after its 503 for being late: a redelivery is a duplicate if
 * it was recorded, and one that failed is kept in failed_deliveries when it could be.
 */
export function logAfterLate(
  recording: Promise<Recording>,
  fields: { delivery: string; event: string },
  log: Logger,
): void {
  void recording.then((after) => {
    if (after.kind === "recorded")
      log.warn(
        { ...fields, outcome: after.outcome.status },
        `delivery ${fields.delivery} recorded after its 503`,
      );
    else if (after.kind === "failed")
      log.error(
        { ...fields, outcome: "failed", reason: after.reason },
        `delivery ${fields.delivery} not recorded after its 503: ${after.reason}${after.kept ? " (kept in failed_deliveries)" : ""}`,
      );
  });
}
