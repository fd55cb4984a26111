import type { KeptSettings } from "../rows.js";

/** The same settings text as kept changes nothing (not even their time); undefined then. */
export function keepSettings(
  stored: KeptSettings | undefined,
  incoming: KeptSettings,
): KeptSettings | undefined {
  return stored?.settings === incoming.settings ? undefined : incoming;
}
