const MAX_SEGMENT = 64;

/** The dotted key a person reads for a path into the file ("reports.teams.storage.repos[2]"). */
export function configKey(path: readonly PropertyKey[]): string {
  let key = "";
  for (const segment of path) {
    if (typeof segment === "number") {
      key += `[${segment}]`;
      continue;
    }
    const name = String(segment);
    // A key as long as the file would be all the message says.
    const shown = name.length > MAX_SEGMENT ? `${name.slice(0, MAX_SEGMENT)}…` : name;
    key += key === "" ? shown : `.${shown}`;
  }
  return key === "" ? "(file)" : key;
}
