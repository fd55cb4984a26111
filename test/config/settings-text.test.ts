import { CORE_SCHEMA, load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { parseConfig, settingsFromText, settingsText } from "../../src/config/index.js";

const parseYaml = (text: string) => load(text, { schema: CORE_SCHEMA });

function parsed(raw: unknown) {
  const result = parseConfig(raw);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

// The README's example, with every key set.
const FULL = `
timezone: Europe/Berlin
workdays: [mon, tue, wed, thu, fri]
holidays: [2026-12-24, { from: 2026-12-28, to: 2026-12-31, name: Year end }, "2027-01-06"]
bots: [deploy-robot]
release:
  warn_within_business_days: 2
  gate: { labels: [release, ship-it], head_branches: ["release/*", "hotfix/*"] }
  milestone_issue: false
core_hours: { start: "09:00", end: "17:00" }
team: [alice, "@bob"]
sla: { review_request_business_hours: 8, first_review_business_hours: 12.5, customer_first_response_business_hours: 4 }
customer: { labels: [customer, support] }
rca: { labels: [rca, post-mortem] }
reports:
  enabled: false
  schedule: "30 8 * * mon-fri"
  period_days: 14
  repository: acme/team-reports
  teams:
    storage: { repos: [acme/widgets, acme/gadgets], members: [alice, bob] }
    web: { repos: [acme/site] }
  close_previous: false
  mention: true
  label: weekly
`;

describe("settings kept as text and read back", () => {
  it.each([
    ["no file (defaults)", null],
    ["every key set", parseYaml(FULL)],
    [
      "weekend workers in a zone with daylight saving",
      { timezone: "America/New_York", workdays: ["sat", "sunday", "mon"] },
    ],
  ])("read back as the same settings: %s", (_, raw) => {
    const loaded = parsed(raw);
    expect(settingsFromText(settingsText(loaded))).toEqual(loaded);
  });

  it("keeps holiday periods as written rather than every expanded date", () => {
    const text = settingsText(parsed(parseYaml(FULL)));
    expect(JSON.parse(text).config.holidays).toEqual([
      { from: "2026-12-24", to: "2026-12-24" },
      { from: "2026-12-28", to: "2026-12-31", name: "Year end" },
      { from: "2027-01-06", to: "2027-01-06" },
    ]);
  });

  it("keeps an invalid file's errors, so readers show them instead of falling back", () => {
    const invalid = parseConfig({ release: { warn_within_business_day: 2 } });
    expect(invalid.ok).toBe(false);
    expect(settingsFromText(settingsText(invalid))).toEqual(invalid);
  });

  it.each([
    ["not JSON", "{"],
    ["not what was kept", '{"ok": "yes"}'],
    ["errors without any", '{"ok": false, "errors": []}'],
  ])("turns unreadable text into an error, never defaults: %s", (_, text) => {
    expect(settingsFromText(text)).toEqual({
      ok: false,
      errors: [{ key: "(file)", message: "the settings kept for this repository are unreadable" }],
    });
  });

  it("validates kept settings again: a value a newer app refuses is an error", () => {
    const result = settingsFromText('{"ok": true, "config": {"timezone": "Mars/Olympus"}}');
    expect(result.ok).toBe(false);
  });
});
