import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ExpectationsConfig, parseConfig } from "../../src/config/index.js";
import { buildReviewActivityReport } from "../../src/flows/index.js";
import { ingestDelivery } from "../../src/ingest/index.js";
import { renderReportCsv, renderReportMarkdown, reportTitle } from "../../src/reports/index.js";
import { readDeliveryStream } from "../helpers/fixtures.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

// What `npm run demo` shows: the stream replayed up to --now, then the report.
const NOW = Date.parse("2019-10-02T12:00:00Z");

function config(): ExpectationsConfig {
  const loaded = parseConfig({ timezone: "Europe/Berlin", holidays: ["2019-10-03"] });
  if (!loaded.ok) throw new Error("config does not parse");
  return loaded.config;
}

describe("the review-activity report of the demo stream", () => {
  let ctx: TempStore;

  beforeAll(async () => {
    ctx = await tempStore();
    for (const delivery of readDeliveryStream("demo/deliveries.jsonl")) {
      if (delivery.receivedAt <= NOW) await ingestDelivery(ctx.store, delivery);
    }
  });
  afterAll(() => ctx.cleanup());

  async function report(name: string, since: string, until: string, publicTarget: boolean) {
    const [repository] = await ctx.store.findRepositories(name);
    if (!repository) throw new Error(`${name} not ingested`);
    return buildReviewActivityReport(ctx.store, {
      installationId: repository.installationId,
      scope: { kind: "repository", name },
      repositories: [repository],
      period: { since: Date.parse(since), until: Date.parse(until) },
      now: NOW,
      config: config(),
      publicTarget,
    });
  }

  it("panjf2000/ants, 2019 Q3 (golden file, read by eye)", async () => {
    const result = await report(
      "panjf2000/ants",
      "2019-06-30T22:00:00Z",
      "2019-09-30T22:00:00Z",
      true,
    );
    expect(reportTitle(result)).toBe("Review activity: panjf2000/ants 1 July – 30 September 2019");
    await expect(renderReportMarkdown(result)).toMatchFileSnapshot(
      "__golden__/panjf2000-ants-2019-q3.md",
    );
    await expect(renderReportCsv(result)).toMatchFileSnapshot(
      "__golden__/panjf2000-ants-2019-q3.csv",
    );
  });

  it("chdsbd/test_repo, with a release due two days later (golden file, read by eye)", async () => {
    // A private repository, reported into itself.
    const result = await report(
      "chdsbd/test_repo",
      "2019-04-28T22:00:00Z",
      "2019-10-02T12:00:00Z",
      false,
    );
    await expect(renderReportMarkdown(result)).toMatchFileSnapshot(
      "__golden__/chdsbd-test-repo.md",
    );
    // Friday 2019-10-04 is two business days after Wednesday (Thursday is a listed holiday: 1 left).
    expect(result.releases).toMatchObject([
      {
        milestone: "test milestone",
        release_date: "2019-10-04",
        business_days_left: { value: 1, unit: "days" },
        open_pull_requests: [{ number: 9, approved: true, waiting_for: "merge" }],
        status: "on_track",
      },
    ]);
  });
});
