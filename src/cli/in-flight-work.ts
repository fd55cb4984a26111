import type { DeliveryTracker } from "../app.js";

/** Deliveries being handled (recorded, then published), for a shutdown that waits for them. */
export interface InFlightWork extends DeliveryTracker {
  /** From now on new work is refused (a delivery then gets a 5xx and can be redelivered). */
  close(): void;
  /** Resolves once nothing started is still running. */
  idle(): Promise<void>;
  /** How many are running now. */
  running(): number;
}

class ShuttingDownError extends Error {
  override readonly name = "ShuttingDownError";
  constructor() {
    super("the server is shutting down: this delivery was not recorded; redeliver it later");
  }
}

export function inFlightWork(): InFlightWork {
  let running = 0;
  let closed = false;
  let waiters: (() => void)[] = [];
  const settle = () => {
    if (running === 0) for (const resolve of waiters.splice(0)) resolve();
  };
  return {
    async track(work) {
      if (closed) throw new ShuttingDownError();
      running += 1;
      try {
        return await work();
      } finally {
        running -= 1;
        settle();
      }
    },
    close() {
      closed = true;
    },
    running: () => running,
    idle() {
      if (running === 0) return Promise.resolve();
      return new Promise((resolve) => {
        waiters = [...waiters, resolve];
      });
    },
  };
}
