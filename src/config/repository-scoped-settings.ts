import { describeValue } from "./describe-value.js";
import { isPlainObject } from "./is-plain-object.js";
import type { ConfigError } from "./parse-config.js";

/** The repository a file in it governs, by owner and name. */
export interface OwnRepository {
  owner: string;
  repo: string;
}

/**
 * A repository's own file governs only that repository. Settings that reach other repositories
 * (`reports.teams`, with their repositories and members, and `reports.repository` naming
 * another repository) are honoured only from the owner's `.github` repository, whose files the
 * organisation's admins control. Returns the file without them, and an error for each that
 * says where it belongs.
 */
export function repositoryScopedSettings(
  file: Record<string, unknown>,
  repository: OwnRepository,
): { settings: Record<string, unknown>; crossRepository: ConfigError[] } {
  const reports = file.reports;
  if (!isPlainObject(reports)) return { settings: file, crossRepository: [] };
  const home = `${repository.owner}/.github`;
  const self = `${repository.owner}/${repository.repo}`;
  const { teams, repository: target, ...rest } = reports;
  const intoItself = typeof target === "string" && target.toLowerCase() === self.toLowerCase();
  const crossRepository: ConfigError[] = [];
  if (teams !== undefined)
    crossRepository.push({
      key: "reports.teams",
      message: `teams span repositories, so they are read only from ${home}, which the organisation's admins control: move it to ${home}`,
    });
  if (target !== undefined && !intoItself)
    crossRepository.push({
      key: "reports.repository",
      message: `a repository's own file posts its report only into itself, not ${describeValue(target)}: move it to ${home}, or name ${self}`,
    });
  return {
    settings: { ...file, reports: intoItself ? { ...rest, repository: target } : rest },
    crossRepository,
  };
}
