import { keepSettings } from "../merge-rules/index.js";
import type { KeptSettings } from "../rows.js";
import { mergeRow, type RowProgram } from "./row-operations.js";

/** Keeps a repository's settings under its id; they go when the repository is removed. */
export function* putSettings(settings: KeptSettings): RowProgram<void> {
  const { installationId, repositoryId } = settings;
  yield* mergeRow("kept_settings", { installationId, repositoryId }, (stored) =>
    keepSettings(stored, settings),
  );
}
