import { z } from "zod";
import { CONFIG_LIMITS } from "./config-limits.js";
import { describeValue } from "./describe-value.js";
import { isPlainObject } from "./is-plain-object.js";
import type { ConfigError } from "./parse-config.js";
import { fileSizeError, parseConfigText } from "./parse-config-text.js";
import type { OwnRepository } from "./repository-scoped-settings.js";

const CONFIG_PATH = ".github/expectations.yml";
/** The repository whose config file is the organisation's (or user's): its admins control it. */
export const ORGANIZATION_REPOSITORY = ".github";

/** What reading config files needs of an Octokit: its `request` (every ProbotOctokit has it). */
export interface ConfigOctokit {
  request(route: string, parameters?: Record<string, unknown>): Promise<{ data: unknown }>;
}

/** The files of one config, from the most general (an `_extends` base) to the most specific. */
export type ConfigFiles =
  | {
      ok: true;
      files: Record<string, unknown>[];
      /** The most specific file is the repository's own (not its owner's `.github` file). */
      ownFile: boolean;
    }
  | { ok: false; errors: ConfigError[] };

interface Place {
  owner: string;
  repo: string;
  path: string;
}

const nameOf = ({ owner, repo, path }: Place) => `${owner}/${repo}:${path}`;

const failure = (key: string, message: string): ConfigFiles => ({
  ok: false,
  errors: [{ key, message }],
});

// The contents API's description of a file; the content is base64, or absent past 1 MB.
const fileReply = z.object({
  type: z.literal("file"),
  size: z.number().int().min(0),
  encoding: z.enum(["base64", "none"]),
  content: z.string(),
});

/** `.github`, `repo:path.yml` or `owner/repo:path.yml`, as Probot's `_extends` takes them. */
const EXTENDS =
  /^(?:([a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38})\/)?([-_.\w]+)(?::([-_./\w]+\.ya?ml))?$/i;

type Read = { ok: true; config: unknown | null } | { ok: false; errors: ConfigError[] };

/** One file's settings, null when there is none; a file that cannot be read as settings is an error. */
async function readFile(octokit: ConfigOctokit, place: Place): Promise<Read> {
  const name = nameOf(place);
  let data: unknown;
  try {
    const { owner, repo, path } = place;
    ({ data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner,
      repo,
      path,
    }));
  } catch (error) {
    if ((error as { status?: unknown }).status === 404) return { ok: true, config: null };
    throw error;
  }
  if (Array.isArray(data) || (isPlainObject(data) && data.type !== "file"))
    return {
      ok: false,
      errors: [
        { key: "(file)", message: `${name} is a directory, a submodule or a symlink, not a file` },
      ],
    };
  const reply = fileReply.safeParse(data);
  if (!reply.success)
    throw new Error(`GitHub's answer for ${name} is not a file's contents: ${reply.error.message}`);
  const { size, encoding, content } = reply.data;
  const tooLarge = fileSizeError(name, size);
  if (tooLarge) return tooLarge;
  if (encoding !== "base64")
    throw new Error(`GitHub's answer for ${name} carries no content (encoding ${encoding})`);
  const text = parseConfigText(Buffer.from(content, "base64").toString("utf8"), name);
  if (!text.ok) return text;
  if (!isPlainObject(text.value))
    return {
      ok: false,
      errors: [
        {
          key: "(file)",
          message: `expected a mapping of settings ("key: value" lines) in ${name}, got ${describeValue(text.value)}`,
        },
      ],
    };
  return { ok: true, config: text.value };
}

/**
 * The files of a repository's config, as Probot's config plugin finds them: the repository's
 * `.github/expectations.yml`, else its owner's `.github` repository's, then each file the last
 * one extends. Within the trust model: a repository's own file may extend only files in the
 * owner's `.github` repository, which the organisation's admins control (a file of another,
 * private repository would otherwise show up, piece by piece, in this repository's checks);
 * from there on the files are theirs and may point anywhere. Every file is bounded
 * (`CONFIG_LIMITS`), and so is the chain. HTTP errors other than a missing file are rethrown,
 * so that the caller can retry.
 */
export async function readConfigFiles(
  octokit: ConfigOctokit,
  repository: OwnRepository,
): Promise<ConfigFiles> {
  const { owner } = repository;
  const home = `${owner}/${ORGANIZATION_REPOSITORY}`;
  const isOrganization = (place: Pick<Place, "owner" | "repo">) =>
    place.owner.toLowerCase() === owner.toLowerCase() &&
    place.repo.toLowerCase() === ORGANIZATION_REPOSITORY;
  const own: Place = { owner, repo: repository.repo, path: CONFIG_PATH };
  let current = own;
  let read = await readFile(octokit, current);
  if (!read.ok) return read;
  let ownFile = !isOrganization(own);
  if (read.config === null && ownFile) {
    current = { owner, repo: ORGANIZATION_REPOSITORY, path: CONFIG_PATH };
    read = await readFile(octokit, current);
    if (!read.ok) return read;
    ownFile = false;
  }
  if (read.config === null) return { ok: true, files: [], ownFile: false };
  const places = [current];
  const files = [read.config as Record<string, unknown>];
  let trusted = !ownFile;
  for (;;) {
    const file = files.at(-1) as Record<string, unknown>;
    if (!Object.hasOwn(file, "_extends")) break;
    const value = file._extends;
    const match = typeof value === "string" ? EXTENDS.exec(value) : null;
    if (!match)
      return failure(
        "_extends",
        `_extends in ${nameOf(current)} names a repository, or a file as "repository:path.yml" (such as ".github" or ".github:shared/expectations.yml"), not ${describeValue(value)}`,
      );
    const next: Place = {
      owner: match[1] ?? owner,
      repo: match[2] as string,
      path: match[3] ?? CONFIG_PATH,
    };
    if (!trusted && !isOrganization(next))
      return failure(
        "_extends",
        `_extends may name only a file in ${home}, which the organisation's admins control, not ${next.owner}/${next.repo}: copy those settings into this file, or move them to ${home}`,
      );
    trusted = true;
    if (places.length > CONFIG_LIMITS.extendsChain)
      return failure(
        "_extends",
        `a config may extend at most ${CONFIG_LIMITS.extendsChain} files in a row; ${nameOf(current)} extends one more (${nameOf(next)}): copy its settings into one of them`,
      );
    const again = places.find((place) => nameOf(place) === nameOf(next));
    if (again)
      return failure(
        "_extends",
        `_extends in ${nameOf(current)} leads back to ${nameOf(again)}, which was read before: remove one of them`,
      );
    read = await readFile(octokit, next);
    if (!read.ok) return read;
    if (read.config === null)
      return failure("_extends", `points to ${nameOf(next)}, which does not exist`);
    current = next;
    places.push(next);
    files.push(read.config as Record<string, unknown>);
  }
  return { ok: true, files: files.reverse(), ownFile };
}
