import { z } from "zod";
import { expecting } from "../config/index.js";
import { githubTeamSchema, normalizeActor, userSchema, withoutNul } from "../ingest/index.js";
import type { Millis, StoreChange } from "../store/index.js";
import type { BackfillGitHub } from "./github-client.js";
import { parseReply } from "./parse-reply.js";

const PAGE = 100;
// Not a list is an error, never "nobody": a team would silently lose every member.
const memberList = z.array(userSchema, { error: expecting("a list of members") });
const repositoryList = z.array(
  z.object({ id: z.number().int().positive(), full_name: z.string().min(1) }),
  { error: expecting("a list of repositories") },
);
const teamList = z.array(githubTeamSchema, { error: expecting("a list of teams") });

/** How one team read from GitHub went: what to store, and what it cost. */
export interface GitHubTeamReading {
  /** The team, each team nested in it (any depth), their members and the team's repositories. */
  changes: StoreChange[];
  teamIds: number[];
  requests: number;
}

/**
 * Reads a team of an organisation as GitHub has it now (REST, every page, each reply checked
 * before any of it is used): the team, its members, the repositories it may reach, and the
 * teams nested in it with their members (they count in it too). `known`: the teams whose
 * members the store already followed, whose listing is therefore not their first.
 * A team GitHub does not know (404) reads as null.
 */
export async function readGitHubTeam(
  github: BackfillGitHub,
  installationId: number,
  name: string,
  now: Millis,
  known: ReadonlySet<number> = new Set(),
): Promise<GitHubTeamReading | null> {
  const [org = "", slug = ""] = name.split("/");
  let requests = 0;
  const get = async <T extends z.ZodType>(
    route: string,
    slugOf: string,
    schema: T,
    page?: number,
  ) => {
    requests += 1;
    const parameters = { org, team_slug: slugOf, ...(page ? { per_page: PAGE, page } : {}) };
    const { data } = await github.request(route, parameters);
    const what = `${route.replace("{org}", org).replace("{team_slug}", slugOf)}${page ? ` (page ${page})` : ""}`;
    return parseReply(schema, data, what);
  };
  const all = async <Item>(route: string, slugOf: string, schema: z.ZodType<Item[]>) => {
    const items: Item[] = [];
    for (let page = 1; ; page++) {
      const found = await get(route, slugOf, schema, page);
      items.push(...found);
      if (found.length < PAGE) return items;
    }
  };
  let team: z.output<typeof githubTeamSchema>;
  try {
    team = await get("GET /orgs/{org}/teams/{team_slug}", slug, githubTeamSchema);
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
  const changes: StoreChange[] = [];
  const teamIds: number[] = [];
  const record = (each: z.output<typeof githubTeamSchema>, parentTeamId: number | null) => ({
    installationId,
    teamId: each.id,
    organization: org.toLowerCase(),
    slug: each.slug,
    name: each.name,
    parentTeamId,
    updatedAt: now,
  });
  const readMembers = async (
    each: z.output<typeof githubTeamSchema>,
    parentTeamId: number | null,
  ) => {
    teamIds.push(each.id);
    const members = await all("GET /orgs/{org}/teams/{team_slug}/members", each.slug, memberList);
    changes.push(
      { kind: "team", record: record(each, parentTeamId), membersKnownAt: now },
      {
        kind: "team_membership",
        installationId,
        teamId: each.id,
        change: {
          kind: "listed",
          logins: members.map((member) => normalizeActor(member).login),
          at: now,
          first: !known.has(each.id),
        },
      },
    );
    for (const child of await all("GET /orgs/{org}/teams/{team_slug}/teams", each.slug, teamList))
      if (!teamIds.includes(child.id)) await readMembers(child, each.id);
  };
  await readMembers(team, team.parent === undefined ? null : (team.parent?.id ?? null));
  const repositories = await all("GET /orgs/{org}/teams/{team_slug}/repos", slug, repositoryList);
  changes.push({
    kind: "team_repositories_listed",
    installationId,
    teamId: team.id,
    repositories: repositories.map((r) => ({ repositoryId: r.id, fullName: r.full_name })),
  });
  return { changes: withoutNul(changes), teamIds, requests };
}
