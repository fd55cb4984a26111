import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { checkSizes, describeBreach, MAX_FILE_LINES, MAX_FUNCTION_LINES } from "./check-sizes.js";

function sourceFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => relative(".", join(entry.parentPath, entry.name)))
    .sort();
}

/** The checker run on a made-up project of these files. */
function checkTree(tree: Map<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), "sizes-"));
  try {
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ include: ["*.ts"] }));
    for (const [name, text] of tree) writeFileSync(join(dir, name), text);
    return checkSizes(join(dir, "tsconfig.json"), [...tree.keys()]).map(describeBreach);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A body of `n` lines: one statement each. */
const lines = (n: number, indent = "  ") =>
  Array.from({ length: n }, (_, i) => `${indent}const v${i} = ${i};`).join("\n");

describe("sizes: one concept per file, read in one sitting", () => {
  it(`no file under src/ is over ${MAX_FILE_LINES} lines, no function over ${MAX_FUNCTION_LINES}`, () => {
    expect(checkSizes("tsconfig.json", sourceFiles("src")).map(describeBreach)).toEqual([]);
  });

  it("finds each kind of function that is too long, by its name, and a file that is", () => {
    const body = lines(MAX_FUNCTION_LINES - 1);
    const tree = new Map([
      ["declared.ts", `export function declared() {\n${body}\n}\n`],
      ["assigned.ts", `export const assigned = () => {\n${body}\n};\n`],
      ["passed.ts", `setTimeout(function () {\n${body}\n}, 1);\n`],
      ["method.ts", `export class Holder {\n  run() {\n${body}\n  }\n}\n`],
      ["object.ts", `export const routes = {\n  page: async () => {\n${body}\n  },\n};\n`],
      ["long.ts", lines(MAX_FILE_LINES + 1, "")],
    ]);
    expect(checkTree(tree)).toEqual([
      `declared.ts:1 declared: ${MAX_FUNCTION_LINES + 1} lines (at most ${MAX_FUNCTION_LINES})`,
      `assigned.ts:1 assigned: ${MAX_FUNCTION_LINES + 1} lines (at most ${MAX_FUNCTION_LINES})`,
      `passed.ts:1 (passed to setTimeout): ${MAX_FUNCTION_LINES + 1} lines (at most ${MAX_FUNCTION_LINES})`,
      `method.ts:2 run: ${MAX_FUNCTION_LINES + 1} lines (at most ${MAX_FUNCTION_LINES})`,
      `object.ts:2 page: ${MAX_FUNCTION_LINES + 1} lines (at most ${MAX_FUNCTION_LINES})`,
      `long.ts: ${MAX_FILE_LINES + 1} lines (at most ${MAX_FILE_LINES})`,
    ]);
  });

  it("lets a function of exactly the limit pass, and counts a nested function apart", () => {
    const inner = `  const inner = () => {\n${lines(MAX_FUNCTION_LINES - 2, "    ")}\n  };`;
    const tree = new Map([
      ["exact.ts", `export function exact() {\n${lines(MAX_FUNCTION_LINES - 2)}\n}\n`],
      ["outer.ts", `export function outer() {\n${inner}\n  return inner;\n}\n`],
    ]);
    expect(checkTree(tree)).toEqual([
      `outer.ts:1 outer: ${MAX_FUNCTION_LINES + 3} lines (at most ${MAX_FUNCTION_LINES})`,
    ]);
  });
});
