import { postSigned } from "../../../bench/post-signed.js";
import type { Delivery } from "../../../src/ingest/index.js";

export interface BurstResult {
  /** Delivery ids the server answered with a 2xx. */
  acknowledged: Set<string>;
  statuses: Map<number, number>;
  /** Requests that got no answer (connection refused or reset). */
  unanswered: number;
}

/** Sends `deliveries` over `concurrency` connections; `onAnswer` may stop the burst early. */
export async function postBurst(
  url: string,
  deliveries: readonly Delivery[],
  options: { concurrency: number; onAnswer?: (answered: number, sofar: BurstResult) => void },
): Promise<BurstResult> {
  const result: BurstResult = { acknowledged: new Set(), statuses: new Map(), unanswered: 0 };
  let next = 0;
  let answered = 0;
  const worker = async () => {
    while (next < deliveries.length) {
      const delivery = deliveries[next++] as Delivery;
      const status = await postSigned(url, delivery);
      if (status === null) result.unanswered += 1;
      else {
        result.statuses.set(status, (result.statuses.get(status) ?? 0) + 1);
        if (status >= 200 && status < 300) result.acknowledged.add(delivery.id);
      }
      answered += 1;
      options.onAnswer?.(answered, result);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return result;
}
