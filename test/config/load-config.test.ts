import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig, loadConfigFile } from "../../src/config/index.js";
import { API, contents, fileReply, notFound } from "../helpers/github/contents.js";

const Octokit = ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } });

describe("loadConfig", () => {
  let octokit: InstanceType<typeof Octokit>;

  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  beforeEach(() => {
    octokit = new Octokit({ auth: "test" });
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });

  it("loads and validates the repository's file", async () => {
    nock(API)
      .get(contents("o/r"))
      .matchHeader("accept", "application/vnd.github.v3+json")
      .reply(
        ...fileReply(
          "timezone: Europe/Berlin\nworkdays: [mon, tue]\nrelease:\n  warn_within_business_days: 5\n",
        ),
      );

    const result = await loadConfig(octokit, { owner: "o", repo: "r" });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.timezone).toBe("Europe/Berlin");
    expect(result.config.workdays).toEqual([1, 2]);
    expect(result.config.release).toEqual({
      warn_within_business_days: 5,
      gate: { labels: ["release"], head_branches: ["release/*"] },
      milestone_issue: true,
    });
  });

  it("reports an invalid file with the key at fault", async () => {
    nock(API)
      .get(contents("o/r"))
      .reply(...fileReply("release:\n  warn_within_business_days: soon\nrelase: {}\n"));

    expect(await loadConfig(octokit, { owner: "o", repo: "r" })).toEqual({
      ok: false,
      errors: [
        {
          key: "release.warn_within_business_days",
          message: 'expected a whole number >= 0, got "soon"',
        },
        { key: "relase", message: 'unknown key; did you mean "release"?' },
      ],
    });
  });

  it("falls back to the organization's .github repository when the repository has no file", async () => {
    nock(API)
      .get(contents("o/r"))
      .reply(...notFound)
      .get(contents("o/.github"))
      .reply(...fileReply("timezone: America/New_York\n"));

    const result = await loadConfig(octokit, { owner: "o", repo: "r" });

    expect(result.ok && result.config.timezone).toBe("America/New_York");
  });

  it("uses the defaults when neither the repository nor the organization has a file", async () => {
    nock(API)
      .get(contents("o/r"))
      .reply(...notFound)
      .get(contents("o/.github"))
      .reply(...notFound);

    const result = await loadConfig(octokit, { owner: "o", repo: "r" });

    expect(result.ok && result.config.timezone).toBe("UTC");
    expect(result.ok && result.config.reports.schedule).toBe("0 9 * * 1");
  });

  it("follows _extends into the owner's .github repository, the repository's keys winning and nested settings merged", async () => {
    nock(API)
      .get(contents("o/r"))
      .reply(
        ...fileReply(
          "_extends: .github:shared/expectations.yml\nrelease:\n  warn_within_business_days: 1\nbots: [ci-bot]\n",
        ),
      )
      .get(contents("o/.github", "shared/expectations.yml"))
      .reply(
        ...fileReply(
          "timezone: Europe/Berlin\nbots: [deploy-bot, other-bot]\nrelease:\n  warn_within_business_days: 4\n  milestone_issue: false\n",
        ),
      );

    const result = await loadConfig(octokit, { owner: "o", repo: "r" });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.timezone).toBe("Europe/Berlin");
    expect(result.config.bots).toEqual(["ci-bot"]);
    expect(result.config.release.warn_within_business_days).toBe(1);
    expect(result.config.release.milestone_issue).toBe(false);
  });

  it("follows _extends to another owner's repository and path, through the organization fallback", async () => {
    nock(API)
      .get(contents("o/r"))
      .reply(...notFound)
      .get(contents("o/.github"))
      .reply(
        ...fileReply("_extends: acme/policies:teams/expectations.yml\nreports:\n  mention: true\n"),
      )
      .get(contents("acme/policies", "teams/expectations.yml"))
      .reply(...fileReply("reports:\n  period_days: 14\n"));

    const result = await loadConfig(octokit, { owner: "o", repo: "r" });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.reports.mention).toBe(true);
    expect(result.config.reports.period_days).toBe(14);
  });

  it.each([
    ["another repository of the owner", "_extends: other\n", "o/other"],
    ["a file in another repository", "_extends: o/private:deploy/secrets.yml\n", "o/private"],
    ["another owner's repository", "_extends: acme/policies\n", "acme/policies"],
  ])("refuses a repository's _extends to %s without reading it", async (_, file, target) => {
    nock(API)
      .get(contents("o/r"))
      .reply(...fileReply(`${file}timezone: Asia/Tokyo\n`));

    expect(await loadConfig(octokit, { owner: "o", repo: "r" })).toEqual({
      ok: false,
      errors: [
        {
          key: "_extends",
          message: `_extends may name only a file in o/.github, which the organisation's admins control, not ${target}: copy those settings into this file, or move them to o/.github`,
        },
      ],
    });
  });

  it("reports an _extends that points to a missing file instead of silently ignoring it", async () => {
    nock(API)
      .get(contents("o/r"))
      .reply(...fileReply("_extends: .github:gone.yml\n"))
      .get(contents("o/.github", "gone.yml"))
      .reply(...notFound);

    expect(await loadConfig(octokit, { owner: "o", repo: "r" })).toEqual({
      ok: false,
      errors: [
        {
          key: "_extends",
          message: "points to o/.github:gone.yml, which does not exist",
        },
      ],
    });
  });

  it("reports _extends that loops back", async () => {
    nock(API)
      .get(contents("o/r"))
      .reply(...notFound)
      .get(contents("o/.github"))
      .reply(...fileReply("_extends: a\n"))
      .get(contents("o/a"))
      .reply(...fileReply("_extends: b\n"))
      .get(contents("o/b"))
      .reply(...fileReply("_extends: a\n"));

    expect(await loadConfig(octokit, { owner: "o", repo: "r" })).toEqual({
      ok: false,
      errors: [
        {
          key: "_extends",
          message:
            "_extends in o/b:.github/expectations.yml leads back to o/a:.github/expectations.yml, which was read before: remove one of them",
        },
      ],
    });
  });

  it("reports an _extends value that is not a repository", async () => {
    nock(API)
      .get(contents("o/r"))
      .reply(...fileReply("_extends: [a, b]\n"));

    expect(await loadConfig(octokit, { owner: "o", repo: "r" })).toEqual({
      ok: false,
      errors: [
        {
          key: "_extends",
          message:
            '_extends in o/r:.github/expectations.yml names a repository, or a file as "repository:path.yml" (such as ".github" or ".github:shared/expectations.yml"), not a list',
        },
      ],
    });
  });

  it("reports a YAML syntax error for the file", async () => {
    nock(API)
      .get(contents("o/r"))
      .reply(...fileReply("release:\n  gate: [release\n"));

    const result = await loadConfig(octokit, { owner: "o", repo: "r" });

    expect(result).toEqual({
      ok: false,
      errors: [
        {
          key: "(file)",
          message: expect.stringMatching(
            /^invalid YAML in o\/r:\.github\/expectations\.yml: .+ at line \d+, column \d+$/,
          ),
        },
      ],
    });
  });

  it.each([
    [
      "a list",
      "- timezone: UTC\n",
      'expected a mapping of settings ("key: value" lines) in o/r:.github/expectations.yml, got a list',
    ],
    [
      "a text",
      "just some words\n",
      'expected a mapping of settings ("key: value" lines) in o/r:.github/expectations.yml, got "just some words"',
    ],
  ])("reports a file that is %s", async (_name, body, message) => {
    nock(API)
      .get(contents("o/r"))
      .reply(...fileReply(body));

    expect(await loadConfig(octokit, { owner: "o", repo: "r" })).toEqual({
      ok: false,
      errors: [{ key: "(file)", message }],
    });
  });

  it("rethrows a network failure so the caller can retry", async () => {
    nock(API).get(contents("o/r")).replyWithError("socket hang up");

    await expect(loadConfig(octokit, { owner: "o", repo: "r" })).rejects.toThrow("socket hang up");
  });

  it("reports a directory where the file should be", async () => {
    nock(API)
      .get(contents("o/r"))
      .reply(200, [{ name: "a.yml" }], { "content-type": "application/json; charset=utf-8" });

    expect(await loadConfig(octokit, { owner: "o", repo: "r" })).toEqual({
      ok: false,
      errors: [
        {
          key: "(file)",
          message:
            "o/r:.github/expectations.yml is a directory, a submodule or a symlink, not a file",
        },
      ],
    });
  });

  it.each([
    [500, { message: "Server Error" }],
    [403, { message: "API rate limit exceeded" }],
  ])("rethrows an HTTP %i so the caller can retry", async (status, body) => {
    nock(API).get(contents("o/r")).reply(status, body);

    await expect(loadConfig(octokit, { owner: "o", repo: "r" })).rejects.toMatchObject({ status });
  });

  describe("a repository's own file governs only that repository", () => {
    const TEAM =
      "reports:\n  teams:\n    storage: { repos: [o/r, o/private-y], members: [alice] }\n";

    it("names reports.teams and a reports.repository elsewhere as errors that say where they belong", async () => {
      nock(API)
        .get(contents("o/r"))
        .reply(...fileReply(`${TEAM}  repository: o/third\n  period_days: 0\n`));

      expect(await loadConfig(octokit, { owner: "o", repo: "r" })).toEqual({
        ok: false,
        errors: [
          {
            key: "reports.teams",
            message:
              "teams span repositories, so they are read only from o/.github, which the organisation's admins control: move it to o/.github",
          },
          {
            key: "reports.repository",
            message:
              'a repository\'s own file posts its report only into itself, not "o/third": move it to o/.github, or name o/r',
          },
          { key: "reports.period_days", message: "expected a whole number from 1 to 366, got 0" },
        ],
      });
    });

    it("lets a repository post its own report into itself", async () => {
      nock(API)
        .get(contents("o/r"))
        .reply(...fileReply("reports:\n  repository: O/R\n"));

      const result = await loadConfig(octokit, { owner: "o", repo: "r" });

      expect(result.ok && result.config.reports.repository).toBe("O/R");
    });

    it("honours teams and targets from the owner's .github repository, loaded as that repository", async () => {
      nock(API)
        .get(contents("o/.github"))
        .reply(...fileReply(`${TEAM}  repository: o/team-reports\n`));

      const result = await loadConfig(octokit, { owner: "o", repo: ".github" });

      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.config.reports.teams.storage?.repos).toEqual(["o/r", "o/private-y"]);
      expect(result.config.reports.repository).toBe("o/team-reports");
    });

    it("honours them for a repository without a file of its own, which the organisation's file governs", async () => {
      nock(API)
        .get(contents("o/r"))
        .reply(...notFound)
        .get(contents("o/.github"))
        .reply(...fileReply(`${TEAM}  repository: o/team-reports\n`));

      const result = await loadConfig(octokit, { owner: "o", repo: "r" });

      expect(result.ok && result.config.reports.repository).toBe("o/team-reports");
    });

    it("takes only repository settings from the organisation's file a repository extends", async () => {
      nock(API)
        .get(contents("o/r"))
        .reply(...fileReply("_extends: .github\nbots: [ci-bot]\n"))
        .get(contents("o/.github"))
        .reply(...fileReply(`${TEAM}  repository: o/team-reports\ntimezone: Europe/Berlin\n`));

      const result = await loadConfig(octokit, { owner: "o", repo: "r" });

      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.config.timezone).toBe("Europe/Berlin");
      expect(result.config.reports.teams).toEqual({});
      expect(result.config.reports.repository).toBeUndefined();
    });
  });
});

