import { load as parseYaml } from "js-yaml";
import { describe, expect, it } from "vitest";
import { calendarFromConfig, formatConfigErrors, parseConfig } from "../../src/config/index.js";

const defaults = {
  timezone: "UTC",
  workdays: [1, 2, 3, 4, 5],
  holidays: { dates: [], periods: [] },
  bots: [],
  release: {
    warn_within_business_days: 3,
    gate: { labels: ["release"], head_branches: ["release/*"] },
    milestone_issue: true,
  },
  sla: {
    review_request_business_hours: 24,
    first_review_business_hours: 24,
    customer_first_response_business_hours: 16,
  },
  customer: { labels: ["customer"] },
  rca: { labels: ["rca"] },
  reports: {
    enabled: true,
    schedule: "0 9 * * 1",
    period_days: 7,
    teams: {},
    close_previous: true,
    mention: false,
    label: "review-activity",
  },
};

function configOf(raw: unknown) {
  const result = parseConfig(raw);
  if (!result.ok) throw new Error(`expected a valid config, got ${JSON.stringify(result.errors)}`);
  return result.config;
}

function errorsOf(raw: unknown) {
  const result = parseConfig(raw);
  if (result.ok) throw new Error("expected the config to be invalid");
  return result.errors;
}

describe("parseConfig: defaults", () => {
  it.each([
    ["no file (null)", null],
    ["no file (undefined)", undefined],
    ["an empty mapping", {}],
    ["empty sections", { release: {}, sla: {}, customer: {}, rca: {}, reports: {} }],
    ["only _extends", { _extends: "other-repo" }],
  ])("%s", (_name, raw) => {
    expect(configOf(raw)).toEqual(defaults);
  });

  it("gives every result its own default lists", () => {
    const first = configOf(null);
    first.release.gate.labels.push("changed");
    first.workdays.push(6);
    expect(configOf(null)).toEqual(defaults);
  });

  it("fills in nested defaults next to the keys that are set", () => {
    const config = configOf({
      release: { gate: { labels: ["ship-it"] } },
      reports: { mention: true },
    });
    expect(config.release).toEqual({
      warn_within_business_days: 3,
      gate: { labels: ["ship-it"], head_branches: ["release/*"] },
      milestone_issue: true,
    });
    expect(config.reports.mention).toBe(true);
    expect(config.reports.schedule).toBe("0 9 * * 1");
    expect(config).not.toHaveProperty("_extends");
    expect(config).not.toHaveProperty("team");
    expect(config).not.toHaveProperty("core_hours");
  });
});

