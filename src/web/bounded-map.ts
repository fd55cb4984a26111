/**
 * Sets `key` as the newest entry of `map` and drops the oldest beyond `max` (a Map keeps its
 * keys in insertion order), so what a server keeps per person or per page cannot grow unbounded.
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) {
    const oldest = map.keys().next();
    if (oldest.done) break;
    map.delete(oldest.value);
  }
}
