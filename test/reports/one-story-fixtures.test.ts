import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { load as parseYaml } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ExpectationsConfig, parseConfig } from "../../src/config/index.js";
import { buildReviewActivityReport } from "../../src/flows/index.js";
import { type Delivery, ingestDelivery } from "../../src/ingest/index.js";
import type { Period } from "../../src/metrics/index.js";
import { renderReportCsv, renderReportMarkdown, trendPeriods } from "../../src/reports/index.js";
import type { Store } from "../../src/store/index.js";
import { FIXTURES, readDeliveryStream, readJson } from "../helpers/fixtures.js";
import { assertOneStory } from "../helpers/one-story.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

function config(raw: unknown): ExpectationsConfig {
  const loaded = parseConfig(raw);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.config;
}

/** Local midnight of a calendar date in `timezone`, as UTC milliseconds. */
function midnight(year: number, month: number, day: number, timezone: string): number {
  const guess = Date.UTC(year, month, day);
  const offset =
    Date.parse(new Date(guess).toLocaleString("en-US", { timeZone: "UTC" })) -
    Date.parse(new Date(guess).toLocaleString("en-US", { timeZone: timezone }));
  return guess + offset;
}

/** Every week (Monday to Monday), month and quarter from `first` to `last`, local to `timezone`. */
function calendarPeriods(first: number, last: number, timezone: string) {
  const start = new Date(first);
  const periods: { kind: string; period: Period }[] = [];
  for (let y = start.getUTCFullYear(), m = start.getUTCMonth(); ; m++) {
    const since = midnight(y, m, 1, timezone);
    if (since > last) break;
    periods.push({ kind: "month", period: { since, until: midnight(y, m + 1, 1, timezone) } });
    if (m % 3 === 0)
      periods.push({ kind: "quarter", period: { since, until: midnight(y, m + 3, 1, timezone) } });
  }
  const monday = new Date(first);
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  for (let d = monday; ; d = new Date(d.getTime() + 7 * 86_400_000)) {
    const since = midnight(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), timezone);
    if (since > last) break;
    periods.push({
      kind: "week",
      period: {
        since,
        until: midnight(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 7, timezone),
      },
    });
  }
  return periods;
}

/** Builds the report of each period with `trends` periods of trends and checks its three outputs. */
async function checkEveryPeriod(
  store: Store,
  name: string,
  settings: ExpectationsConfig,
  periods: { kind: string; period: Period }[],
  now: number,
  trends: (kind: string) => number,
): Promise<number> {
  const [repository] = await store.findRepositories(name);
  if (!repository) throw new Error(`${name} not ingested`);
  for (const { kind, period } of periods) {
    const count = trends(kind);
    const report = await buildReviewActivityReport(store, {
      installationId: repository.installationId,
      scope: { kind: "repository", name },
      repositories: [repository],
      period,
      now,
      config: settings,
      members: settings.team,
      publicTarget: false,
      earlierPeriods: count > 0 ? trendPeriods(period, count, settings.timezone).slice(0, -1) : [],
    });
    try {
      assertOneStory({
        markdown: renderReportMarkdown(report),
        json: JSON.stringify(report, null, 2),
        csv: renderReportCsv(report),
      });
    } catch (error) {
      (error as Error).message =
        `${name} ${kind} from ${new Date(period.since).toISOString()}: ${(error as Error).message}`;
      throw error;
    }
  }
  return periods.length;
}

