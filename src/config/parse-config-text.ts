import { CORE_SCHEMA, load, YAMLException } from "js-yaml";
import { CONFIG_LIMITS } from "./config-limits.js";
import type { ConfigError } from "./parse-config.js";

export type ConfigText = { ok: true; value: unknown } | { ok: false; errors: ConfigError[] };

type Unreadable = Extract<ConfigText, { ok: false }>;

const fileError = (message: string): Unreadable => ({
  ok: false,
  errors: [{ key: "(file)", message }],
});

/** The error for a file of `bytes` bytes when that is more than a config file may have. */
export function fileSizeError(file: string, bytes: number): Unreadable | undefined {
  if (bytes <= CONFIG_LIMITS.fileBytes) return undefined;
  return fileError(
    `${file} has ${bytes} bytes; a config file may have at most ${CONFIG_LIMITS.fileBytes} (${CONFIG_LIMITS.fileBytes / 1024} KB)`,
  );
}

/**
 * What a config file says, read as YAML 1.2's core schema reads it (dates stay text, as the
 * schema wants them), or why it cannot be read: too large, or not YAML. An empty file is an
 * empty mapping. Keys such as `__proto__` come out as ordinary keys, for `parseConfig` to refuse.
 */
export function parseConfigText(text: string, file: string): ConfigText {
  const tooLarge = fileSizeError(file, Buffer.byteLength(text, "utf8"));
  if (tooLarge) return tooLarge;
  try {
    return { ok: true, value: load(text, { schema: CORE_SCHEMA }) ?? {} };
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const { line = 0, column = 0 } = error.mark ?? {};
    return fileError(
      `invalid YAML in ${file}: ${error.reason} at line ${line + 1}, column ${column + 1}`,
    );
  }
}
