import { spawn } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../../bench/project-root.js";
import { throwawayPrivateKey } from "../../../bench/signing.js";
import { CLI, runCli } from "../../helpers/cli-process.js";
import { refusingGitHub } from "../../helpers/github/index.js";
import { freePort } from "../../helpers/probot-server.js";

const root = projectRoot();
const base = mkdtempSync(join(tmpdir(), "expectations-examples-"));

/** A command line as a shell reads it: `VAR=value` words first, quotes, a trailing comment. */
function parseCommand(line: string): { env: Record<string, string>; args: string[] } {
  const words: string[] = [];
  let word: string | null = null;
  let quote: string | null = null;
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = null;
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      word ??= "";
    } else if (char === "#" && word === null) break;
    else if (/\s/.test(char)) {
      if (word !== null) words.push(word);
      word = null;
    } else word = (word ?? "") + char;
  }
  if (word !== null) words.push(word);
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(words[0] ?? "")) {
    const [name, ...value] = (words.shift() as string).split("=");
    env[name as string] = value.join("=");
  }
  return { env, args: words };
}

/** The example commands under "Example:" or "Examples…:" in a help text. */
function helpExamples(help: string): string[] {
  const examples: string[] = [];
  let inExamples = false;
  for (const line of help.split("\n")) {
    if (/^Examples?\b.*:$/.test(line)) inExamples = true;
    else if (inExamples && /^ {2}([A-Z_]+=\S+ )*expectations /.test(line))
      examples.push(line.trim());
    else if (line.trim() === "") inExamples = false;
  }
  return examples;
}

/** The `npx expectations …` lines of the README's shell blocks. */
function readmeExamples(): string[] {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] as string);
  return blocks
    .flatMap((block) => block.split("\n"))
    .map((line) => line.trim())
    .filter((line) => /^([A-Z_]+=\S+ )*npx expectations /.test(line))
    .map((line) => line.replace("npx expectations ", "expectations "));
}

const HELP_OF = [
  [],
  ["serve"],
  ["replay"],
  ["report"],
  ["check"],
  ["backfill"],
  ["store"],
  ["store", "copy"],
];

/** Commands that talk to GitHub: run against one that refuses the credentials, at once. */
const talksToGitHub = (args: string[]) =>
  args[1] === "backfill" || (args.includes("--post") && !args.includes("--dry-run"));

let github: { host: string; stop: () => Promise<void> };
let examples: string[] = [];

beforeAll(async () => {
  // `npm run demo`, as package.json says, into data/demo.db of a folder with the fixtures.
  symlinkSync(join(root, "fixtures"), join(base, "fixtures"));
  const demo = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.demo as string;
  for (const step of demo.split("&&").map((part) => part.trim())) {
    if (!step.startsWith("node dist/src/cli/main.js ")) continue;
    const { args } = parseCommand(step.slice("node dist/src/cli/main.js ".length));
    const result = await runCli(args, { cwd: base, timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
  }
  github = await refusingGitHub();
  for (const command of HELP_OF) {
    const help = await runCli([...command, "--help"], { cwd: base });
    expect(help.code).toBe(0);
    const found = helpExamples(help.stdout);
    expect(found.length, `expectations ${command.join(" ")} --help has an example`).toBeGreaterThan(
      0,
    );
    examples.push(...found);
  }
  examples.push(...readmeExamples());
  examples = [...new Set(examples)];
}, 120_000);
afterAll(async () => {
  await github?.stop();
  rmSync(base, { recursive: true, force: true });
});

/** A fresh folder with the fixtures, the demo's store and the app's settings in .env. */
async function exampleFolder(): Promise<{ cwd: string; port: number }> {
  const cwd = mkdtempSync(join(base, "run-"));
  symlinkSync(join(root, "fixtures"), join(cwd, "fixtures"));
  mkdirSync(join(cwd, "data"));
  copyFileSync(join(base, "data", "demo.db"), join(cwd, "data", "demo.db"));
  writeFileSync(join(cwd, "app.pem"), throwawayPrivateKey());
  const port = await freePort();
  writeFileSync(
    join(cwd, ".env"),
    [
      "APP_ID=123",
      "PRIVATE_KEY_PATH=app.pem",
      "WEBHOOK_SECRET=examples-secret",
      "HOST=127.0.0.1",
      `PORT=${port}`,
      `GHE_HOST=${github.host}`,
      "GHE_PROTOCOL=http",
      "",
    ].join("\n"),
  );
  return { cwd, port };
}

/** `expectations serve` until it answers /expectations/live, then SIGTERM: exit 0. */
async function serveUntilLive(args: string[], cwd: string, port: number): Promise<number | null> {
  const child = spawn(process.execPath, [CLI, ...args.slice(1)], {
    cwd,
    env: { PATH: process.env.PATH ?? "" },
    stdio: "ignore",
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    const live = await fetch(`http://127.0.0.1:${port}/expectations/live`).then(
      (response) => response.ok,
      () => false,
    );
    if (live) break;
    await sleep(100);
  }
  child.kill("SIGTERM");
  return exited;
}

describe("every example of --help and of the README, after `npm run demo`", () => {
  it("finds the examples", () => {
    expect(examples.length).toBeGreaterThan(10);
  });

  it("runs each one", async () => {
    const outcomes = await Promise.all(
      examples.map(async (example) => {
        const { env, args } = parseCommand(example);
        expect(args[0]).toBe("expectations");
        const { cwd, port } = await exampleFolder();
        if (args[1] === "serve")
          return { example, ok: (await serveUntilLive(args, cwd, port)) === 0, why: "" };
        const result = await runCli(args.slice(1), { cwd, env, timeoutMs: 60_000 });
        // One that talks to GitHub gets as far as GitHub (which refuses the credentials here).
        const ok = talksToGitHub(args)
          ? result.stderr.includes("GitHub refused the credentials")
          : result.code === 0;
        return { example, ok, why: `exit ${result.code}: ${result.stderr.slice(0, 300)}` };
      }),
    );
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([]);
  }, 120_000);

  it("--version prints the package's version", async () => {
    const result = await runCli(["--version"], { cwd: base });
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: "" });
  });
});
