/** Says whether a log line is written now; one that repeats within the window is counted instead. */
export type RepeatLimiter = (key: string, summarise: (repeated: number) => void) => boolean;

/**
 * Rate-limits repeated lines: the first of a kind is written, the same again within `windowMs`
 * only counted, and at the window's end `summarise` writes the count once (the next one after
 * that is written again). A database outage then logs a line a minute, not one a second.
 */
export function repeatLimiter(windowMs: number): RepeatLimiter {
  const open = new Map<string, { repeated: number }>();
  return (key, summarise) => {
    const seen = open.get(key);
    if (seen) {
      seen.repeated += 1;
      return false;
    }
    const entry = { repeated: 0 };
    open.set(key, entry);
    setTimeout(() => {
      open.delete(key);
      if (entry.repeated > 0) summarise(entry.repeated);
    }, windowMs).unref();
    return true;
  };
}
