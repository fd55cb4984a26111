import fc from "fast-check";
import { dump } from "js-yaml";
import { describe, expect, it } from "vitest";
import {
  type ConfigOctokit,
  type ConfigResult,
  loadConfig,
  parseConfig,
  settingsFromText,
  settingsText,
} from "../../src/config/index.js";
import { cpuTimed } from "../helpers/cpu-time.js";
import { fileContents } from "../helpers/github/file-contents.js";

// A pathological-case bound per input, not a benchmark: seconds would be a frozen server.
const MOST_MS = 50;

/** GitHub's contents API for two files: the repository's own and its owner's `.github` one. */
function github(files: { own?: string; organization?: string }): ConfigOctokit {
  return {
    async request(_route, parameters) {
      const text = parameters?.repo === ".github" ? files.organization : files.own;
      if (text === undefined) throw Object.assign(new Error("Not Found"), { status: 404 });
      return { data: fileContents(text, String(parameters?.path)) };
    },
  };
}

/** A config result as the app hands it on: a valid config, or errors that each name a key. */
function expectWellFormed(result: ConfigResult): void {
  expect(typeof result.ok).toBe("boolean");
  if (result.ok) return;
  expect(result.errors.length).toBeGreaterThan(0);
  for (const error of result.errors) {
    expect(typeof error.key).toBe("string");
    expect(typeof error.message).toBe("string");
  }
}

/**
 * The work's result, checked to cost under MOST_MS of this process's CPU time: what the input
 * costs, however busy the machine is with other work. A pathological input is slow every time,
 * a pause for garbage collection only now and then: a slow answer is timed again (at most
 * twice), and the fastest counts.
 */
async function timed<T>(work: () => Promise<T> | T): Promise<T> {
  let fastest = Number.POSITIVE_INFINITY;
  let result: T | undefined;
  for (let attempt = 0; attempt < 3 && fastest >= MOST_MS; attempt++) {
    const timing = await cpuTimed(work);
    result = timing.result;
    fastest = Math.min(fastest, timing.ms);
  }
  expect(fastest, "milliseconds of CPU for one input").toBeLessThan(MOST_MS);
  return result as T;
}

const HOSTILE = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "_extends",
  "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b",
  `${"a".repeat(40)}!`,
  "o/payroll",
  "Fix\u0000crash",
  "\u202e\ufeff\ud800",
  "&anchor",
  "*alias",
  "<<",
  "{{",
  "'",
  '"',
  "- - - -",
  "2026-02-30",
  "9".repeat(400),
  "x".repeat(5_000),
];

const KEYS = [
  "timezone",
  "workdays",
  "holidays",
  "bots",
  "release",
  "gate",
  "labels",
  "head_branches",
  "team",
  "sla",
  "customer",
  "rca",
  "reports",
  "teams",
  "repos",
  "members",
  "repository",
  "schedule",
  "from",
  "to",
  "name",
  ...HOSTILE.slice(0, 6),
];

const scalar = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

/** Config-shaped values: known keys and hostile ones, lists long and short, any nesting. */
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("value"), { maxLength: 6 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 6 }),
    fc.integer({ min: 900, max: 1_200 }).map((count) => Array.from({ length: count }, () => "mon")),
  ),
}));

/** An object that has `__proto__` as its own key, as YAML and JSON parsers make it. */
const withOwnProto = fc
  .tuple(value, value)
  .map(([inner, outer]) =>
    JSON.parse(
      `{"__proto__": ${JSON.stringify(inner) ?? "null"}, "x": ${JSON.stringify(outer) ?? "null"}}`,
    ),
  );

/** YAML: written from values, then perhaps cut or spliced; or any text at all. */
const yamlText = fc.oneof(
  fc.oneof(value, withOwnProto).map((v) => dump(v, { skipInvalid: true })),
  fc
    .tuple(
      value.map((v) => dump(v, { skipInvalid: true })),
      fc.nat(),
      fc.string({ maxLength: 20 }),
    )
    .map(
      ([text, at, insert]) =>
        text.slice(0, at % (text.length + 1)) + insert + text.slice(at % (text.length + 1)),
    ),
  fc.string({ maxLength: 200 }),
  fc.constantFrom(
    `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n`,
    `${"[".repeat(500)}${"]".repeat(500)}`,
    `${"- ".repeat(300)}x\n`,
    `bots: [${Array.from({ length: 9_000 }, (_, i) => `b${i}`).join(", ")}]\n`,
    `holidays:\n${"  - 2026-01-01\n".repeat(3_000)}`,
    `k: "${"\\u0041".repeat(10_000)}"\n`,
  ),
);

describe("the config loader against random and hostile input (fast-check)", () => {
  it("never throws, and answers each YAML file in milliseconds", async () => {
    // A few loads first: the first parses of a process pay for compiling the parser.
    for (const own of [dump({ holidays: [{ from: "2026-01-01", to: "2026-01-02" }] }), "- - [a]\n"])
      for (let i = 0; i < 20; i++) await loadConfig(github({ own }), { owner: "o", repo: "r" });
    await fc.assert(
      fc.asyncProperty(
        yamlText,
        fc.option(yamlText, { nil: undefined }),
        async (own, organization) => {
          const result = await timed(() =>
            loadConfig(github({ own, organization: organization ?? "_extends: .github\n" }), {
              owner: "o",
              repo: "r",
            }),
          );
          expectWellFormed(result);
          // The repository's own file never sends its report anywhere but into itself.
          if (result.ok) expect([undefined, "o/r"]).toContain(result.config.reports.repository);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("never throws on any structure handed to parseConfig, and keeps what it accepts", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(value, withOwnProto, fc.anything()), async (raw) => {
        const result = await timed(() => parseConfig(raw));
        expectWellFormed(result);
        if (result.ok) expect(settingsFromText(settingsText(result))).toEqual(result);
      }),
      { numRuns: 400 },
    );
  });

  it("never throws on any text kept as settings", async () => {
    const kept = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.oneof(value, withOwnProto).map((config) => JSON.stringify({ ok: true, config })),
      fc.jsonValue().map((json) => JSON.stringify(json)),
    );
    await fc.assert(
      fc.asyncProperty(kept, async (text) => {
        expectWellFormed(await timed(() => settingsFromText(text)));
      }),
      { numRuns: 400 },
    );
  });
});
