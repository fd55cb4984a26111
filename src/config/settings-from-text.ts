import { z } from "zod";
import { type ConfigResult, parseConfig } from "./parse-config.js";

const keptSettings = z.union([
  z.object({ ok: z.literal(true), config: z.unknown() }),
  z.object({
    ok: z.literal(false),
    errors: z.array(z.object({ key: z.string(), message: z.string() })).min(1),
  }),
]);

/**
 * Settings kept by `settingsText`, validated again as the file would be: what a newer version
 * of the app no longer accepts, or text that is not what was kept, is an error to show.
 */
export function settingsFromText(text: string): ConfigResult {
  let kept: z.infer<typeof keptSettings>;
  try {
    kept = keptSettings.parse(JSON.parse(text));
  } catch {
    return {
      ok: false,
      errors: [{ key: "(file)", message: "the settings kept for this repository are unreadable" }],
    };
  }
  return kept.ok ? parseConfig(kept.config) : { ok: false, errors: kept.errors };
}
