import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, found from here whether running from `bench/` or `dist/bench/`. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name ===
        "probot-expectations"
    )
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find the probot-expectations package root");
    dir = parent;
  }
}
