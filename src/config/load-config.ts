import { readFile, stat } from "node:fs/promises";
import { mergeConfigFiles } from "./merge-config-files.js";
import { type ConfigResult, parseConfig } from "./parse-config.js";
import { fileSizeError, parseConfigText } from "./parse-config-text.js";
import { type ConfigOctokit, readConfigFiles } from "./read-config-files.js";
import { type OwnRepository, repositoryScopedSettings } from "./repository-scoped-settings.js";

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
  const read = await readConfigFiles(octokit, repository);
  if (!read.ok) return read;
  const { files, ownFile } = read;
  if (!ownFile) return parseConfig(files.length === 0 ? null : mergeConfigFiles(files));
  // What the repository's file extends is the organisation's, whose teams and report target
  // count only for repositories it governs itself: not inherited, and not an error of this file.
  const inherited = repositoryScopedSettings(mergeConfigFiles(files.slice(0, -1)), repository);
  const merged = mergeConfigFiles([inherited.settings, files.at(-1) as Record<string, unknown>]);
  // Checked on the merged settings' own keys: what is left reaching beyond is this file's.
  const { settings, crossRepository } = repositoryScopedSettings(merged, repository);
  const parsed = parseConfig(settings);
  if (crossRepository.length === 0) return parsed;
  return { ok: false, errors: [...crossRepository, ...(parsed.ok ? [] : parsed.errors)] };
}

/** Loads a local config file (the CLI's `--config`); a missing file is an error, never the defaults. */
export async function loadConfigFile(path: string): Promise<ConfigResult> {
  let text: string;
  try {
    const tooLarge = fileSizeError(path, (await stat(path)).size);
    if (tooLarge) return tooLarge;
    text = await readFile(path, "utf8");
  } catch (error) {
    const message =
      (error as NodeJS.ErrnoException).code === "ENOENT"
        ? `${path} does not exist`
        : `cannot read ${path}: ${(error as Error).message}`;
    return { ok: false, errors: [{ key: "(file)", message }] };
  }
  const parsed = parseConfigText(text, path);
  return parsed.ok ? parseConfig(parsed.value) : parsed;
}
