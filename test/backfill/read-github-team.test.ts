import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BackfillGitHub } from "../../src/backfill/index.js";
import { GitHubReplyError, readGitHubTeam } from "../../src/backfill/index.js";
import { TestOctokit } from "../helpers/probot-server.js";
import { tempStore } from "../helpers/temp-store.js";

const API = "https://api.github.com";
const NOW = Date.parse("2026-11-02T09:00:00Z");
const people = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => ({ login: `${prefix}${i}`, type: "User" }));

describe("reading a team from GitHub when it is first named", () => {
  let github: BackfillGitHub;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new TestOctokit({ auth: { token: "ghs_test" } }) as unknown as BackfillGitHub;
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it("follows every page of members, and stores them as members since before anything was recorded", async () => {
    nock(API)
      .get("/orgs/acme/teams/storage")
      .reply(200, { id: 7, slug: "storage", name: "Storage", parent: null })
      .get("/orgs/acme/teams/storage/members")
      .query({ per_page: 100, page: 1 })
      .reply(200, people(100, "dev"))
      .get("/orgs/acme/teams/storage/members")
      .query({ per_page: 100, page: 2 })
      .reply(200, people(3, "late"))
      .get("/orgs/acme/teams/storage/teams")
      .query({ per_page: 100, page: 1 })
      .reply(200, [])
      .get("/orgs/acme/teams/storage/repos")
      .query({ per_page: 100, page: 1 })
      .reply(200, [{ id: 11, full_name: "acme/widgets" }]);
    const reading = await readGitHubTeam(github, 1, "acme/storage", NOW);
    expect(reading?.requests).toBe(5);
    expect(nock.isDone()).toBe(true);
    const ctx = await tempStore();
    try {
      await ctx.store.applyChanges(reading?.changes ?? []);
      const members = await ctx.store.listTeamMembers(1, [7]);
      expect(members).toHaveLength(103);
      expect(members.every((m) => m.spans.length === 1 && m.spans[0]?.from === null)).toBe(true);
      expect((await ctx.store.listTeams(1))[0]?.membersKnownAt).toBe(NOW);
      expect(await ctx.store.listTeamRepositories(1, [7])).toEqual([
        { installationId: 1, teamId: 7, repositoryId: 11, fullName: "acme/widgets" },
      ]);
    } finally {
      await ctx.cleanup();
    }
  });

  it("refuses a reply that is not a list of members, naming the request: nothing is stored", async () => {
    nock(API)
      .get("/orgs/acme/teams/storage")
      .reply(200, { id: 7, slug: "storage", name: "Storage" })
      .get("/orgs/acme/teams/storage/members")
      .query(true)
      .reply(200, { message: "not a list" });
    const failure = readGitHubTeam(github, 1, "acme/storage", NOW);
    await expect(failure).rejects.toBeInstanceOf(GitHubReplyError);
    await expect(failure).rejects.toThrow("GET /orgs/acme/teams/storage/members (page 1)");
  });

  it("reads a team GitHub does not know as null", async () => {
    nock(API).get("/orgs/acme/teams/gone").reply(404, { message: "Not Found" });
    expect(await readGitHubTeam(github, 1, "acme/gone", NOW)).toBeNull();
  });
});
