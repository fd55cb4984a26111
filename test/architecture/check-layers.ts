import { dirname, join, normalize } from "node:path";

/** A folder under `src/` (`"reports"`) or a file at its top (`"app.ts"`), with its layer. */
export type LayerTable = ReadonlyMap<string, number>;

export interface Violation {
  rule: "cycle" | "upward" | "entry point" | "unplaced";
  message: string;
}

const TABLE_START = "<!-- layers:start -->";
const TABLE_END = "<!-- layers:end -->";

/**
 * The layer table of ARCHITECTURE.md, between its `layers:start` and `layers:end` markers:
 * one row per layer, the layer's number first, then its folders and files in backticks.
 */
export function readLayerTable(markdown: string): LayerTable {
  const start = markdown.indexOf(TABLE_START);
  const end = markdown.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`no ${TABLE_START} … ${TABLE_END} table`);
  const table = new Map<string, number>();
  for (const row of markdown.slice(start, end).split("\n")) {
    const cells = row.split("|").map((cell) => cell.trim());
    const layer = Number(cells[1]);
    if (cells[1] === "" || !Number.isInteger(layer)) continue;
    for (const [, unit = ""] of (cells[2] ?? "").matchAll(/`([^`]+)`/g)) {
      const name = unit.replace(/\/$/, "");
      if (table.has(name)) throw new Error(`${name} is in the layer table twice`);
      table.set(name, layer);
    }
  }
  if (table.size === 0) throw new Error("the layer table has no rows");
  return table;
}

// Static imports and re-exports (`import … from "x"`, `export … from "x"`, `import "x"`) and
// dynamic `import("x")`, types included: a type import ties two modules together as much.
const IMPORT =
  /\b(?:import|export)\s+(?:type\s+)?(?:[\w*${}\s,]+?\s+from\s*)?"(\.{1,2}\/[^"]+)"|\bimport\s*\(\s*"(\.{1,2}\/[^"]+)"\s*\)/g;

/** Relative imports of a source file, resolved to paths of `.ts` files (from `.js` specifiers). */
export function relativeImports(path: string, source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(IMPORT)) {
    const specifier = (match[1] ?? match[2]) as string;
    found.push(normalize(join(dirname(path), specifier)).replace(/\.js$/, ".ts"));
  }
  return found;
}

/** `src/reports/x.ts` → `reports`; `src/app.ts` → `app.ts`. */
export function unitOf(path: string, root: string): string {
  return path.slice(root.length + 1).split("/")[0] ?? "";
}

interface Edge {
  from: string;
  to: string;
}

/** Folders that reach one another through imports (Tarjan's strongly connected components). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) as number, low.get(target) as number));
      } else if (onStack.has(target))
        low.set(node, Math.min(low.get(node) as number, index.get(target) as number));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

/**
 * Every breach of the layering in a source tree (`files`: path → source, paths under `root`):
 * an import cycle between folders, an import from a higher layer, an import of an entry point
 * (`app.ts`, `cli/`) from anywhere but `cli/`, and a folder the table does not place.
 */
export function checkLayers(
  files: ReadonlyMap<string, string>,
  table: LayerTable,
  root = "src",
): Violation[] {
  const violations: Violation[] = [];
  const units = new Set([...files.keys()].map((path) => unitOf(path, root)));
  for (const unit of [...units].sort())
    if (!table.has(unit))
      violations.push({
        rule: "unplaced",
        message: `${root}/${unit} is in no layer: add it to the layer table in ARCHITECTURE.md`,
      });

  const edges: Edge[] = [];
  for (const [from, source] of files)
    for (const to of relativeImports(from, source))
      if (to.startsWith(`${root}/`)) edges.push({ from, to });

  const graph = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    const a = unitOf(from, root);
    const b = unitOf(to, root);
    if (!files.has(to))
      throw new Error(`${from} imports ${to}, which is not there: the import reader is wrong`);
    if (a === b) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    graph.get(a)?.add(b);
    const layerA = table.get(a);
    const layerB = table.get(b);
    if (b === "app.ts" || b === "cli") {
      if (a !== "cli")
        violations.push({
          rule: "entry point",
          message: `${from} imports ${to}: nothing but cli/ may import an entry point (${b})`,
        });
    } else if (layerA !== undefined && layerB !== undefined && layerB > layerA)
      violations.push({
        rule: "upward",
        message: `${from} imports ${to}: ${a} (layer ${layerA}) may not import ${b} (layer ${layerB})`,
      });
  }
  for (const component of cycles(graph)) {
    const members = new Set(component);
    const sample = edges
      .filter(
        (edge) =>
          members.has(unitOf(edge.from, root)) &&
          members.has(unitOf(edge.to, root)) &&
          unitOf(edge.from, root) !== unitOf(edge.to, root),
      )
      .map((edge) => `${edge.from} → ${edge.to}`);
    violations.push({
      rule: "cycle",
      message: `${component.join(", ")} import one another: ${sample.join("; ")}`,
    });
  }
  return violations;
}
