/** Asks until `check` passes or the time is up (default 15 s); false if it never did. */
export async function eventually(
  check: () => Promise<boolean>,
  ms = 15_000,
  everyMs = 100,
): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return false;
}
