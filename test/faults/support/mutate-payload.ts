import fc from "fast-check";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every place in a payload, down to `depth` levels, as key paths. */
export function payloadPaths(value: Json, depth = 6, prefix: Path = []): Path[] {
  if (depth === 0 || value === null || typeof value !== "object") return [];
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.map((item, i) => [i, item])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => {
    const path = [...prefix, key];
    return [path, ...payloadPaths(child, depth - 1, path)];
  });
}

export type Mutation = { at: number; op: "delete" } | { at: number; op: "replace"; value: Json };

/** What a broken sender or a changed GitHub schema might put somewhere. */
export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ at: fc.nat(), op: fc.constant("delete" as const) }),
  fc.record({
    at: fc.nat(),
    op: fc.constant("replace" as const),
    value: fc.oneof<fc.Arbitrary<Json>[]>(
      fc.constant(null),
      fc.constant(""),
      fc.constant([]),
      fc.constant({}),
      fc.boolean(),
      fc.integer(),
      fc.double(),
      fc.string(),
      fc.constantFrom("not a date", "2026-02-30T25:61:00Z", "-1", "NaN", "\u0000", "💥".repeat(5)),
      fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
    ),
  }),
);

/** A copy of `payload` with each mutation applied at the path it points to. */
export function mutatePayload(payload: Json, mutations: Mutation[]): Json {
  const copy = structuredClone(payload);
  for (const mutation of mutations) {
    const paths = payloadPaths(copy);
    const path = paths[mutation.at % Math.max(paths.length, 1)];
    if (!path) continue;
    let parent = copy as Record<string | number, Json>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
    const last = path[path.length - 1] as string | number;
    if (mutation.op === "delete") {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
    } else parent[last] = mutation.value;
  }
  return copy;
}
