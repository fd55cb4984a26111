import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** Resident set size of another process in bytes (Linux /proc, else `ps`). */
export function processRss(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // Not Linux: ask ps.
  }
  return (
    Number(
      execFileSync("ps", ["-o", "rss=", "-p", String(pid)])
        .toString()
        .trim(),
    ) * 1024
  );
}

export const MB = 1024 * 1024;