describe("parseConfig: valid values", () => {
  it.each([
    ["timezone", { timezone: "Europe/Berlin" }, (c: Cfg) => c.timezone, "Europe/Berlin"],
    ["timezone alias", { timezone: "US/Pacific" }, (c: Cfg) => c.timezone, "US/Pacific"],
    ["workdays short names", { workdays: ["mon", "wed"] }, (c: Cfg) => c.workdays, [1, 3]],
    [
      "workdays long names, any case, sorted",
      { workdays: ["Sunday", "THURSDAY", "mon"] },
      (c: Cfg) => c.workdays,
      [0, 1, 4],
    ],
    ["workdays duplicates", { workdays: ["sat", "saturday", "Sat"] }, (c: Cfg) => c.workdays, [6]],
    [
      "core_hours",
      { core_hours: { start: "09:00", end: "17:30" } },
      (c: Cfg) => c.core_hours,
      { start: "09:00", end: "17:30" },
    ],
    [
      "core_hours to midnight",
      { core_hours: { start: "08:00", end: "24:00" } },
      (c: Cfg) => c.core_hours?.end,
      "24:00",
    ],
    [
      "bots",
      { bots: ["renovate[bot]", "deploy-bot"] },
      (c: Cfg) => c.bots,
      ["renovate[bot]", "deploy-bot"],
    ],
    [
      "release.warn_within_business_days 0",
      { release: { warn_within_business_days: 0 } },
      (c: Cfg) => c.release.warn_within_business_days,
      0,
    ],
    [
      "release.gate.head_branches",
      { release: { gate: { head_branches: ["rc/**", "main"] } } },
      (c: Cfg) => c.release.gate.head_branches,
      ["rc/**", "main"],
    ],
    [
      "release.milestone_issue",
      { release: { milestone_issue: false } },
      (c: Cfg) => c.release.milestone_issue,
      false,
    ],
    ["team, @ stripped", { team: ["alice", "@bob"] }, (c: Cfg) => c.team, ["alice", "bob"]],
    ["empty team", { team: [] }, (c: Cfg) => c.team, []],
    [
      "sla hours may be fractional",
      { sla: { first_review_business_hours: 4.5 } },
      (c: Cfg) => c.sla.first_review_business_hours,
      4.5,
    ],
    [
      "customer.labels",
      { customer: { labels: ["customer", "support"] } },
      (c: Cfg) => c.customer.labels,
      ["customer", "support"],
    ],
    ["rca", { rca: { labels: ["postmortem"] } }, (c: Cfg) => c.rca, { labels: ["postmortem"] }],
    ["reports.enabled", { reports: { enabled: false } }, (c: Cfg) => c.reports.enabled, false],
    [
      "reports.schedule",
      { reports: { schedule: "30 7 1-7 * 1" } },
      (c: Cfg) => c.reports.schedule,
      "30 7 1-7 * 1",
    ],
    [
      "reports.schedule names",
      { reports: { schedule: "0  9 * jan-MAR Mon-fri" } },
      (c: Cfg) => c.reports.schedule,
      "0 9 * 1-3 1-5",
    ],
    [
      "reports.schedule steps and lists",
      { reports: { schedule: "*/15 8-18/2 1,15 * 0,7" } },
      (c: Cfg) => c.reports.schedule,
      "*/15 8-18/2 1,15 * 0,7",
    ],
    [
      "reports.schedule step from a value",
      { reports: { schedule: "5/15 9 * * mon/2" } },
      (c: Cfg) => c.reports.schedule,
      "5-59/15 9 * * 1-7/2",
    ],
    [
      "reports.period_days 366",
      { reports: { period_days: 366 } },
      (c: Cfg) => c.reports.period_days,
      366,
    ],
    [
      "reports.repository",
      { reports: { repository: "acme/eng-reports" } },
      (c: Cfg) => c.reports.repository,
      "acme/eng-reports",
    ],
    [
      "reports.teams",
      {
        reports: {
          teams: {
            web: { repos: ["acme/web", "acme/ui.kit"], members: ["@alice"] },
            api: { repos: ["acme/api"] },
          },
        },
      },
      (c: Cfg) => c.reports.teams,
      {
        web: { repos: ["acme/web", "acme/ui.kit"], members: ["alice"] },
        api: { repos: ["acme/api"], members: [] },
      },
    ],
    [
      "reports.close_previous",
      { reports: { close_previous: false } },
      (c: Cfg) => c.reports.close_previous,
      false,
    ],
    ["reports.label", { reports: { label: "weekly" } }, (c: Cfg) => c.reports.label, "weekly"],
  ])("%s", (_name, raw, pick, expected) => {
    expect(pick(configOf(raw))).toEqual(expected);
  });
});

type Cfg = Extract<ReturnType<typeof parseConfig>, { ok: true }>["config"];

