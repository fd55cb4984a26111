// The build: every TypeScript file of src/, bench/ and test/helpers/github/ (the fake GitHub the
// benchmarks share with the tests) transpiled one to one into dist/ by esbuild
// (a runtime dependency, so that `npm ci --omit=dev` in a clone builds too), the GraphQL documents
// copied next to the modules that read them, the command made executable. Types are checked by
// `npm run typecheck`, not here.
import { chmodSync, cpSync, readdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { build } from "esbuild";

const root = join(import.meta.dirname, "..");
const sources = (folder) =>
  readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));

rmSync(join(root, "dist"), { recursive: true, force: true });
const files = [...sources("src"), ...sources("bench"), ...sources("test/helpers/github")];
await build({
  entryPoints: files.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts")),
  outdir: join(root, "dist"),
  outbase: root,
  format: "esm",
  platform: "node",
  target: "node20",
  logLevel: "warning",
});
for (const file of files.filter((f) => f.endsWith(".graphql")))
  cpSync(file, join(root, "dist", relative(root, file)));
chmodSync(join(root, "dist", "src", "cli", "main.js"), 0o755);
