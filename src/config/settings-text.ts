import { configToInput } from "./config-to-input.js";
import type { ConfigResult } from "./parse-config.js";

/** A loaded config (or its errors) as the JSON text the store keeps; `settingsFromText` reads it back. */
export function settingsText(result: ConfigResult): string {
  return JSON.stringify(result.ok ? { ok: true, config: configToInput(result.config) } : result);
}
