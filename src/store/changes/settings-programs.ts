import { keepSettings } from "../merge-rules/index.js";
import type { KeptSettings } from "../rows.js";
import { mergeRow, type RowProgram } from "./row-operations.js";

/** Keeps a repository's settings under its name in lower case (GitHub's names ignore case). */
export function* putSettings(incoming: KeptSettings): RowProgram<void> {
  const settings = { ...incoming, repository: incoming.repository.toLowerCase() };
  const { installationId, repository } = settings;
  yield* mergeRow("kept_settings", { installationId, repository }, (stored) =>
    keepSettings(stored, settings),
  );
}
