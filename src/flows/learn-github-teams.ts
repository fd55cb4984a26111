import { type BackfillGitHub, readGitHubTeam } from "../backfill/index.js";
import { type ExpectationsConfig, githubTeamNames } from "../config/index.js";
import type { ActivityWrites, Millis, RepositoryRecord, TeamReads } from "../store/index.js";
import { learnCodeOwners } from "./learn-code-owners.js";
import { resolveGitHubTeams } from "./resolve-github-teams.js";

export interface LearnedTeams {
  /** Teams read from GitHub now ("org/slug"). */
  read: string[];
  /** Teams GitHub does not know: a configuration error the log names. */
  missing: string[];
  requests: number;
}

/**
 * Reads from GitHub, once, each `github_team` of the configuration the store does not follow
 * yet (when the app is installed, or when a team first appears in the organisation's file),
 * and the CODEOWNERS its `owners_from` teams need (see learnCodeOwners); from then on webhooks
 * keep them current and reports read nothing. Teams of another organisation than
 * `organization` are left alone: an installation reaches only its own.
 */
export async function learnGitHubTeams(
  store: ActivityWrites & TeamReads,
  github: Pick<BackfillGitHub, "request">,
  installationId: number,
  organization: string,
  config: Pick<ExpectationsConfig, "reports">,
  installed: readonly RepositoryRecord[],
  now: Millis,
): Promise<LearnedTeams> {
  const learned: LearnedTeams = { read: [], missing: [], requests: 0 };
  if (githubTeamNames(config).length === 0) return learned;
  learned.requests += await learnCodeOwners(
    store,
    github,
    installationId,
    organization,
    config,
    installed,
    now,
  );
  const resolved = await resolveGitHubTeams(store, installationId, config, installed);
  const known = new Set(
    (await store.listTeams(installationId))
      .filter((team) => team.membersKnownAt !== null)
      .map((team) => team.teamId),
  );
  for (const [name, team] of resolved) {
    if (team.state !== "unknown" || !name.startsWith(`${organization.toLowerCase()}/`)) continue;
    const reading = await readGitHubTeam(
      github as BackfillGitHub,
      installationId,
      name,
      now,
      known,
    );
    if (!reading) {
      learned.missing.push(name);
      continue;
    }
    learned.requests += reading.requests;
    await store.applyChanges(reading.changes);
    learned.read.push(name);
  }
  return learned;
}
