import { describe, expect, it } from "vitest";
import { GITHUB_BODY_LIMIT, splitMarkdownBody } from "../../src/markdown/index.js";
import { renderReportMarkdown } from "../../src/reports/index.js";
import { activity, pullRequest, review } from "../metrics/activity-builder.js";
import { reportOf } from "../reports/report-fixture.js";

function fences(part: string): number {
  return part.split("\n").filter((line) => line.startsWith("```")).length;
}

describe("splitMarkdownBody", () => {
  it("leaves a body that fits alone", () => {
    const body = "## Review activity\n\nshort\n";
    expect(splitMarkdownBody(body)).toEqual([body]);
  });

  it("splits a 3,000-person report into parts that each fit GitHub's 65,535 characters", () => {
    const people = Array.from({ length: 3000 }, (_, i) => `reviewer-with-a-long-login-${i}`);
    const big = activity({
      pullRequests: [pullRequest(1, "alice", "2024-07-01 09:00")],
      reviews: people.map((login) => review(1, login, "2024-07-02 10:00")),
    });
    const markdown = renderReportMarkdown(reportOf(big));
    expect(markdown.length).toBeGreaterThan(3 * GITHUB_BODY_LIMIT);
    const parts = splitMarkdownBody(markdown);
    expect(parts.length).toBeGreaterThanOrEqual(4);
    // Room is left for the marker and the "part n of m" notes the publisher adds.
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT - 400);
    // Every person's row is there exactly once, and every part that has rows has the header.
    const rows = parts.flatMap((part) =>
      part.split("\n").filter((line) => line.startsWith("| `reviewer-with")),
    );
    expect(rows).toHaveLength(3000);
    for (const part of parts) {
      const lines = part.split("\n");
      const first = lines.findIndex((line) => line.startsWith("| `reviewer-with"));
      if (first === -1) continue;
      expect(lines[first - 2]).toMatch(/^\| Person \| Reviews/);
      expect(lines[first - 1]).toMatch(/^\| --- \|/);
    }
    // Nothing else is lost or duplicated: without repeated headers the parts are the report.
    const header =
      "| Person | Reviews | PRs reviewed | Requests | Answered | Unanswered | Pending | Median answer | 90th percentile |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
    const strip = (part: string, i: number) =>
      i > 0 && part.startsWith(header) ? part.slice(header.length) : part;
    expect(parts.map(strip).join("")).toBe(markdown);
    // Parts are filled: only the last may be much shorter than the room there is.
    for (const part of parts.slice(0, -1))
      expect(part.length).toBeGreaterThan(GITHUB_BODY_LIMIT - 400 - 200);
  });

  it("cuts a table between rows, repeating its header, and closes and reopens a code fence", () => {
    const table = [
      "| A | B |",
      "| --- | --- |",
      ...Array.from({ length: 40 }, (_, i) => `| row ${i} | x |`),
    ];
    const code = ["```mermaid", ...Array.from({ length: 40 }, (_, i) => `  line ${i}`), "```"];
    const markdown = `${["### Table", "", ...table, "", "### Chart", "", ...code].join("\n")}\n`;
    const parts = splitMarkdownBody(markdown, 400 + 200);
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(200);
      expect(fences(part) % 2).toBe(0);
      const lines = part.split("\n");
      const row = lines.findIndex((line) => line.startsWith("| row"));
      if (row !== -1) expect(lines.slice(row - 2, row)).toEqual(["| A | B |", "| --- | --- |"]);
    }
    const all = parts.join("\n");
    for (let i = 0; i < 40; i++) {
      expect(all).toContain(`| row ${i} | x |`);
      expect(all).toContain(`  line ${i}\n`);
    }
  });
});
