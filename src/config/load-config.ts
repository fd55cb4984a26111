import { readFile } from "node:fs/promises";
import { composeConfigGet } from "@probot/octokit-plugin-config";
import { parseDocument } from "yaml";
import { describeValue } from "./describe-value.js";
import { isPlainObject } from "./is-plain-object.js";
import { mergeConfigFiles } from "./merge-config-files.js";
import { type ConfigResult, parseConfig } from "./parse-config.js";
import { type OwnRepository, repositoryScopedSettings } from "./repository-scoped-settings.js";

const CONFIG_PATH = ".github/expectations.yml";
/** The repository whose config file is the organisation's (or user's): its admins control it. */
export const ORGANIZATION_REPOSITORY = ".github";

/** What loadConfig needs of an Octokit: its `request` (every ProbotOctokit has it). */
export type ConfigOctokit = Parameters<typeof composeConfigGet>[0];

const PLUGIN_PREFIX = "[@probot/octokit-plugin-config] ";

const isOrganizationRepository = (repository: OwnRepository, owner: unknown, repo: unknown) =>
  String(owner).toLowerCase() === repository.owner.toLowerCase() &&
  String(repo).toLowerCase() === ORGANIZATION_REPOSITORY;

/**
 * The Octokit the config plugin reads with, so that a repository's own file extends only files
 * in the owner's `.github` repository (`_extends: .github` or `.github:path.yml`), which the
 * organisation's admins control; from there on the files are theirs and may point anywhere.
 * Any other `_extends` is refused before it is read: a file in another (private) repository
 * would otherwise show up, piece by piece, in this repository's checks.
 */
function extendsOnlyIntoOrganization(
  octokit: ConfigOctokit,
  repository: OwnRepository,
): ConfigOctokit {
  let first = true;
  let trusted = false;
  const request = async (route: unknown, parameters?: Record<string, unknown>) => {
    const options = (typeof route === "string" ? parameters : route) as Record<string, unknown>;
    const intoOrganization = isOrganizationRepository(repository, options?.owner, options?.repo);
    if (!first && !trusted && !intoOrganization)
      throw new Error(
        `${PLUGIN_PREFIX}_extends may name only a file in ${repository.owner}/${ORGANIZATION_REPOSITORY}, which the organisation's admins control, not ${String(options?.owner)}/${String(options?.repo)}: copy those settings into this file, or move them to ${repository.owner}/${ORGANIZATION_REPOSITORY}`,
      );
    first = false;
    trusted ||= intoOrganization;
    return (octokit.request as (r: unknown, p?: unknown) => Promise<unknown>)(route, parameters);
  };
  return {
    request: Object.assign(request, { endpoint: octokit.request.endpoint }),
  } as unknown as ConfigOctokit;
}

const fileError = (message: string): ConfigResult => ({
  ok: false,
  errors: [{ key: "(file)", message }],
});

function firstLine(text: string): string {
  return (text.split("\n")[0] ?? "").replace(/:$/, "");
}

/** "owner/repo:.github/expectations.yml" for a contents API URL, as people would name the file. */
function fileName(url: string): string {
  const match = /\/repos\/([^/]+)\/([^/]+)\/contents\/([^?\s)]+)/.exec(url);
  if (!match) return url;
  const [, owner = "", repo = "", path = ""] = match;
  return `${decodeURIComponent(owner)}/${decodeURIComponent(repo)}:${decodeURIComponent(path)}`;
}

function pluginErrorMessage(error: Error): string {
  const message = error.message
    .slice(PLUGIN_PREFIX.length)
    .replace(/https?:\/\/\S+\/repos\/\S+/g, fileName);
  const cause = error.cause instanceof Error ? firstLine(error.cause.message) : undefined;
  const invalidYaml = /could not be parsed from (\S+) \(invalid YAML\)/.exec(message);
  if (invalidYaml && cause) return `invalid YAML in ${invalidYaml[1]}: ${cause}`;
  return cause ? `${message}: ${cause}` : message;
}

/**
 * Loads `.github/expectations.yml` as `context.config` does (the owner's `.github` repository
 * when the repository has none, `_extends`) and validates it, within the trust model: a
 * repository's own file governs only that repository (its settings that reach other
 * repositories are errors, and its `_extends` stays in the owner's `.github` repository); the
 * `.github` repository's file, loaded with `repo: ".github"`, may set anything.
 * A bad file becomes `{ ok: false }`; HTTP errors other than a missing file are rethrown so the caller can retry.
 */
export async function loadConfig(
  octokit: ConfigOctokit,
  repository: OwnRepository,
): Promise<ConfigResult> {
  let files: Awaited<ReturnType<typeof composeConfigGet>>["files"];
  try {
    ({ files } = await composeConfigGet(extendsOnlyIntoOrganization(octokit, repository), {
      ...repository,
      path: CONFIG_PATH,
    }));
  } catch (error) {
    if (error instanceof Error && !("status" in error) && error.message.startsWith(PLUGIN_PREFIX)) {
      const message = pluginErrorMessage(error);
      // An invalid or circular `_extends` is a problem of that key, not of the whole file.
      return message.includes("_extends")
        ? { ok: false, errors: [{ key: "_extends", message }] }
        : fileError(message);
    }
    throw error;
  }
  const found = files.findIndex((file) => file.config !== null && file.config !== undefined);
  if (found === -1) return parseConfig(null);
  const missingBase = files
    .slice(found + 1)
    .find((file) => file.config === null || file.config === undefined);
  if (missingBase) {
    return {
      ok: false,
      errors: [
        {
          key: "_extends",
          message: `points to ${fileName(missingBase.url)}, which does not exist`,
        },
      ],
    };
  }
  const configs: Record<string, unknown>[] = [];
  for (const file of files.slice(found).reverse()) {
    if (!isPlainObject(file.config)) {
      return fileError(
        `expected a mapping of settings ("key: value" lines) in ${fileName(file.url)}, got ${describeValue(file.config)}`,
      );
    }
    configs.push(file.config);
  }
  const ownFile =
    found === 0 && !isOrganizationRepository(repository, repository.owner, repository.repo);
  if (!ownFile) return parseConfig(mergeConfigFiles(configs));
  // Files it extends are the organisation's, whose teams and targets are read from its own file.
  const scoped = configs.map((config) => repositoryScopedSettings(config, repository));
  const { crossRepository } = scoped.at(-1) as (typeof scoped)[number];
  const parsed = parseConfig(mergeConfigFiles(scoped.map((part) => part.settings)));
  if (crossRepository.length === 0) return parsed;
  return { ok: false, errors: [...crossRepository, ...(parsed.ok ? [] : parsed.errors)] };
}

/** Loads a local config file (the CLI's `--config`); a missing file is an error, never the defaults. */
export async function loadConfigFile(path: string): Promise<ConfigResult> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      return fileError(`${path} does not exist`);
    return fileError(`cannot read ${path}: ${(error as Error).message}`);
  }
  const document = parseDocument(text);
  const [syntaxError] = document.errors;
  if (syntaxError) return fileError(`invalid YAML in ${path}: ${firstLine(syntaxError.message)}`);
  return parseConfig(document.toJS());
}
