import { type BackfillGitHub, readCodeOwners } from "../backfill/index.js";
import type { ExpectationsConfig } from "../config/index.js";
import type { ActivityWrites, Millis, RepositoryRecord, TeamReads } from "../store/index.js";

/**
 * Reads, once, the CODEOWNERS of each installed repository of the organisation whose owners the
 * store does not know yet, when a team of its file takes owners from CODEOWNERS (after that a
 * push that changes the file reads it again; a report never does). Returns the requests made.
 */
export async function learnCodeOwners(
  store: ActivityWrites & TeamReads,
  github: Pick<BackfillGitHub, "request">,
  installationId: number,
  organization: string,
  config: Pick<ExpectationsConfig, "reports">,
  installed: readonly RepositoryRecord[],
  now: Millis,
): Promise<number> {
  const wanted = Object.values(config.reports.teams).some(
    (team) => team.owners_from === "codeowners",
  );
  if (!wanted) return 0;
  const known = new Set(
    (await store.listRepositoryOwners(installationId)).map((row) => row.repositoryId),
  );
  let requests = 0;
  for (const repository of installed) {
    const [owner = "", repo = ""] = repository.fullName.split("/");
    if (known.has(repository.repositoryId) || owner.toLowerCase() !== organization.toLowerCase())
      continue;
    const read = await readCodeOwners(github, owner, repo);
    requests += read.requests;
    await store.applyChanges([
      {
        kind: "repository_owners",
        installationId,
        repositoryId: repository.repositoryId,
        teams: read.teams,
        at: now,
      },
    ]);
  }
  return requests;
}
