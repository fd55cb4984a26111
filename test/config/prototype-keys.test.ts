import nock from "nock";
import { describe, expect, it } from "vitest";
import { type ConfigResult, parseConfig, settingsFromText } from "../../src/config/index.js";
import { API, configFromNock, contents, fileReply, notFound } from "../helpers/github/contents.js";

// Another repository of the same installation, where a report must never be posted from o/r's file.
const PAYROLL = "o/payroll";

/** Neither valid, nor posting anywhere but the repository itself, and the bad key is named. */
function expectRefused(result: ConfigResult, key: string) {
  expect(result.ok ? result.config.reports.repository : undefined).toBeUndefined();
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.errors).toContainEqual({ key, message: expect.stringContaining("not a setting") });
}

describe("__proto__, constructor and prototype in a config file are refused wherever they are", () => {
  const load = configFromNock();

  it("the repository's own file extending .github, with __proto__ at the top (the report moved into another repository)", async () => {
    nock(API)
      .get(contents("o/r"))
      .reply(
        ...fileReply(
          `_extends: .github\n__proto__: {reports: {repository: ${PAYROLL}, label: x}}\n`,
        ),
      )
      .get(contents("o/.github"))
      .reply(...fileReply("timezone: Europe/Berlin\n"));
    expectRefused(await load(), "__proto__");
  });

  it.each([
    ["at the top", `__proto__:\n  reports: {repository: ${PAYROLL}}\n`, "__proto__"],
    ["nested in reports", `reports:\n  __proto__: {repository: ${PAYROLL}}\n`, "reports.__proto__"],
    [
      "nested deeper",
      "release:\n  gate:\n    __proto__: {head_branches: ['*']}\n",
      "release.gate.__proto__",
    ],
    [
      "in a list",
      "holidays:\n  - __proto__: {from: 2026-01-01, to: 2026-01-02}\n",
      "holidays[0].__proto__",
    ],
    [
      "constructor.prototype",
      `constructor:\n  prototype: {reports: {repository: ${PAYROLL}}}\n`,
      "constructor",
    ],
    ["prototype", "reports:\n  prototype: {enabled: false}\n", "reports.prototype"],
    ["a quoted key", `"__proto__": {reports: {repository: ${PAYROLL}}}\n`, "__proto__"],
  ])("the repository's own file, %s", async (_, file, key) => {
    nock(API)
      .get(contents("o/r"))
      .reply(...fileReply(file));
    expectRefused(await load(), key);
  });

  it("in the organisation's file that a repository extends", async () => {
    nock(API)
      .get(contents("o/r"))
      .reply(...fileReply("_extends: .github\nbots: [ci-bot]\n"))
      .get(contents("o/.github"))
      .reply(...fileReply(`__proto__: {reports: {repository: ${PAYROLL}}}\n`));
    expectRefused(await load(), "__proto__");
  });

  it("in the organisation's file that a repository without its own follows", async () => {
    nock(API)
      .get(contents("o/r"))
      .reply(...notFound)
      .get(contents("o/.github"))
      .reply(...fileReply(`reports:\n  teams:\n    __proto__: {repos: [${PAYROLL}]}\n`));
    expectRefused(await load(), "reports.teams.__proto__");
  });

  it("in the organisation's file loaded as itself", async () => {
    nock(API)
      .get(contents("o/.github"))
      .reply(
        ...fileReply(
          "reports:\n  teams:\n    storage:\n      __proto__: {members: [mallory]}\n      repos: [o/r]\n",
        ),
      );
    expectRefused(await load(".github"), "reports.teams.storage.__proto__");
  });

  it.each([
    [
      "settings read from JSON (kept settings)",
      JSON.parse(`{"__proto__": {"reports": {"repository": "${PAYROLL}"}}}`),
      "__proto__",
    ],
    [
      "a team's members in a list",
      JSON.parse('{"team": [{"__proto__": "alice"}]}'),
      "team[0].__proto__",
    ],
  ])("%s", (_, raw, key) => {
    expectRefused(parseConfig(raw), key);
  });

  it("kept settings that carry __proto__ are read back as an error, never as a target", () => {
    const text = JSON.stringify({ ok: true, config: {} }).replace(
      '"config":{}',
      `"config":{"__proto__":{"reports":{"repository":"${PAYROLL}"}}}`,
    );
    expectRefused(settingsFromText(text), "__proto__");
  });

  it("leaves a config without them as it was, and a mapping that merely mentions them in text", () => {
    const result = parseConfig({ reports: { label: "__proto__", repository: "o/r" } });
    expect(result.ok && result.config.reports).toMatchObject({
      label: "__proto__",
      repository: "o/r",
    });
  });
});
