import fc from "fast-check";
import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import { branchPatternMatcher, isReleasePullRequest } from "../../src/release/index.js";
import { cpuTimed } from "../helpers/cpu-time.js";

const PATHOLOGICAL = "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b";

function gateWith(headBranches: string[]) {
  const parsed = parseConfig({ release: { gate: { labels: [], head_branches: headBranches } } });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.config.release.gate;
}

describe("head branch patterns of the Release gate", () => {
  // What people write in `release.gate.head_branches`, and the names git allows for branches.
  const ordinary: [string, string, boolean][] = [
    ["release/*", "release/1.0", true],
    ["release/*", "release/2024-q1", true],
    ["release/*", "release/1.0/hotfix", false],
    ["release/*", "release", false],
    ["release/*", "feature/release", false],
    ["release/*", "Release/1.0", false],
    ["Release/*", "release/1.0", false],
    ["*", "main", true],
    ["*", "feature/x", false],
    ["**", "feature/x/y", true],
    ["release/**", "release", true],
    ["release/**", "release/1.0/hotfix", true],
    ["rc/**", "rc/2.0", true],
    ["**/hotfix", "hotfix", true],
    ["**/hotfix", "team/a/hotfix", true],
    ["**/hotfix", "team/a/hotfix-2", false],
    ["a/**/b", "a/b", true],
    ["a/**/b", "a/x/y/b", true],
    ["a/**/b", "a/x/y/c", false],
    ["v?.*", "v1.2", true],
    ["v?.*", "v1.2.3", true],
    ["v?.*", "v12.2", false],
    ["v1.*", "v1.0", true],
    ["v1.*", "v1x0", false],
    ["hotfix-*", "hotfix-", true],
    ["hotfix-*", "hotfix-login", true],
    ["*-rc", "2.0-rc", true],
    ["*-rc", "2.0-rc1", false],
    ["rel*", "release/1.0", false],
    ["a**b", "axxb", true],
    ["a**b", "ax/xb", false],
    ["release/v?", "release/v1", true],
    ["release/v?", "release/v10", false],
    ["?", "/", false],
    ["main", "main", true],
    ["main", "main2", false],
    ["main", "xmain", false],
    ["*/*", "feature/x", true],
    ["*/*", "feature/x/y", false],
  ];

  it.each(ordinary)(
    "%s matches %s: %s, as picomatch (the matcher before) says",
    (pattern, branch, expected) => {
      expect(branchPatternMatcher([pattern])(branch)).toBe(expected);
      expect(picomatch(pattern)(branch)).toBe(expected);
    },
  );

  it.each([
    // Literal where picomatch read syntax: brackets, braces, `!`, `+(…)` are characters of names.
    ["release/[v]1", "release/[v]1", true],
    ["release/[v]1", "release/v1", false],
    ["release-{a,b}", "release-{a,b}", true],
    ["release-{a,b}", "release-a", false],
    ["!main", "!main", true],
    ["!main", "develop", false],
    ["v1.0+build", "v1.0+build", true],
    ["v1.0+build", "v1.00build", false],
    ["ünïcödé/*", "ünïcödé/ß", true],
    ["release/?", "release/🚀", true],
    // `**` inside a segment is `*` wherever it stands; picomatch makes an exception at the start.
    ["**.a", "a/b.a", false],
    ["**.a", "b.a", true],
  ])("%s matches %s: %s (every character but * and ? is itself)", (pattern, branch, expected) => {
    expect(branchPatternMatcher([pattern])(branch)).toBe(expected);
  });

  it("agrees with picomatch on random patterns of *, ? and ** and names git allows", () => {
    const name = fc
      .array(fc.stringMatching(/^[ab.]{1,3}$/), { minLength: 1, maxLength: 4 })
      .map((segments) => segments.join("/"))
      // git refuses a component that starts with a dot, `..`, and a name that ends with one.
      .filter((branch) => !/(^|\/)\.|\.\.|\.$/.test(branch));
    const pattern = fc
      .array(fc.oneof(fc.stringMatching(/^[ab.*?]{1,4}$/), fc.constant("**")), {
        minLength: 1,
        maxLength: 4,
      })
      .map((segments) => segments.join("/"))
      // Segments git refuses to start with a dot (picomatch reads `./` as "here"); where
      // picomatch is not consistent: a wildcard segment before a trailing `/**` (it takes
      // `release/**` to match `release`, but not `b*/**` to match `b`), `***`, and a pattern that
      // starts with `**` and goes on in the same segment (picomatch takes `**.a` as `**/*.a`, but
      // `b/**.a` as `b/*.a`; here `**` inside a segment is always `*`, as shown above).
      .filter(
        (p) =>
          !/(^|\/)\./.test(p) &&
          !/[*?][^/]*\/\*\*$/.test(p) &&
          !p.includes("***") &&
          !/^\*\*[^/]/.test(p),
      );
    fc.assert(
      fc.property(pattern, name, (p, branch) => {
        expect(branchPatternMatcher([p])(branch), `${p} against ${branch}`).toBe(
          picomatch(p)(branch),
        );
      }),
      { numRuns: 5_000 },
    );
  });

  it("matches when any one pattern of the list does", () => {
    const matches = branchPatternMatcher(["release/*", "hotfix/**"]);
    expect(["release/1", "hotfix/a/b", "main"].map(matches)).toEqual([true, true, false]);
    expect(branchPatternMatcher([])("release/1")).toBe(false);
  });

  it("answers the pathological glob in milliseconds, where a backtracking matcher takes minutes", async () => {
    // The pattern is within the config limits, so a member of the repository can write it.
    const gate = gateWith([PATHOLOGICAL]);
    for (const length of [20, 36, 48, 200]) {
      const headRef = `${"a".repeat(length)}!`;
      const { result, ms } = await cpuTimed(() =>
        isReleasePullRequest({ labels: [], headRef }, gate),
      );
      expect(result).toBe(false);
      // A generous bound: a backtracking matcher took 80 s at 36 characters.
      expect(ms, `${length} characters`).toBeLessThan(250);
    }
    expect(
      isReleasePullRequest({ labels: [], headRef: `${"a".repeat(40)}b` }, gateWith([PATHOLOGICAL])),
    ).toBe(true);
  });
});
