import examples from "@octokit/webhooks-examples";
import nock from "nock";
import { pino } from "pino";
import { Probot } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { expectationsApp } from "../../src/app.js";
import { parseConfig } from "../../src/config/index.js";
import { codeOwnersReaction, resolveGitHubTeams } from "../../src/flows/index.js";
import { teamReportTarget } from "../../src/schedule/index.js";
import { APP_ID, TEST_PRIVATE_KEY, TestOctokit } from "../helpers/probot-server.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

const INSTALLATION = 4343;
const API = "https://api.github.com";

/** The webhooks-examples `push`, to Codertocat/Hello-World's default branch, changing `files`. */
function push(files: string[], ref = "refs/heads/master"): Record<string, unknown> {
  const event = (
    examples as unknown as { name: string; examples: Record<string, unknown>[] }[]
  ).find((e) => e.name === "push");
  const payload = event?.examples[0] as Record<string, unknown>;
  return {
    ...payload,
    ref,
    installation: { id: INSTALLATION },
    commits: [{ id: "a", added: [], removed: [], modified: files }],
  };
}

const file = (text: string) => ({
  type: "file",
  encoding: "base64",
  content: Buffer.from(text).toString("base64"),
});

describe("CODEOWNERS: read when a push to the default branch changes it, never per report", () => {
  let ctx: TempStore;
  let probot: Probot;
  let reads: string[];
  beforeEach(async () => {
    ctx = await tempStore();
    reads = [];
    nock.disableNetConnect();
    nock(API)
      .persist()
      .post(/\/app\/installations\/\d+\/access_tokens$/)
      .reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z" });
    probot = new Probot({
      appId: APP_ID,
      privateKey: TEST_PRIVATE_KEY,
      secret: "unused",
      Octokit: TestOctokit,
      log: pino({ level: "silent" }),
    });
    await probot.load(
      expectationsApp({ store: ctx.store, reactions: [codeOwnersReaction(ctx.store)] }),
      { cwd: process.cwd(), addHandler: () => {} },
    );
  });
  afterEach(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await ctx.cleanup();
  });
  const receive = (payload: Record<string, unknown>, id: string) =>
    probot.receive({ id, name: "push", payload } as Parameters<typeof probot.receive>[0]);
  const contents = (path: string, status: number, body: unknown) =>
    nock(API)
      .get((uri) => decodeURIComponent(uri) === `/repos/Codertocat/Hello-World/contents/${path}`)
      .reply(() => {
        reads.push(path);
        return [status, JSON.stringify(body), { "content-type": "application/json" }];
      });

  it("keeps the teams that own `*`, from the first of GitHub's places that has the file", async () => {
    contents(".github/CODEOWNERS", 404, { message: "Not Found" });
    contents(
      "CODEOWNERS",
      200,
      file(
        "# owners\n*  @Codertocat/Platform @someone\n/docs/ @Codertocat/docs\n* @Codertocat/storage @Codertocat/platform-two # later rule wins\n",
      ),
    );
    await receive(push(["CODEOWNERS"]), "p1");

    expect(reads).toEqual([".github/CODEOWNERS", "CODEOWNERS"]);
    const [owners] = await ctx.store.listRepositoryOwners(INSTALLATION);
    expect(owners?.teams).toEqual(["codertocat/platform-two", "codertocat/storage"]);

    // The team that takes owners from CODEOWNERS now owns the repository: no read for that.
    const parsed = parseConfig({
      reports: {
        teams: { storage: { github_team: "Codertocat/storage", owners_from: "codeowners" } },
      },
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    await ctx.store.applyChanges([
      {
        kind: "repository",
        record: {
          installationId: INSTALLATION,
          repositoryId: owners?.repositoryId as number,
          fullName: "Codertocat/Hello-World",
          private: false,
        },
      },
      {
        kind: "team",
        record: {
          installationId: INSTALLATION,
          teamId: 9,
          organization: "codertocat",
          slug: "storage",
          name: "Storage",
          parentTeamId: null,
          updatedAt: 0,
        },
        membersKnownAt: 0,
      },
    ]);
    const installed = await ctx.store.listRepositories(INSTALLATION);
    const teams = await resolveGitHubTeams(ctx.store, INSTALLATION, parsed.config, installed);
    const target = teamReportTarget(
      INSTALLATION,
      "storage",
      parsed.config.reports.teams.storage as never,
      parsed.config,
      installed,
      teams,
    );
    expect(target?.repositories.map((r) => r.fullName)).toEqual(["Codertocat/Hello-World"]);
  });

  it("reads nothing for a push that does not touch it, or not to the default branch", async () => {
    await receive(push(["README.md"]), "p2");
    await receive(push([".github/CODEOWNERS"], "refs/heads/topic"), "p3");
    expect(reads).toEqual([]);
    expect(await ctx.store.listRepositoryOwners(INSTALLATION)).toEqual([]);
  });
});