describe("loadConfigFile", () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "expectations-config-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    [
      "a valid file",
      "timezone: Asia/Tokyo\nholidays: [2026-01-01]\n",
      { ok: true, timezone: "Asia/Tokyo" },
    ],
    ["an empty file", "", { ok: true, timezone: "UTC" }],
    ["_extends, ignored", "_extends: other\n", { ok: true, timezone: "UTC" }],
  ])("loads %s", async (name, body, expected) => {
    const path = join(dir, `${name}.yml`);
    await writeFile(path, body);

    const result = await loadConfigFile(path);

    expect({ ok: result.ok, timezone: result.ok ? result.config.timezone : undefined }).toEqual(
      expected,
    );
  });

  it("says that the file does not exist instead of using the defaults", async () => {
    const path = join(dir, "missing.yml");

    expect(await loadConfigFile(path)).toEqual({
      ok: false,
      errors: [{ key: "(file)", message: `${path} does not exist` }],
    });
  });

  it("reports invalid keys", async () => {
    const path = join(dir, "invalid.yml");
    await writeFile(path, "reports:\n  schedule: '0 9 * *'\n");

    expect(await loadConfigFile(path)).toEqual({
      ok: false,
      errors: [
        {
          key: "reports.schedule",
          message:
            'expected 5 fields "minute hour day-of-month month day-of-week" such as "0 9 * * 1", got "0 9 * *"',
        },
      ],
    });
  });

  it("reports a YAML syntax error", async () => {
    const path = join(dir, "broken.yml");
    await writeFile(path, "timezone: [UTC\n");

    const result = await loadConfigFile(path);

    expect(result).toEqual({
      ok: false,
      errors: [
        {
          key: "(file)",
          message: expect.stringMatching(
            /^invalid YAML in .*broken\.yml: .+ at line \d+, column \d+$/,
          ),
        },
      ],
    });
  });

  it("reports a path that cannot be read", async () => {
    const result = await loadConfigFile(dir);

    expect(result).toEqual({
      ok: false,
      errors: [{ key: "(file)", message: expect.stringMatching(/^cannot read .*EISDIR/) }],
    });
  });
});
