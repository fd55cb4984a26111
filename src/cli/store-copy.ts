import { copyStore, openStore, type Store } from "../store/index.js";
import { storeOption } from "./store-option.js";
import { UsageError } from "./usage-error.js";

export interface StoreCopyOptions {
  from: string;
  to: string;
}

/**
 * Moves an installation's store: copies everything from `--from` into an empty `--to` (an SQLite
 * file or a `postgres://` URL, either way), then compares what both return. Returns the exit
 * code: 0 when they agree, 1 on any difference (listed on stderr).
 */
export async function storeCopy(options: StoreCopyOptions): Promise<number> {
  if (options.from === options.to)
    throw new UsageError("--from and --to name the same store: give the database to copy into");
  const stores: Store[] = [];
  try {
    const from = await openStore(storeOption(options.from, "--from"));
    stores.push(from);
    const to = await openStore(storeOption(options.to, "--to"));
    stores.push(to);
    const { copied, differences } = await copyStore(from, to);
    const total = Object.values(copied).reduce((sum, rows) => sum + rows, 0);
    const tables = Object.entries(copied)
      .filter(([, rows]) => rows > 0)
      .map(([table, rows]) => `${table} ${rows}`)
      .join(", ");
    process.stderr.write(`copied ${total} rows (${tables || "an empty store"})\n`);
    if (differences.length > 0) {
      process.stderr.write(
        `the copy does not read back the same:\n${differences.map((d) => `  ${d}`).join("\n")}\n`,
      );
      return 1;
    }
    process.stderr.write(
      "verified: both stores return the same rows through the store interfaces\n",
    );
    return 0;
  } finally {
    for (const store of stores) await store.close();
  }
}