describe("every output tells one story, on every period of every fixture", () => {
  let demo: TempStore;
  let devlake: TempStore;
  let kodiak: TempStore;
  let demoEnd = 0;

  beforeAll(async () => {
    demo = await tempStore();
    for (const delivery of readDeliveryStream("demo/deliveries.jsonl")) {
      await ingestDelivery(demo.store, delivery);
      demoEnd = Math.max(demoEnd, delivery.receivedAt);
    }
    devlake = await tempStore();
    for (const delivery of readDeliveryStream("devlake-graphql-prs/deliveries.jsonl"))
      await ingestDelivery(devlake.store, delivery);
    // Every kodiak recording, each folder an event, in the order GitHub sent them.
    kodiak = await tempStore();
    const deliveries: Delivery[] = [];
    for (const name of readdirSync(join(FIXTURES, "kodiak-deliveries")))
      for (const file of readdirSync(join(FIXTURES, "kodiak-deliveries", name))) {
        const payload = readJson(`kodiak-deliveries/${name}/${file}`);
        deliveries.push({ name, id: `kodiak-${name}-${file}`, payload, receivedAt: 0 });
      }
    const at = (delivery: Delivery) => {
      const p = delivery.payload as Record<string, { updated_at?: string; submitted_at?: string }>;
      return Date.parse(p.review?.submitted_at ?? p.pull_request?.updated_at ?? "") || 0;
    };
    for (const delivery of deliveries.sort((a, b) => at(a) - at(b)))
      await ingestDelivery(kodiak.store, { ...delivery, receivedAt: at(delivery) });
  });
  afterAll(async () => {
    await demo.cleanup();
    await devlake.cleanup();
    await kodiak.cleanup();
  });

  it("the checker itself fails on each kind of contradiction the issue found", async () => {
    const settings = config(
      parseYaml(readFileSync(join(FIXTURES, "demo/expectations.yml"), "utf8")),
    );
    const [repository] = await demo.store.findRepositories("panjf2000/ants");
    if (!repository) throw new Error("ants not ingested");
    const period = {
      since: midnight(2019, 6, 1, settings.timezone),
      until: midnight(2019, 9, 1, settings.timezone),
    };
    const report = await buildReviewActivityReport(demo.store, {
      installationId: repository.installationId,
      scope: { kind: "repository", name: repository.fullName },
      repositories: [repository],
      period,
      now: Date.parse("2019-10-01T12:00:00Z"),
      config: settings,
      publicTarget: false,
      earlierPeriods: trendPeriods(period, 4, settings.timezone).slice(0, -1),
    });
    const outputs = {
      markdown: renderReportMarkdown(report),
      json: JSON.stringify(report),
      csv: renderReportCsv(report),
    };
    assertOneStory(outputs);
    // biome-ignore lint/suspicious/noExplicitAny: a report taken apart on purpose
    const json = (change: (r: Record<string, any>) => void) => {
      const copy = JSON.parse(outputs.json);
      change(copy);
      return { ...outputs, json: JSON.stringify(copy) };
    };
    const broken: [string, typeof outputs][] = [
      [
        "a share in the section the verdict calls not measured",
        json((r) => {
          r.participation.share_reviewing = { value: 1, unit: "ratio" };
        }),
      ],
      ["a bare number in the JSON", json((r) => (r.customer_issues.closed = 0))],
      [
        "met with nothing answered",
        json((r) => {
          r.expectations.find((e: { id: string }) => e.id === "customer.timely-help").status =
            "met";
        }),
      ],
      ["counts that do not add up", json((r) => (r.customer_issues.still_awaiting.value = 1))],
      [
        "the CSV's ratio in percent",
        {
          ...outputs,
          csv: outputs.csv.replace(
            ",project.reviews-with-team,value,0.4,",
            ",project.reviews-with-team,value,40,",
          ),
        },
      ],
      [
        "a green tick in the markdown",
        {
          ...outputs,
          markdown: outputs.markdown.replace("| ❌ missed | – | – |", "| ✅ met | – | – |"),
        },
      ],
    ];
    for (const [what, changed] of broken) {
      expect(changed, what).not.toEqual(outputs);
      expect(() => assertOneStory(changed), what).toThrow();
    }
  });

  it("the demo: every week, month and quarter of both repositories, with the demo's config", async () => {
    const settings = config(
      parseYaml(readFileSync(join(FIXTURES, "demo/expectations.yml"), "utf8")),
    );
    let checked = 0;
    // chdsbd/test_repo's recording ends in 2019; panjf2000/ants's in June 2022.
    for (const [name, first, last] of [
      ["panjf2000/ants", Date.parse("2018-06-01T00:00:00Z"), demoEnd],
      ["chdsbd/test_repo", Date.parse("2019-04-01T00:00:00Z"), Date.parse("2019-12-31T00:00:00Z")],
    ] as const) {
      const periods = calendarPeriods(first, last, settings.timezone);
      checked += await checkEveryPeriod(demo.store, name, settings, periods, demoEnd, (kind) =>
        kind === "week" ? 0 : kind === "month" ? 3 : 6,
      );
    }
    expect(checked).toBeGreaterThan(300);
  });

  it("the demo as the golden report sees it (Europe/Berlin, a holiday), judged in October 2019", async () => {
    const settings = config({ timezone: "Europe/Berlin", holidays: ["2019-10-03"] });
    const now = Date.parse("2019-10-02T12:00:00Z");
    const periods = calendarPeriods(Date.parse("2019-01-01T00:00:00Z"), now, settings.timezone);
    for (const name of ["panjf2000/ants", "chdsbd/test_repo"])
      await checkEveryPeriod(demo.store, name, settings, periods, now, (kind) =>
        kind === "quarter" ? 12 : 2,
      );
  });

  it("DevLake: every week, the two months, with a team, in Europe/Berlin", async () => {
    const settings = config({ timezone: "Europe/Berlin", team: ["klesh", "d4x1", "abeizn"] });
    const first = Date.parse("2024-07-01T00:00:00Z");
    const end = Date.parse("2024-08-20T00:00:00Z");
    const periods = calendarPeriods(first, end, settings.timezone);
    expect(
      await checkEveryPeriod(
        devlake.store,
        "apache/incubator-devlake",
        settings,
        periods,
        end,
        () => 6,
      ),
    ).toBeGreaterThan(8);
    // Without a team list: members inferred.
    await checkEveryPeriod(
      devlake.store,
      "apache/incubator-devlake",
      config(null),
      periods,
      end,
      () => 3,
    );
  });

  it("kodiak: every week and month of chdsbd/test_repo in 2019", async () => {
    const settings = config({ timezone: "UTC", team: ["chdsbd", "sbdchd"] });
    const periods = calendarPeriods(
      Date.parse("2019-04-01T00:00:00Z"),
      Date.parse("2019-10-31T00:00:00Z"),
      settings.timezone,
    );
    await checkEveryPeriod(
      kodiak.store,
      "chdsbd/test_repo",
      settings,
      periods,
      Date.parse("2019-10-02T12:00:00Z"),
      () => 3,
    );
  });
});
