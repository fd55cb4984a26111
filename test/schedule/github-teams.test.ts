import examples from "@octokit/webhooks-examples";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Delivery, ingestDelivery } from "../../src/ingest/index.js";
import { readDeliveryStream } from "../helpers/fixtures.js";
import { fakeGitHub } from "../helpers/github/index.js";
import { loggerCalling } from "../helpers/logger-calling.js";
import { tempStore } from "../helpers/temp-store.js";
import { runReportWeek } from "./report-week.js";

const INSTALLATION = 4242;
// The repository of the webhooks-examples team payloads; devlake's history is replayed into it.
const REPOSITORY = { id: 186853261, full_name: "Octocoders/Hello-World" };
const ORGANIZATION_FILE = `timezone: Europe/Berlin
reports:
  schedule: "0 9 * * mon"
  teams:
    core: { github_team: Octocoders/github }
`;

/** A webhooks-examples payload of this installation, with the changes a case needs. */
function example(
  name: string,
  action: string,
  changes: Record<string, unknown> = {},
): Record<string, unknown> {
  const event = (
    examples as unknown as { name: string; examples: Record<string, unknown>[] }[]
  ).find((e) => e.name === name);
  const payload = event?.examples.find((p) => p.action === action);
  if (!payload) throw new Error(`no ${name}.${action} example`);
  return { ...payload, installation: { id: INSTALLATION }, ...changes };
}

let serial = 0;
const delivery = (name: string, payload: Record<string, unknown>, at: string): Delivery => ({
  name,
  id: `team-${serial++}`,
  payload,
  receivedAt: Date.parse(at),
});

/** Someone joining the example team (the real `membership.added` payload, another login). */
function joins(login: string, at: string): Delivery {
  const payload = example("membership", "added");
  return delivery(
    "membership",
    { ...payload, member: { ...(payload.member as object), login } },
    at,
  );
}

