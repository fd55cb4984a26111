import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../bench/project-root.js";
import { DECLARED_SETTINGS, renderEnvExample } from "../../src/settings/index.js";

const root = projectRoot();

/** Read by Probot's setup flow itself (probot/lib/manifest-creation.js), not by this code. */
const READ_BY_PROBOT = new Set(["GH_ORG"]);

/** Every environment variable the server's and the commands' code reads, by name. */
function namesReadBySource(): Map<string, string> {
  const found = new Map<string, string>();
  const src = join(root, "src");
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const file = join(entry.parentPath, entry.name);
    const path = relative(root, file);
    // The GitHub Action's inputs are declared in action.yml; its runner sets the rest.
    if (path.startsWith("src/action/")) continue;
    const text = readFileSync(file, "utf8");
    const patterns = [
      /\benv\??\.([A-Z][A-Z0-9_]+)\b/g,
      /\benv\[\s*"([A-Z][A-Z0-9_]+)"\s*\]/g,
      /(?:Setting|value)\(\s*(?:env,\s*)?"([A-Z][A-Z0-9_]+)"/g,
    ];
    for (const pattern of patterns)
      for (const match of text.matchAll(pattern)) found.set(match[1] as string, path);
  }
  return found;
}

/** The names `.env.example` sets or shows commented out. */
function namesInEnvExample(): Set<string> {
  const text = readFileSync(join(root, ".env.example"), "utf8");
  return new Set([...text.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1] as string));
}

describe(".env.example", () => {
  it("lists every setting the code reads, and nothing it does not read", () => {
    const read = namesReadBySource();
    const listed = namesInEnvExample();
    const missing = [...read].filter(([name]) => !listed.has(name)).map(([n, f]) => `${n} (${f})`);
    const unread = [...listed].filter((name) => !read.has(name) && !READ_BY_PROBOT.has(name));
    expect({ missing, unread }).toEqual({ missing: [], unread: [] });
  });

  it("is what the declared settings render (npm run env-example writes it)", () => {
    expect(readFileSync(join(root, ".env.example"), "utf8")).toBe(renderEnvExample());
  });

  it("lists exactly the declared settings", () => {
    expect([...namesInEnvExample()].sort()).toEqual(DECLARED_SETTINGS.map((s) => s.name).sort());
  });
});
