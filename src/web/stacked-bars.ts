import { type Html, html } from "./html.js";

export type BarSegment = "on_track" | "at_risk" | "missed";

export interface StackedBarsInput {
  id: string;
  title: string;
  /** What each row is, for the table's first column. */
  axis: string;
  rows: readonly { label: string; values: Record<BarSegment, number> }[];
}

const SEGMENTS: readonly { key: BarSegment; label: string }[] = [
  { key: "on_track", label: "On track" },
  { key: "at_risk", label: "At risk" },
  { key: "missed", label: "Missed" },
];
const WIDTH = 640;
const LABEL = 230;
const ROW = 26;
const BAR = 16;

const shorten = (text: string, max = 34) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/**
 * Horizontal bars, one per row, split into on track, at risk and missed: SVG drawn on the
 * server, with a legend and the same counts in a table for screen readers.
 */
export function stackedBars(input: StackedBarsInput): Html {
  const total = (values: Record<BarSegment, number>) =>
    SEGMENTS.reduce((sum, s) => sum + values[s.key], 0);
  const max = Math.max(1, ...input.rows.map((row) => total(row.values)));
  const scale = (WIDTH - LABEL - 40) / max;
  const height = input.rows.length * ROW + 8;
  const titleId = `${input.id}-title`;
  return html`<figure class="chart" id="${input.id}">
  <figcaption id="${titleId}">${input.title}</figcaption>
  <div class="legend" aria-hidden="true">${SEGMENTS.map(
    (s) => html`<span><span class="swatch ${s.key}"></span>${s.label}</span>`,
  )}</div>
  <svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${titleId}" focusable="false">
    ${input.rows.map((row, i) => {
      const y = i * ROW + 4;
      let x = LABEL;
      return html`<text class="bar-label" x="${LABEL - 8}" y="${y + BAR - 3}" text-anchor="end">${shorten(row.label)}<title>${row.label}</title></text>
    ${SEGMENTS.map((s) => {
      const width = row.values[s.key] * scale;
      const rect =
        width > 0
          ? html`<rect class="bar-${s.key}" x="${x}" y="${y}" width="${Math.round(width * 10) / 10}" height="${BAR}" rx="2"><title>${row.label}: ${row.values[s.key]} ${s.label.toLowerCase()}</title></rect>`
          : "";
      x += width;
      return rect;
    })}
    <text class="bar-label" x="${Math.round(x + 6)}" y="${y + BAR - 3}">${total(row.values)}</text>`;
    })}
  </svg>
  <details class="numbers"><summary>Show the figures</summary></details>
  <div class="table-wrap chart-table"><table>
    <thead><tr><th scope="col">${input.axis}</th>${SEGMENTS.map((s) => html`<th scope="col" class="number">${s.label}</th>`)}</tr></thead>
    <tbody>${input.rows.map(
      (row) =>
        html`<tr><td>${row.label}</td>${SEGMENTS.map((s) => html`<td class="number">${row.values[s.key]}</td>`)}</tr>`,
    )}</tbody>
  </table></div>
</figure>`;
}
