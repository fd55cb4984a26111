import type { IncomingMessage } from "node:http";
import type { BodyReservation } from "./body-budget.js";

/** A request the route answers itself with `status`, or (null) one whose sender is gone. */
export class RequestRefused extends Error {
  override readonly name = "RequestRefused";
  constructor(
    readonly status: number | null,
    message: string,
  ) {
    super(message);
  }
}

export interface BodyLimits {
  /** The largest body taken (GitHub caps payloads at 25 MB). */
  maxBytes: number;
  /** The body must be complete by then (epoch milliseconds). */
  deadlineAt: number;
  /** The longest pause between two pieces of the body. */
  idleMs: number;
}

/**
 * Reads a request's body within bounds: a declared length over the limit is refused before a
 * byte is read (413), a body streamed past it is cut off (413), one that comes too slowly or
 * stops is dropped (408), and one the budget cannot hold now is refused (503). Rejects with
 * RequestRefused; the caller answers and closes the connection.
 */
export function readBody(
  req: IncomingMessage,
  limits: BodyLimits,
  reservation: BodyReservation,
): Promise<Buffer> {
  const declared = req.headers["content-length"];
  if (declared !== undefined) {
    const length = Number(declared);
    if (!Number.isSafeInteger(length) || length < 0)
      return Promise.reject(new RequestRefused(400, "Content-Length is not a length"));
    if (length > limits.maxBytes)
      return Promise.reject(
        new RequestRefused(413, `the body (${length} bytes) is over ${limits.maxBytes} bytes`),
      );
    if (!reservation.grow(length))
      return Promise.reject(new RequestRefused(503, "too many large bodies are being read"));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let idle: NodeJS.Timeout | undefined;
    const overall = setTimeout(
      () => stop(new RequestRefused(408, "the body did not arrive in time")),
      Math.max(0, limits.deadlineAt - Date.now()),
    );
    const restartIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(
        () => stop(new RequestRefused(408, "the body stopped arriving")),
        limits.idleMs,
      );
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxBytes)
        return stop(new RequestRefused(413, `the body is over ${limits.maxBytes} bytes`));
      if (declared === undefined && !reservation.grow(chunk.length))
        return stop(new RequestRefused(503, "too many large bodies are being read"));
      chunks.push(chunk);
      restartIdle();
    };
    const onEnd = () => stop(null);
    const onGone = () => stop(new RequestRefused(null, "the sender hung up"));
    function stop(error: RequestRefused | null) {
      clearTimeout(overall);
      clearTimeout(idle);
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("aborted", onGone);
      req.off("error", onGone);
      if (error) {
        // Nothing more is read; the caller answers and closes the connection.
        req.pause();
        chunks.length = 0;
        reject(error);
      } else resolve(Buffer.concat(chunks, received));
    }
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("aborted", onGone);
    req.on("error", onGone);
    restartIdle();
  });
}
