import type { Delivery } from "../src/ingest/index.js";
import { signBody } from "./signing.js";

/** Posts one delivery the way GitHub does; a status, or null when nothing answered. */
export async function postSigned(url: string, delivery: Delivery): Promise<number | null> {
  const body = JSON.stringify(delivery.payload);
  try {
    const response = await fetch(`${url}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": delivery.name,
        "x-github-delivery": delivery.id,
        "x-hub-signature-256": signBody(body),
      },
      body,
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return null;
  }
}
