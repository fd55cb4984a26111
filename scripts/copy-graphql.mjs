// tsc compiles TypeScript only: copy the GraphQL documents next to the modules that read them.
import { cpSync, readdirSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
for (const entry of readdirSync(join(root, "src"), { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith(".graphql")) continue;
  const from = join(entry.parentPath, entry.name);
  cpSync(from, join(root, "dist", from.slice(root.length + 1)));
}