describe("a team from GitHub in the organisation's file (scheduled report job, nock GitHub)", () => {
  let ctx: Awaited<ReturnType<typeof tempStore>>;
  let teamReads: string[];

  beforeEach(async () => {
    ctx = await tempStore();
    teamReads = [];
    nock.disableNetConnect();
    for (const recorded of readDeliveryStream("devlake-graphql-prs/deliveries.jsonl")) {
      if (recorded.receivedAt > Date.parse("2024-07-15T06:00:00Z")) continue;
      const payload = recorded.payload as Record<string, unknown>;
      await ingestDelivery(ctx.store, {
        ...recorded,
        payload: {
          ...payload,
          installation: { id: INSTALLATION },
          repository: { ...(payload.repository as object), ...REPOSITORY, private: true },
        },
      });
    }
  });
  afterEach(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await ctx.cleanup();
  });

  /** GitHub's team endpoints: the team, two members, a nested team of one, its repository. */
  function teamEndpoints() {
    const reply = (uri: string, value: unknown): [number, string, Record<string, string>] => {
      teamReads.push(`GET ${uri}`);
      return [200, JSON.stringify(value), { "content-type": "application/json" }];
    };
    const team = { id: 3253328, slug: "github", name: "github", parent: null };
    const child = {
      id: 3253399,
      slug: "github-core",
      name: "github core",
      parent: { id: 3253328 },
    };
    nock("https://api.github.com")
      .persist()
      .get(/^\/orgs\/octocoders\/teams\/github$/i)
      .reply((uri) => reply(uri, team))
      .get(/^\/orgs\/octocoders\/teams\/github\/members\?/i)
      .reply((uri) =>
        reply(uri, [
          { login: "klesh", type: "User" },
          { login: "d4x1", type: "User" },
        ]),
      )
      .get(/^\/orgs\/octocoders\/teams\/github\/teams\?/i)
      .reply((uri) => reply(uri, [child]))
      .get(/^\/orgs\/octocoders\/teams\/github-core\/members\?/i)
      .reply((uri) => reply(uri, [{ login: "abeizn", type: "User" }]))
      .get(/^\/orgs\/octocoders\/teams\/github-core\/teams\?/i)
      .reply((uri) => reply(uri, []))
      .get(/^\/orgs\/octocoders\/teams\/github\/repos\?/i)
      .reply((uri) => reply(uri, [REPOSITORY]));
  }

  const warnings: string[] = [];
  async function runTheWeek(
    files: { own: string | null; organization: string | null } = {
      own: null,
      organization: ORGANIZATION_FILE,
    },
  ) {
    warnings.length = 0;
    const github = fakeGitHub({
      config: () => files.own,
      organizationConfig: () => files.organization,
    });
    const log = loggerCalling({
      info: () => {},
      warn: (_details: object, message: string) => {
        warnings.push(message);
      },
      error: (details: object, message: string) => {
        throw new Error(`${message}: ${JSON.stringify(details)}`);
      },
    });
    await runReportWeek(ctx.store, log);
    github.stop();
    return github.writes;
  }

  it("reads nothing of GitHub for a team it followed from webhooks, and counts a member from the day they joined", async () => {
    teamEndpoints();
    for (const each of [
      delivery("team", example("team", "created"), "2024-07-01T08:00:00Z"),
      delivery(
        "team",
        example("team", "added_to_repository", {
          repository: {
            ...(example("team", "added_to_repository").repository as object),
            ...REPOSITORY,
            private: true,
          },
        }),
        "2024-07-01T08:01:00Z",
      ),
      joins("klesh", "2024-07-01T08:02:00Z"),
      // Joined on Wednesday of the reported week: a member of it, from then on.
      joins("d4x1", "2024-07-10T10:00:00Z"),
    ])
      expect((await ingestDelivery(ctx.store, each)).status).toBe("applied");

    const writes = await runTheWeek();

    expect(warnings).toEqual([]);
    expect(teamReads).toEqual([]);
    expect(writes.map((write) => `${write.method} ${write.path}`)).toEqual([
      "POST /repos/Octocoders/Hello-World/issues",
    ]);
    const body = String(writes[0]?.body.body);
    expect(writes[0]?.body.title).toBe("Review activity: core 8 – 15 July 2024");
    expect(body).toMatch(/of 2 members reviewed at least one PR/);
    expect(body).not.toContain("inferred");
  });

  it("reads a team it never saw once, nested team and every page included, then reports on it", async () => {
    teamEndpoints();
    const writes = await runTheWeek();

    expect(teamReads.map((read) => read.replace(/\?.*/, "").toLowerCase())).toEqual([
      "get /orgs/octocoders/teams/github",
      "get /orgs/octocoders/teams/github/members",
      "get /orgs/octocoders/teams/github/teams",
      "get /orgs/octocoders/teams/github-core/members",
      "get /orgs/octocoders/teams/github-core/teams",
      "get /orgs/octocoders/teams/github/repos",
    ]);
    expect(writes.map((write) => `${write.method} ${write.path}`)).toEqual([
      "POST /repos/Octocoders/Hello-World/issues",
    ]);
    // klesh and d4x1, and abeizn of the nested team: all three count.
    expect(String(writes[0]?.body.body)).toMatch(/of 3 members reviewed at least one PR/);
  });

  it("takes a github_team only from the organisation's file: a repository's own file naming one is an error, and nothing is read", async () => {
    teamEndpoints();
    const writes = await runTheWeek({ own: ORGANIZATION_FILE, organization: null });
    expect(writes).toEqual([]);
    expect(teamReads).toEqual([]);
    expect(warnings).toContain(
      "review-activity report skipped: .github/expectations.yml is invalid",
    );
  });

  it("stops the report of a team deleted on GitHub", async () => {
    teamEndpoints();
    for (const each of [
      delivery("team", example("team", "created"), "2024-07-01T08:00:00Z"),
      joins("klesh", "2024-07-01T08:02:00Z"),
      delivery("team", example("team", "deleted"), "2024-07-09T08:00:00Z"),
    ])
      await ingestDelivery(ctx.store, each);

    expect(await runTheWeek()).toEqual([]);
    expect(teamReads).toEqual([]);
  });
});