describe("parseConfig: holidays", () => {
  it.each([
    ["single dates", ["2026-12-25", "2026-12-24"], ["2026-12-24", "2026-12-25"]],
    [
      "a period across a month end",
      [{ from: "2026-12-30", to: "2027-01-02" }],
      ["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"],
    ],
    [
      "a one-day period",
      [{ from: "2026-05-01", to: "2026-05-01", name: "Labour Day" }],
      ["2026-05-01"],
    ],
    [
      "overlapping entries without duplicates",
      [{ from: "2026-12-24", to: "2026-12-26" }, "2026-12-25"],
      ["2026-12-24", "2026-12-25", "2026-12-26"],
    ],
    [
      "across 29 February",
      [{ from: "2028-02-28", to: "2028-03-01" }],
      ["2028-02-28", "2028-02-29", "2028-03-01"],
    ],
    [
      "YAML 1.1 Date objects",
      [
        new Date("2026-12-25T00:00:00Z"),
        { from: new Date("2026-12-31T00:00:00Z"), to: "2027-01-01" },
      ],
      ["2026-12-25", "2026-12-31", "2027-01-01"],
    ],
  ])("%s", (_name, holidays, dates) => {
    expect(configOf({ holidays }).holidays.dates).toEqual(dates);
  });

  it("keeps the periods as written, a single date as a one-day period", () => {
    const config = configOf({
      holidays: ["2026-05-01", { from: "2026-12-24", to: "2026-12-31", name: "Winter break" }],
    });
    expect(config.holidays.periods).toEqual([
      { from: "2026-05-01", to: "2026-05-01" },
      { from: "2026-12-24", to: "2026-12-31", name: "Winter break" },
    ]);
  });

  it("accepts unquoted dates that a YAML parser read as timestamps", () => {
    // js-yaml's default schema reads them as YAML 1.1 did (the app's loader keeps them as text).
    const raw = parseYaml(
      "holidays:\n  - 2026-12-25\n  - from: 2026-12-31\n    to: 2027-01-01\n",
    ) as { holidays: unknown[] };
    expect(raw.holidays[0]).toBeInstanceOf(Date);
    expect(configOf(raw).holidays.dates).toEqual(["2026-12-25", "2026-12-31", "2027-01-01"]);
  });
});

