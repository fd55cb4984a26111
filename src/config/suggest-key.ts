const normalize = (key: string) => key.toLowerCase().replace(/[\s-]+/g, "_");

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** "warn_within_days" is a shortened "warn_within_business_days": every word of one is in the other. */
function sharesAllWords(a: string, b: string): boolean {
  const aWords = a.split("_").filter(Boolean);
  const bWords = new Set(b.split("_").filter(Boolean));
  return aWords.length > 1 && aWords.every((word) => bWords.has(word));
}

/** The known key a mistyped key most likely meant, if any is close enough. */
export function suggestKey(unknown: string, known: readonly string[]): string | undefined {
  // Comparing costs length × length: a key longer than any setting's name was not a typo of one.
  if (unknown.length > 64) return undefined;
  const wanted = normalize(unknown);
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(wanted.length / 3)) + 1;
  for (const key of known) {
    const candidate = normalize(key);
    const distance = sharesAllWords(wanted, candidate)
      ? Math.min(1, editDistance(wanted, candidate))
      : editDistance(wanted, candidate);
    if (distance < bestDistance) {
      best = key;
      bestDistance = distance;
    }
  }
  return best;
}
