import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkLayers, type LayerTable, readLayerTable, relativeImports } from "./check-layers.js";

function sourceTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path, readFileSync(path, "utf8"));
  }
  return files;
}

const table = readLayerTable(readFileSync("ARCHITECTURE.md", "utf8"));

describe("the module layering of ARCHITECTURE.md", () => {
  it("holds for every import under src/", () => {
    const files = sourceTree("src");
    const messages = checkLayers(files, table).map((v) => `${v.rule}: ${v.message}`);
    expect(messages).toEqual([]);
  });

  it("places every layer the design names, bottom to top", () => {
    expect(Object.fromEntries(table)).toEqual({
      time: 0,
      markdown: 0,
      settings: 0,
      telemetry: 0,
      config: 1,
      store: 2,
      ingest: 3,
      metrics: 3,
      github: 3,
      expectations: 4,
      release: 4,
      reports: 4,
      publish: 5,
      backfill: 6,
      recovery: 6,
      flows: 7,
      schedule: 8,
      "app.ts": 9,
      cli: 9,
      action: 9,
      web: 9,
      webhooks: 9,
    });
  });
});

describe("checkLayers finds what breaks the layering", () => {
  const small: LayerTable = new Map([
    ["time", 0],
    ["release", 4],
    ["reports", 4],
    ["publish", 5],
    ["schedule", 8],
    ["app.ts", 9],
    ["cli", 9],
    ["action", 9],
  ]);
  const tree = (sources: Record<string, string>) => new Map(Object.entries(sources));

  it("reads every form of import: named, type, re-export, side effect, dynamic", () => {
    const source = [
      'import { a } from "./a.js";',
      'import type {\n  B,\n  C as D,\n} from "../b/index.js";',
      'export { e } from "./e.js";',
      'export * from "./f.js";',
      'import "./g.js";',
      'const h = await import("./h.js");',
      'import { z } from "zod";',
    ].join("\n");
    expect(relativeImports("src/x/y.ts", source)).toEqual([
      "src/x/a.ts",
      "src/b/index.ts",
      "src/x/e.ts",
      "src/x/f.ts",
      "src/x/g.ts",
      "src/x/h.ts",
    ]);
  });

  it("an import from a higher layer", () => {
    const violations = checkLayers(
      tree({
        "src/reports/scheduled-period.ts": 'import { previousCronRun } from "../schedule/cron.js";',
        "src/schedule/cron.ts": "export const previousCronRun = 1;",
      }),
      small,
    );
    expect(violations).toEqual([
      {
        rule: "upward",
        message:
          "src/reports/scheduled-period.ts imports src/schedule/cron.ts: reports (layer 4) may not import schedule (layer 8)",
      },
    ]);
  });

  it("a cycle between folders of one layer, and one through a higher layer", () => {
    const violations = checkLayers(
      tree({
        "src/release/text.ts": 'import { escape } from "../reports/escape.js";',
        "src/reports/escape.ts": "export const escape = 1;",
        "src/reports/summaries.ts": 'import { readiness } from "../release/text.js";',
        "src/publish/x.ts": 'import type { T } from "../reports/summaries.js";',
        "src/reports/post.ts": 'import { x } from "../publish/x.js";',
      }),
      small,
    );
    expect(violations.map((v) => v.rule).sort()).toEqual(["cycle", "upward"]);
    expect(violations.find((v) => v.rule === "cycle")?.message).toMatch(
      /^publish, release, reports import one another: /,
    );
  });

  it("an entry point imported from below it, or from another entry point", () => {
    const violations = checkLayers(
      tree({
        "src/app.ts": "export type Reaction = () => void;",
        "src/publish/reaction.ts": 'import type { Reaction } from "../app.js";',
        "src/cli/connection.ts": "export const connect = 1;",
        "src/cli/serve.ts":
          'import { app } from "../app.js";\nimport { connect } from "./connection.js";',
        "src/action/run.ts": 'import { connect } from "../cli/connection.js";',
      }),
      small,
    );
    expect(violations.map((v) => v.message)).toEqual([
      "src/publish/reaction.ts imports src/app.ts: nothing but cli/ may import an entry point (app.ts)",
      "src/action/run.ts imports src/cli/connection.ts: nothing but cli/ may import an entry point (cli)",
    ]);
  });

  it("a folder the table does not place", () => {
    const violations = checkLayers(tree({ "src/helpers/x.ts": "export const x = 1;" }), small);
    expect(violations).toEqual([
      {
        rule: "unplaced",
        message: "src/helpers is in no layer: add it to the layer table in ARCHITECTURE.md",
      },
    ]);
  });
});