describe("parseConfig: invalid values name the key", () => {
  it.each([
    [
      "timezone unknown",
      { timezone: "Mars/Olympus" },
      "timezone",
      'expected an IANA time zone such as "Europe/Berlin", got "Mars/Olympus"',
    ],
    [
      "timezone not text",
      { timezone: 1 },
      "timezone",
      'expected an IANA time zone such as "Europe/Berlin", got 1',
    ],
    [
      "workdays unknown name",
      { workdays: ["mon", "funday"] },
      "workdays[1]",
      'expected a day name such as "mon" or "monday", got "funday"',
    ],
    [
      "workdays as numbers",
      { workdays: [1] },
      "workdays[0]",
      'expected a day name such as "mon" or "monday", got 1',
    ],
    ["workdays empty", { workdays: [] }, "workdays", "list at least one workday"],
    [
      "workdays not a list",
      { workdays: "mon-fri" },
      "workdays",
      'expected a list of day names such as ["mon", "tue"], got "mon-fri"',
    ],
    [
      "core_hours bad time",
      { core_hours: { start: "9am", end: "17:00" } },
      "core_hours.start",
      'expected a time "HH:MM" such as "09:00", got "9am"',
    ],
    [
      "core_hours 25:00",
      { core_hours: { start: "09:00", end: "25:00" } },
      "core_hours.end",
      'expected a time "HH:MM" such as "09:00", got "25:00"',
    ],
    [
      "core_hours missing end",
      { core_hours: { start: "09:00" } },
      "core_hours.end",
      'missing: expected a time "HH:MM" such as "09:00"',
    ],
    [
      "core_hours end before start",
      { core_hours: { start: "17:00", end: "09:00" } },
      "core_hours.end",
      'must be later than start, got "09:00"',
    ],
    [
      "core_hours end equals start",
      { core_hours: { start: "09:00", end: "09:00" } },
      "core_hours.end",
      'must be later than start, got "09:00"',
    ],
    [
      "holidays not a list",
      { holidays: "2026-12-25" },
      "holidays",
      'expected a list of holidays, each a date "YYYY-MM-DD" or a period { from, to, name }, got "2026-12-25"',
    ],
    [
      "holidays impossible date",
      { holidays: ["2026-02-30"] },
      "holidays[0]",
      'expected a date "YYYY-MM-DD" or a period { from, to, name }, got "2026-02-30"',
    ],
    [
      "holidays other format",
      { holidays: ["25.12.2026"] },
      "holidays[0]",
      'expected a date "YYYY-MM-DD" or a period { from, to, name }, got "25.12.2026"',
    ],
    [
      "holidays number",
      { holidays: [20261225] },
      "holidays[0]",
      'expected a date "YYYY-MM-DD" or a period { from, to, name }, got 20261225',
    ],
    [
      "holidays Date with a time",
      { holidays: [new Date("2026-12-25T10:00:00Z")] },
      "holidays[0]",
      'expected a date "YYYY-MM-DD" or a period { from, to, name }, got 2026-12-25T10:00:00.000Z',
    ],
    [
      "holiday period bad from",
      { holidays: [{ from: "soon", to: "2026-12-25" }] },
      "holidays[0].from",
      'expected a date "YYYY-MM-DD", got "soon"',
    ],
    [
      "holiday period missing to",
      { holidays: [{ from: "2026-12-24" }] },
      "holidays[0].to",
      'missing: expected a date "YYYY-MM-DD"',
    ],
    [
      "holiday period backwards",
      { holidays: [{ from: "2026-12-31", to: "2026-12-24" }] },
      "holidays[0].to",
      "must not be before from (2026-12-31)",
    ],
    [
      "holiday period too long",
      { holidays: [{ from: "2026-01-01", to: "2027-12-31" }] },
      "holidays[0].to",
      "a holiday period may span at most 366 days, this one spans 730",
    ],
    [
      "holiday period name",
      { holidays: [{ from: "2026-12-24", to: "2026-12-26", name: 5 }] },
      "holidays[0].name",
      "expected a text, got 5",
    ],
    [
      "bots not a list",
      { bots: "dependabot" },
      "bots",
      'expected a list of GitHub logins, got "dependabot"',
    ],
    [
      "bots invalid login",
      { bots: ["ci bot"] },
      "bots[0]",
      'expected a GitHub login, got "ci bot"',
    ],
    [
      "release not a mapping",
      { release: ["x"] },
      "release",
      "expected a mapping of settings, got a list",
    ],
    [
      "release.warn_within_business_days text",
      { release: { warn_within_business_days: "soon" } },
      "release.warn_within_business_days",
      'expected a whole number >= 0, got "soon"',
    ],
    [
      "release.warn_within_business_days negative",
      { release: { warn_within_business_days: -1 } },
      "release.warn_within_business_days",
      "expected a whole number >= 0, got -1",
    ],
    [
      "release.warn_within_business_days fraction",
      { release: { warn_within_business_days: 1.5 } },
      "release.warn_within_business_days",
      "expected a whole number >= 0, got 1.5",
    ],
    [
      "release.gate.labels",
      { release: { gate: { labels: "release" } } },
      "release.gate.labels",
      'expected a list of label names, got "release"',
    ],
    [
      "release.gate.labels empty label",
      { release: { gate: { labels: [""] } } },
      "release.gate.labels[0]",
      'expected a label name, got ""',
    ],
    [
      "release.gate.head_branches",
      { release: { gate: { head_branches: [1] } } },
      "release.gate.head_branches[0]",
      "expected a branch name pattern, got 1",
    ],
    [
      "release.milestone_issue",
      { release: { milestone_issue: "yes" } },
      "release.milestone_issue",
      'expected true or false, got "yes"',
    ],
    ["team not a list", { team: "alice" }, "team", 'expected a list of GitHub logins, got "alice"'],
    [
      "sla zero",
      { sla: { review_request_business_hours: 0 } },
      "sla.review_request_business_hours",
      "expected a number of hours > 0, got 0",
    ],
    [
      "sla text",
      { sla: { first_review_business_hours: "1d" } },
      "sla.first_review_business_hours",
      'expected a number of hours > 0, got "1d"',
    ],
    [
      "sla negative",
      { sla: { customer_first_response_business_hours: -4 } },
      "sla.customer_first_response_business_hours",
      "expected a number of hours > 0, got -4",
    ],
    [
      "customer.labels",
      { customer: { labels: null } },
      "customer.labels",
      "expected a list of label names, got an empty value",
    ],
    ["rca.labels", { rca: { labels: [true] } }, "rca.labels[0]", "expected a label name, got true"],
    [
      "reports.enabled",
      { reports: { enabled: "on" } },
      "reports.enabled",
      'expected true or false, got "on"',
    ],
    [
      "reports.schedule field count",
      { reports: { schedule: "0 9 * *" } },
      "reports.schedule",
      'expected 5 fields "minute hour day-of-month month day-of-week" such as "0 9 * * 1", got "0 9 * *"',
    ],
    [
      "reports.schedule macro",
      { reports: { schedule: "@weekly" } },
      "reports.schedule",
      'expected 5 fields "minute hour day-of-month month day-of-week" such as "0 9 * * 1", got "@weekly"',
    ],
    [
      "reports.schedule hour range",
      { reports: { schedule: "0 25 * * 1" } },
      "reports.schedule",
      "hour 25 is out of range 0-23",
    ],
    [
      "reports.schedule minute range",
      { reports: { schedule: "60 9 * * 1" } },
      "reports.schedule",
      "minute 60 is out of range 0-59",
    ],
    [
      "reports.schedule day of month 0",
      { reports: { schedule: "0 9 0 * 1" } },
      "reports.schedule",
      "day of month 0 is out of range 1-31",
    ],
    [
      "reports.schedule month 13",
      { reports: { schedule: "0 9 * 13 1" } },
      "reports.schedule",
      "month 13 is out of range 1-12",
    ],
    [
      "reports.schedule weekday 8",
      { reports: { schedule: "0 9 * * 8" } },
      "reports.schedule",
      "day of week 8 is out of range 0-7",
    ],
    [
      "reports.schedule bad name",
      { reports: { schedule: "0 9 * * funday" } },
      "reports.schedule",
      'day of week "funday" is not a number',
    ],
    [
      "reports.schedule backwards range",
      { reports: { schedule: "0 17-9 * * 1" } },
      "reports.schedule",
      'hour range "17-9" runs backwards',
    ],
    [
      "reports.schedule zero step",
      { reports: { schedule: "*/0 9 * * 1" } },
      "reports.schedule",
      'minute step "0" must be a whole number of at least 1',
    ],
    [
      "reports.schedule step beyond the field",
      { reports: { schedule: "0 9 * * 1/15" } },
      "reports.schedule",
      "day of week step 15 is larger than the field (0-7)",
    ],
    [
      "reports.schedule that never runs",
      { reports: { schedule: "0 9 30 2 *" } },
      "reports.schedule",
      '"0 9 30 2 *" never runs: no date matches it',
    ],
    [
      "reports.schedule not text",
      { reports: { schedule: 9 } },
      "reports.schedule",
      'expected a cron schedule such as "0 9 * * 1", got 9',
    ],
    [
      "reports.period_days 0",
      { reports: { period_days: 0 } },
      "reports.period_days",
      "expected a whole number from 1 to 366, got 0",
    ],
    [
      "reports.period_days 367",
      { reports: { period_days: 367 } },
      "reports.period_days",
      "expected a whole number from 1 to 366, got 367",
    ],
    [
      "reports.repository",
      { reports: { repository: "eng-reports" } },
      "reports.repository",
      'expected a repository "owner/name", got "eng-reports"',
    ],
    [
      "reports.teams not a mapping",
      { reports: { teams: ["web"] } },
      "reports.teams",
      "expected a mapping of team names to { repos, members }, got a list",
    ],
    [
      "reports.teams repo",
      { reports: { teams: { web: { repos: ["web"] } } } },
      "reports.teams.web.repos[0]",
      'expected a repository "owner/name", got "web"',
    ],
    [
      "reports.teams no repos",
      { reports: { teams: { web: { repos: [] } } } },
      "reports.teams.web.repos",
      "list at least one repository the team owns, or name its github_team (its repositories then come from GitHub)",
    ],
    [
      "reports.teams missing repos",
      { reports: { teams: { web: { members: ["alice"] } } } },
      "reports.teams.web.repos",
      "list at least one repository the team owns, or name its github_team (its repositories then come from GitHub)",
    ],
    [
      "reports.teams github_team and members",
      { reports: { teams: { web: { github_team: "acme/web", members: ["alice"] } } } },
      "reports.teams.web.members",
      "members of a github_team come from GitHub (acme/web): remove members, or github_team",
    ],
    [
      "reports.teams github_team not org/slug",
      { reports: { teams: { web: { github_team: "web" } } } },
      "reports.teams.web.github_team",
      'expected a GitHub team "org/team-slug", got "web"',
    ],
    [
      "reports.teams owners_from without github_team",
      { reports: { teams: { web: { repos: ["acme/web"], owners_from: "codeowners" } } } },
      "reports.teams.web.owners_from",
      "CODEOWNERS names GitHub teams: name the team's github_team too",
    ],
    [
      "reports.teams owners_from other",
      { reports: { teams: { web: { github_team: "acme/web", owners_from: "topics" } } } },
      "reports.teams.web.owners_from",
      'expected "codeowners", got "topics"',
    ],
    [
      "reports.teams member",
      { reports: { teams: { web: { repos: ["a/b"], members: ["a b"] } } } },
      "reports.teams.web.members[0]",
      'expected a GitHub login, got "a b"',
    ],
    [
      "reports.close_previous",
      { reports: { close_previous: 1 } },
      "reports.close_previous",
      "expected true or false, got 1",
    ],
    [
      "reports.mention",
      { reports: { mention: null } },
      "reports.mention",
      "expected true or false, got an empty value",
    ],
    [
      "reports.label",
      { reports: { label: [] } },
      "reports.label",
      "expected a label name, got a list",
    ],
  ])("%s", (_name, raw, key, message) => {
    expect(errorsOf(raw)).toEqual([{ key, message }]);
  });
});

