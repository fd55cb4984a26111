import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Delivery } from "../ingest/index.js";

export type DeliveryLine = { delivery: Delivery } | { error: string };

/**
 * Reads recorded deliveries, one JSON object per line:
 * `{"name", "id", "payload", "at"?}`. A bad line is reported with its place, not fatal.
 */
export async function* readDeliveries(
  file: string,
  fallbackAt: number,
): AsyncGenerator<DeliveryLine> {
  const lines = createInterface({
    input: createReadStream(file),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === "") continue;
    const where = `${file}:${lineNumber}`;
    let value: { name?: unknown; id?: unknown; payload?: unknown; at?: unknown };
    try {
      value = JSON.parse(line);
    } catch (error) {
      yield { error: `${where}: not JSON (${(error as Error).message})` };
      continue;
    }
    if (
      typeof value?.name !== "string" ||
      typeof value.id !== "string" ||
      typeof value.payload !== "object"
    ) {
      yield {
        error: `${where}: expected {"name": string, "id": string, "payload": object, "at"?: ISO time}`,
      };
      continue;
    }
    const at = typeof value.at === "string" ? Date.parse(value.at) : fallbackAt;
    if (Number.isNaN(at)) {
      yield { error: `${where}: "at" is not an ISO time` };
      continue;
    }
    yield { delivery: { name: value.name, id: value.id, payload: value.payload, receivedAt: at } };
  }
}
