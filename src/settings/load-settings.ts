import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { checkSettings } from "./check-settings.js";
import { SettingError } from "./setting-error.js";

export interface LoadedSettings {
  /** The environment with the `.env` file's settings added: a variable already set wins. */
  env: Record<string, string | undefined>;
  /** The settings taken from the file (those the environment did not set). */
  fromFile: Record<string, string>;
}

/**
 * The settings the server and every command run with: the environment, and `.env` in `cwd` for
 * what the environment does not set (dotenv's rule, and Probot's file). Every declared setting
 * with a value is checked; a bad one is a `SettingError` naming it and, if it came from the
 * file, the file.
 */
export function loadSettings(
  environment: Record<string, string | undefined>,
  cwd: string,
): LoadedSettings {
  const file = join(cwd, ".env");
  let parsed: Record<string, string | undefined> = {};
  try {
    parsed = parseEnv(readFileSync(file, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT")
      throw new SettingError(`${file} cannot be read (${code ?? (error as Error).message})`);
  }
  const fromFile: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed))
    if (environment[name] === undefined && value !== undefined) fromFile[name] = value;
  const env = { ...environment, ...fromFile };
  checkSettings(env, (name) => (name in fromFile ? file : undefined));
  return { env, fromFile };
}
