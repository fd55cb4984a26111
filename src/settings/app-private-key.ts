import { createPrivateKey } from "node:crypto";
import { resolve } from "node:path";
import { getPrivateKey } from "@probot/get-private-key";
import type { SettingsEnv } from "./declared-settings.js";
import { SettingError } from "./setting-error.js";

/**
 * The GitHub App's private key as Probot reads it (PRIVATE_KEY as PEM or base64, else the file at
 * PRIVATE_KEY_PATH, else the one .pem file in `cwd`), checked to be a private key; null when none
 * is set. A key that cannot be read or is not a PEM private key is a `SettingError` naming the
 * setting (never the key).
 */
export function appPrivateKey(env: SettingsEnv, cwd: string): string | null {
  const where = env.PRIVATE_KEY
    ? "PRIVATE_KEY"
    : `PRIVATE_KEY_PATH: ${resolve(cwd, env.PRIVATE_KEY_PATH ?? "*.pem")}`;
  let pem: string | null;
  try {
    pem = getPrivateKey({ env: { ...env }, cwd });
  } catch (error) {
    if (env.PRIVATE_KEY)
      throw new SettingError(
        "PRIVATE_KEY: not a PEM private key; copy the whole .pem file the app's settings page gave you, or set PRIVATE_KEY_PATH to it",
      );
    const code = (error as NodeJS.ErrnoException).code;
    if (!env.PRIVATE_KEY_PATH)
      throw new SettingError(
        `PRIVATE_KEY_PATH is not set and ${cwd} holds several .pem files: set PRIVATE_KEY_PATH to the app's`,
      );
    throw new SettingError(
      `${where} cannot be read (${code ?? "it does not exist"}); set PRIVATE_KEY_PATH to the app's .pem file`,
    );
  }
  if (pem === null) return null;
  try {
    createPrivateKey(pem);
  } catch {
    throw new SettingError(
      `${where === "PRIVATE_KEY" ? "PRIVATE_KEY:" : `${where} is`} not a PEM private key; download a new one from the app's settings page (Private keys)`,
    );
  }
  return pem;
}
