import { describeValue } from "./describe-value.js";
import { isPlainObject } from "./is-plain-object.js";
import type { ConfigError } from "./parse-config.js";

/** The repository a file in it governs, by owner and name. */
export interface OwnRepository {
  owner: string;
  repo: string;
}

/** The object's own value of `key`: nothing inherited counts. */
const ownValue = (object: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(object, key) ? object[key] : undefined;

/** A copy without prototype, with `key` set to `value` (or gone when undefined). */
function withValue(
  object: Record<string, unknown>,
  key: string,
  value: unknown,
): Record<string, unknown> {
  const copy: Record<string, unknown> = Object.assign(Object.create(null), object);
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
}

/**
 * A repository's own file governs only that repository. Settings that reach other repositories
 * (`reports.teams`, with their repositories and members, and `reports.repository` naming
 * another repository) are honoured only from the owner's `.github` repository, whose files the
 * organisation's admins control. Returns the settings without them, and an error for each that
 * says where it belongs. Only the settings' own keys are looked at, as only they are read.
 */
export function repositoryScopedSettings(
  settings: Record<string, unknown>,
  repository: OwnRepository,
): { settings: Record<string, unknown>; crossRepository: ConfigError[] } {
  const reports = ownValue(settings, "reports");
  if (!isPlainObject(reports)) return { settings, crossRepository: [] };
  const home = `${repository.owner}/.github`;
  const self = `${repository.owner}/${repository.repo}`;
  const teams = ownValue(reports, "teams");
  const target = ownValue(reports, "repository");
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
  const scoped = withValue(
    withValue(reports, "teams", undefined),
    "repository",
    intoItself ? target : undefined,
  );
  return { settings: withValue(settings, "reports", scoped), crossRepository };
}
