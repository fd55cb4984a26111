import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Delivery, ingestDelivery } from "../../src/ingest/index.js";
import { readDeliveryStream } from "../helpers/fixtures.js";
import { fakeGitHub } from "../helpers/github/index.js";
import { loggerCalling } from "../helpers/logger-calling.js";
import { tempStore } from "../helpers/temp-store.js";
import { runReportWeek } from "./report-week.js";

const INSTALLATION = 7_700_001;
// Everything of Y carries this mark (its name, titles and logins): none of it may leave Y's rows.
const MARK = "ysecret";

interface Home {
  id: number;
  name: string;
  /** Added to every id of the recording, so that copies in one installation never meet. */
  offset: number;
  mark?: string;
}
const X: Home = { id: 501, name: "x", offset: 0 };
const Y: Home = { id: 502, name: `y-${MARK}`, offset: 10_000_000_000, mark: MARK };
const THIRD: Home = { id: 503, name: "third", offset: 20_000_000_000 };

/** A recorded devlake delivery as a private repository of acme's installation would get it. */
function rehomed(delivery: Delivery, home: Home): Delivery {
  let text = JSON.stringify(delivery.payload).replace(
    /"id":(\d+)/g,
    (_, id: string) => `"id":${Number(id) + home.offset}`,
  );
  if (home.mark)
    text = text
      .replace(/"login":"([^"]+)"/g, `"login":"${home.mark}-$1"`)
      .replace(/"title":"/g, `"title":"${home.mark} `);
  const payload = JSON.parse(text) as Record<string, Record<string, unknown>>;
  payload.installation = { id: INSTALLATION };
  payload.repository = {
    ...payload.repository,
    id: home.id,
    name: home.name,
    full_name: `acme/${home.name}`,
    private: true,
    owner: { ...(payload.repository?.owner as object), login: "acme" },
  };
  return { ...delivery, id: `${delivery.id}@${home.name}`, payload };
}

/** X's own file: a team that takes in private Y, and a third repository as the target. */
const HOSTILE = `timezone: Europe/Berlin
reports:
  schedule: "0 9 * * mon"
  repository: acme/third
  teams:
    platform: { repos: [acme/x, acme/y-${MARK}] }
`;
const OFF = "reports:\n  enabled: false\n";

describe("a repository's own file cannot reach other repositories (scheduled report job, nock GitHub)", () => {
  let ctx: Awaited<ReturnType<typeof tempStore>>;
  const warnings: { details: Record<string, unknown>; message: string }[] = [];

  beforeEach(async () => {
    ctx = await tempStore();
    warnings.length = 0;
    nock.disableNetConnect();
    const recording = readDeliveryStream("devlake-graphql-prs/deliveries.jsonl").filter(
      (delivery) => delivery.receivedAt <= Date.parse("2024-07-15T06:00:00Z"),
    );
    for (const home of [X, Y, THIRD])
      for (const delivery of recording) await ingestDelivery(ctx.store, rehomed(delivery, home));
  });
  afterEach(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await ctx.cleanup();
  });

  async function runTheWeek(github: ReturnType<typeof fakeGitHub>) {
    const log = loggerCalling({
      info: () => {},
      warn: (details: object, message: string) =>
        warnings.push({ details: details as Record<string, unknown>, message }),
      error: (details: object, message: string) => {
        throw new Error(`${message}: ${JSON.stringify(details)}`);
      },
    });
    await runReportWeek(ctx.store, log);
    github.stop();
    return github.writes;
  }

  it("X's own file names Y in a team and a third repository: nothing about Y anywhere, nothing outside X", async () => {
    const github = fakeGitHub({
      config: (repository) => (repository === "acme/x" ? HOSTILE : OFF),
    });

    const writes = await runTheWeek(github);

    expect(writes.filter((write) => !write.path.startsWith("/repos/acme/x/"))).toEqual([]);
    expect(JSON.stringify(writes)).not.toContain(MARK);
    // The keys are configuration errors, named like any other bad key, saying where they belong.
    const skipped = warnings.find((w) => w.details.repository === "acme/x");
    expect(skipped?.message).toBe(
      "review-activity report skipped: .github/expectations.yml is invalid",
    );
    expect(skipped?.details.errors).toEqual([
      expect.objectContaining({
        key: "reports.teams",
        message: expect.stringContaining("move it to acme/.github"),
      }),
      expect.objectContaining({
        key: "reports.repository",
        message: expect.stringContaining("move it to acme/.github"),
      }),
    ]);
  });

  it("the same team in the organisation's .github file reports as before, into the repository it names", async () => {
    const github = fakeGitHub({
      config: (repository) => (repository === "acme/x" ? null : OFF),
      organizationConfig: () => HOSTILE,
    });

    const writes = await runTheWeek(github);

    expect(writes.map((write) => `${write.method} ${write.path}`)).toEqual([
      "POST /repos/acme/third/issues",
    ]);
    const [posted] = writes;
    expect(posted?.body.title).toBe("Review activity: platform 8 – 15 July 2024");
    const body = String(posted?.body.body);
    // Both private repositories, posted into a private one: Y's data is in it, as the org decided.
    expect(body).toContain("acme/x");
    expect(body).toContain(`acme/y-${MARK}`);
    expect(body).toContain(`\`${MARK}-`);
    expect(warnings).toEqual([]);
  });
});
