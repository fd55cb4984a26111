import type { IncomingMessage } from "node:http";
import type { BodyReservation } from "./body-budget.js";
import { type BodyLimits, RequestRefused, readBody } from "./read-body.js";
import { SIGNATURE, verifySignature } from "./verify-signature.js";

/** A delivery's payload, or why its request is refused (and whether to close its connection). */
export type Received = { payload: unknown } | { refused: RequestRefused; close: boolean };

/** A request header's value; undefined when it is missing or not a single string. */
export function requestHeader(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
}

const EVENT_NAME = /^[a-z_]{1,64}$/;
const DELIVERY_ID = /^[\x21-\x7e]{1,128}$/;
const JSON_TYPE = /^\s*application\/json\s*(;|$)/i;

/** What is wrong with a request's headers, before its body is read; null when nothing. */
function refusedHeaders(req: IncomingMessage): RequestRefused | null {
  if (req.method !== "POST") return new RequestRefused(405, `${req.method} is not a delivery`);
  if (!JSON_TYPE.test(requestHeader(req, "content-type") ?? ""))
    return new RequestRefused(415, "Content-Type must be application/json");
  if (!EVENT_NAME.test(requestHeader(req, "x-github-event") ?? ""))
    return new RequestRefused(400, "X-GitHub-Event is missing or not an event name");
  if (!DELIVERY_ID.test(requestHeader(req, "x-github-delivery") ?? ""))
    return new RequestRefused(400, "X-GitHub-Delivery is missing or not a delivery id");
  if (!SIGNATURE.test(requestHeader(req, "x-hub-signature-256") ?? ""))
    return new RequestRefused(401, "X-Hub-Signature-256 is missing or not a SHA-256 signature");
  return null;
}

/**
 * The payload GitHub sent, taken only from a request that is one: headers checked before a
 * byte is read, the body read within its limits and the budget's share, the
 * `X-Hub-Signature-256` verified on exactly those bytes, and the body parsed as JSON. A refusal
 * before or while reading closes the connection (the rest of the body is not read).
 */
export async function receivePayload(
  req: IncomingMessage,
  secret: string,
  limits: BodyLimits,
  budget: { reserve(): BodyReservation },
): Promise<Received> {
  const refused = refusedHeaders(req);
  if (refused) return { refused, close: true };
  const reservation = budget.reserve();
  let body: Buffer;
  try {
    body = await readBody(req, limits, reservation);
  } catch (error) {
    if (!(error instanceof RequestRefused)) throw error;
    return { refused: error, close: true };
  } finally {
    reservation.release();
  }
  if (!verifySignature(secret, body, requestHeader(req, "x-hub-signature-256") ?? ""))
    return {
      refused: new RequestRefused(
        401,
        "X-Hub-Signature-256 does not match the body and the secret",
      ),
      close: false,
    };
  try {
    return { payload: JSON.parse(body.toString("utf8")) };
  } catch {
    return { refused: new RequestRefused(400, "the body is not JSON"), close: false };
  }
}
