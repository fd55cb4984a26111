import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Delivery } from "../src/ingest/index.js";
import { projectRoot } from "./project-root.js";

/** Copies of the demo stream belong to installations this far apart, so their rows never meet. */
export const COPY_INSTALLATION_OFFSET = 10_000_000;

/** The recorded demo stream (fixtures/demo/deliveries.jsonl), in the order GitHub sent it. */
export function readDemoDeliveries(): Delivery[] {
  const file = join(projectRoot(), "fixtures", "demo", "deliveries.jsonl");
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const value = JSON.parse(line) as { name: string; id: string; payload: unknown; at: string };
      return {
        name: value.name,
        id: value.id,
        payload: value.payload,
        receivedAt: Date.parse(value.at),
      };
    });
}

/**
 * The same delivery as another organisation would receive it: a new delivery id and its own
 * installation, everything else as recorded. Copy 0 is the recording itself.
 */
export function deliveryCopy(delivery: Delivery, copy: number): Delivery {
  if (copy === 0) return delivery;
  const payload = structuredClone(delivery.payload) as { installation?: { id: number } };
  if (payload.installation) payload.installation.id += copy * COPY_INSTALLATION_OFFSET;
  return { ...delivery, id: `${delivery.id}~${copy}`, payload };
}

/** `count` deliveries: the demo stream, then copies of it for further installations. */
export function demoStreamCopies(count: number, demo = readDemoDeliveries()): Delivery[] {
  const out: Delivery[] = [];
  for (let copy = 0; out.length < count; copy++) {
    for (const delivery of demo) {
      if (out.length === count) break;
      out.push(deliveryCopy(delivery, copy));
    }
  }
  return out;
}
