import { readFile } from "node:fs/promises";
import { parseDocument } from "yaml";
import { describeValue } from "./describe-value.js";
import { isPlainObject } from "./is-plain-object.js";
import { mergeConfigFiles } from "./merge-config-files.js";
import { type ConfigResult, parseConfig } from "./parse-config.js";

const CONFIG_PATH = ".github/expectations.yml";

/** What loadConfig needs of an Octokit: the config plugin every ProbotOctokit carries. */
export interface ConfigOctokit {
  config: {
    get(options: { owner: string; repo: string; path: string }): Promise<{
      files: Array<{ owner: string; repo: string; path: string; url: string; config: unknown }>;
    }>;
  };
}

const PLUGIN_PREFIX = "[@probot/octokit-plugin-config] ";

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
 * Loads `.github/expectations.yml` as `context.config` does (org `.github` fallback, `_extends`) and validates it.
 * A bad file becomes `{ ok: false }`; HTTP errors other than a missing file are rethrown so the caller can retry.
 */
export async function loadConfig(
  octokit: ConfigOctokit,
  repository: { owner: string; repo: string },
): Promise<ConfigResult> {
  let files: Awaited<ReturnType<ConfigOctokit["config"]["get"]>>["files"];
  try {
    ({ files } = await octokit.config.get({ ...repository, path: CONFIG_PATH }));
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
  return parseConfig(mergeConfigFiles(configs));
}

/** Loads a local config file (the CLI's `--config`); a missing file means defaults. */
export async function loadConfigFile(path: string): Promise<ConfigResult> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return parseConfig(null);
    return fileError(`cannot read ${path}: ${(error as Error).message}`);
  }
  const document = parseDocument(text);
  const [syntaxError] = document.errors;
  if (syntaxError) return fileError(`invalid YAML in ${path}: ${firstLine(syntaxError.message)}`);
  return parseConfig(document.toJS());
}
