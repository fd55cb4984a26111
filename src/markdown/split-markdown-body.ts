/** GitHub rejects issue and comment bodies longer than this. */
export const GITHUB_BODY_LIMIT = 65_535;

// Room for the HTML marker and the "part n of m" notes added around each part.
const RESERVED = 400;

function length(lines: readonly string[]): number {
  return lines.reduce((sum, line) => sum + line.length + 1, 0);
}

/** Sections (from one `### ` heading to the next), each cut further only if it is too long. */
function sections(markdown: string): string[][] {
  const out: string[][] = [[]];
  for (const line of markdown.replace(/\n$/, "").split("\n")) {
    if (line.startsWith("### ")) out.push([]);
    (out[out.length - 1] as string[]).push(line);
  }
  return out.filter((section) => section.length > 0);
}

const SEPARATOR = /^\|\s*:?-{3}/;

/**
 * Splits an oversized section into pieces, repeating a table header or reopening a fence. The
 * first piece fills what is left of the current part (`firstBudget`).
 */
function cutSection(section: string[], budget: number, firstBudget: number): string[][] {
  const pieces: string[][] = [];
  let lines: string[] = [];
  let size = 0;
  let kept = 0;
  let footer: string[] = [];
  let tableHeader: string[] = [];
  let fence: string | null = null;
  section.forEach((line, i) => {
    if (fence !== null || !line.startsWith("|")) tableHeader = [];
    else if (tableHeader.length === 0 && SEPARATOR.test(section[i + 1] ?? ""))
      tableHeader = [line, section[i + 1] as string];
    const limit = pieces.length === 0 ? firstBudget : budget;
    if (lines.length > kept && size + line.length + 1 + length(footer) > limit) {
      // Never leave a table header behind without its separator line.
      const carried = line === tableHeader[1] ? lines.splice(-1) : [];
      pieces.push([...lines, ...footer]);
      const repeat =
        fence !== null
          ? [fence]
          : carried.length === 0 && line !== tableHeader[0]
            ? tableHeader
            : [];
      lines = [...repeat, ...carried];
      size = length(lines);
      kept = repeat.length;
    }
    // A single line longer than a whole part (never seen in practice) is cut hard.
    const fitted = line.length > budget / 2 ? `${line.slice(0, budget / 2 - 1)}…` : line;
    lines.push(fitted);
    size += fitted.length + 1;
    if (line.startsWith("```")) {
      fence = fence === null ? line : null;
      footer = fence === null ? [] : ["```"];
    }
  });
  if (lines.length > 0) pieces.push(lines);
  return pieces;
}

/**
 * Splits a markdown body into parts that each fit in an issue or comment body: whole `### `
 * sections where possible, tables cut between rows with their header repeated, code blocks
 * closed and reopened.
 */
export function splitMarkdownBody(markdown: string, limit = GITHUB_BODY_LIMIT): string[] {
  const budget = limit - RESERVED;
  if (markdown.length <= budget) return [markdown];
  const parts: string[] = [];
  let current: string[] = [];
  let size = 0;
  const flush = () => {
    if (current.length > 0) parts.push(`${current.join("\n")}\n`);
    current = [];
    size = 0;
  };
  for (const section of sections(markdown)) {
    const sectionSize = length(section);
    // A section too long for any part starts in the room left in the current one, if that is
    // a fair share (no heading stranded at the end of a part).
    const room = budget - size >= budget / 4 ? budget - size : budget;
    const pieces = sectionSize > budget ? cutSection(section, budget, room) : [section];
    for (const piece of pieces) {
      const pieceSize = length(piece);
      if (size + pieceSize > budget) flush();
      current.push(...piece);
      size += pieceSize;
    }
  }
  flush();
  return parts;
}
