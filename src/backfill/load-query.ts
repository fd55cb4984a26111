import { readFileSync } from "node:fs";

/** Reads a `.graphql` file beside this module, from `src/` under vitest or `dist/src/` when built. */
function readGraphql(name: string): string {
  return readFileSync(new URL(`./${name}.graphql`, import.meta.url), "utf8");
}

function fragmentsByName(text: string): Map<string, string> {
  const fragments = new Map<string, string>();
  // A fragment runs from its `fragment` keyword to the next top-level definition or comment.
  const blocks = text.split(/^(?=fragment |#)/m);
  for (const block of blocks) {
    const name = /^fragment (\w+) on /.exec(block)?.[1];
    if (name) fragments.set(name, block.trim());
  }
  return fragments;
}

function spreads(text: string): string[] {
  return [...text.matchAll(/\.\.\.(\w+)/g)].map((match) => match[1] as string);
}

/**
 * The query in `<name>.graphql` with the shared fragments it uses, directly or through other
 * fragments, appended: GitHub rejects a document that defines a fragment it does not use.
 */
export function loadQuery(name: string): string {
  const query = readGraphql(name);
  const fragments = fragmentsByName(readGraphql("fragments"));
  const used = new Set<string>();
  const pending = spreads(query);
  while (pending.length > 0) {
    const next = pending.pop() as string;
    const fragment = fragments.get(next);
    if (!fragment || used.has(next)) continue;
    used.add(next);
    pending.push(...spreads(fragment));
  }
  return [query.trim(), ...[...used].sort().map((n) => fragments.get(n) as string)].join("\n\n");
}