describe("parseConfig: unknown keys", () => {
  it.each([
    ["a typo at the top", { relase: {} }, "relase", 'unknown key; did you mean "release"?'],
    ["a case typo", { TimeZone: "UTC" }, "TimeZone", 'unknown key; did you mean "timezone"?'],
    [
      "dashes for underscores",
      { core_hours: { start: "09:00", end: "17:00" }, "close-previous": true },
      "close-previous",
      'unknown key; expected one of "timezone", "workdays", "core_hours", "holidays", "bots", "release", "team", "sla", "customer", "rca", "reports"',
    ],
    [
      "nested",
      { release: { warn_within_days: 2 } },
      "release.warn_within_days",
      'unknown key; did you mean "warn_within_business_days"?',
    ],
    [
      "nested with dashes",
      { release: { "warn-within-business-days": 2 } },
      "release.warn-within-business-days",
      'unknown key; did you mean "warn_within_business_days"?',
    ],
    [
      "two levels down",
      { release: { gate: { lables: ["x"] } } },
      "release.gate.lables",
      'unknown key; did you mean "labels"?',
    ],
    [
      "inside a team",
      { reports: { teams: { web: { repos: ["a/b"], memberz: [] } } } },
      "reports.teams.web.memberz",
      'unknown key; did you mean "members"?',
    ],
    [
      "inside a holiday period",
      { holidays: [{ from: "2026-12-24", until: "2026-12-26" }] },
      "holidays[0].until",
      'unknown key; expected one of "from", "to", "name"',
    ],
    [
      // The store keeps no issue bodies: an RCA section could never be seen, so it is not a setting.
      "rca.section",
      { rca: { section: "Root cause" } },
      "rca.section",
      'unknown key; expected one of "labels"',
    ],
    [
      "unrelated",
      { colour: "red" },
      "colour",
      'unknown key; expected one of "timezone", "workdays", "core_hours", "holidays", "bots", "release", "team", "sla", "customer", "rca", "reports"',
    ],
  ])("%s", (_name, raw, key, message) => {
    expect(errorsOf(raw)).toContainEqual({ key, message });
  });

  it("reports every problem, one per key", () => {
    const errors = errorsOf({
      timezone: "Nowhere",
      relase: {},
      release: { warn_within_business_days: -1.5 },
      sla: { typo: 1 },
    });
    expect(errors.map((error) => error.key)).toEqual([
      "timezone",
      "release.warn_within_business_days",
      "sla.typo",
      "relase",
    ]);
  });
});

