/** One request's share of the budget: grown chunk by chunk, given back once the body is read. */
export interface BodyReservation {
  /** False when the budget cannot take `bytes` more: too many large bodies are being read. */
  grow(bytes: number): boolean;
  release(): void;
}

/**
 * The bytes of webhook bodies held at once across all requests, so that a flood of large
 * bodies, signed or not, cannot take the server's memory: each is read into memory before its
 * signature can be checked.
 */
export function bodyBudget(maxBytes: number): { reserve(): BodyReservation; used(): number } {
  let used = 0;
  return {
    used: () => used,
    reserve() {
      let held = 0;
      return {
        grow(bytes) {
          if (used + bytes > maxBytes) return false;
          used += bytes;
          held += bytes;
          return true;
        },
        release() {
          used -= held;
          held = 0;
        },
      };
    },
  };
}