describe("parseConfig: the file as a whole", () => {
  it.each([
    [
      "a list",
      ["timezone: UTC"],
      'expected a mapping of settings ("key: value" lines), got a list',
    ],
    [
      "a text",
      "timezone UTC",
      'expected a mapping of settings ("key: value" lines), got "timezone UTC"',
    ],
    ["a number", 42, 'expected a mapping of settings ("key: value" lines), got 42'],
  ])("%s", (_name, raw, message) => {
    expect(errorsOf(raw)).toEqual([{ key: "(file)", message }]);
  });
});

describe("formatConfigErrors", () => {
  it("lists each key and problem", () => {
    expect(
      formatConfigErrors([
        {
          key: "release.warn_within_business_days",
          message: 'expected a whole number >= 0, got "soon"',
        },
        { key: "relase", message: 'unknown key; did you mean "release"?' },
      ]),
    ).toBe(
      [
        "`.github/expectations.yml` is invalid:",
        '- `release.warn_within_business_days`: expected a whole number >= 0, got "soon"',
        '- `relase`: unknown key; did you mean "release"?',
      ].join("\n"),
    );
  });

  it.each([
    [
      "HTML",
      { key: "<img src=x>", message: 'got "<script>alert(1)</script>"' },
      '- `<img src=x>`: got "&lt;script>alert(1)&lt;/script>"',
    ],
    ["backticks in a key", { key: "a`b", message: "x" }, "- ``a`b``: x"],
    ["a key starting with a backtick", { key: "`a", message: "x" }, "- `` `a ``: x"],
    ["newlines", { key: "a\nb", message: "line\n- injected" }, "- `a b`: line - injected"],
    [
      "links and emphasis",
      { key: "k", message: 'got "[click](https://x.y) *bold* _it_ ~~s~~ | \\"' },
      '- `k`: got "\\[click\\](https://x.y) \\*bold\\* \\_it\\_ \\~\\~s\\~\\~ \\| \\\\"',
    ],
    ["entities", { key: "k", message: "&amp; &#60;" }, "- `k`: &amp;amp; &amp;#60;"],
  ])("escapes %s", (_name, error, line) => {
    expect(formatConfigErrors([error]).split("\n").slice(1)).toEqual([line]);
  });

  it("names another file and caps a long list", () => {
    const errors = Array.from({ length: 60 }, (_, i) => ({ key: `k${i}`, message: "bad" }));
    const lines = formatConfigErrors(errors, "expectations.local.yml").split("\n");
    expect(lines[0]).toBe("`expectations.local.yml` is invalid:");
    expect(lines).toHaveLength(52);
    expect(lines[51]).toBe("- … and 10 more");
  });
});

describe("calendarFromConfig", () => {
  it("builds the calendar the config describes", () => {
    const calendar = calendarFromConfig(
      configOf({
        timezone: "Europe/Berlin",
        workdays: ["mon", "tue", "wed", "thu"],
        core_hours: { start: "10:00", end: "16:00" },
        holidays: [{ from: "2026-12-24", to: "2026-12-26" }],
      }),
    );
    expect(calendar.timezone).toBe("Europe/Berlin");
    expect(calendar.isBusinessDay("2026-12-22")).toBe(true);
    expect(calendar.isBusinessDay("2026-12-24")).toBe(false);
    expect(calendar.isBusinessDay("2027-01-01")).toBe(false);
    // Monday 08:00Z (09:00 CET) to Tuesday 12:00Z (13:00 CET): 6 h + 3 h
    expect(
      calendar.businessHoursBetween(
        new Date("2026-12-21T08:00:00Z"),
        new Date("2026-12-22T12:00:00Z"),
      ),
    ).toBe(9);
  });
});
