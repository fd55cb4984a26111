import type { Unit } from "../metrics/index.js";
import { formatValue } from "../reports/index.js";
import { type Html, html } from "./html.js";

export interface LineChartInput {
  /** Unique on the page: names the figure for screen readers. */
  id: string;
  title: string;
  /** What the x axis counts, for the table's first column ("Period from", "Day"). */
  axis: string;
  /** One label per slot on the x axis. */
  labels: readonly string[];
  /** One value per slot from the first; slots after the last value are not reached yet. */
  values: readonly (number | null)[];
  unit: Unit;
  /** Dashed vertical lines at some slots, such as the release date. */
  markers?: readonly { slot: number; label: string }[];
  /** A sentence under the title. */
  note?: string;
  /** Drawn narrower, for several charts side by side (the text keeps its size). */
  compact?: boolean;
}

const LEFT = 46;
const RIGHT = 14;
const TOP = 22;
const BOTTOM = 30;

/** The top of the y axis: 100% for ratios, else a round number with four whole steps. */
function niceMax(max: number, unit: LineChartInput["unit"]): number {
  if (unit === "ratio") return 1;
  if (max <= 4) return 4;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * power >= max) ?? 10;
  return Math.ceil((step * power) / 4) * 4;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Consecutive values as SVG path data; a missing value breaks the line. */
function pathData(
  values: readonly (number | null)[],
  x: (slot: number) => number,
  y: (value: number) => number,
): string[] {
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((value, slot) => {
    if (value === null) {
      if (current.length > 0) segments.push(current.join(" "));
      current = [];
      return;
    }
    current.push(`${current.length === 0 ? "M" : "L"}${x(slot)},${y(value)}`);
  });
  if (current.length > 0) segments.push(current.join(" "));
  return segments;
}

/**
 * A line chart drawn on the server as SVG (no script, colours from the stylesheet), with the
 * same figures in a table beneath it for screen readers and for anyone who wants the numbers.
 * Missing values break the line rather than pretending to be zero.
 */
export function lineChart(input: LineChartInput): Html {
  const width = input.compact ? 380 : 620;
  const height = input.compact ? 190 : 230;
  const slots = Math.max(input.labels.length, 1);
  const present = input.values.filter((v): v is number => v !== null);
  const top = niceMax(Math.max(0, ...present), input.unit);
  const plotWidth = width - LEFT - RIGHT;
  const plotHeight = height - TOP - BOTTOM;
  const x = (slot: number) =>
    round(LEFT + (slots === 1 ? plotWidth / 2 : (slot * plotWidth) / (slots - 1)));
  const y = (value: number) => round(TOP + plotHeight - (value / top) * plotHeight);
  // A few labels spread evenly from the first slot to the last, so none run into each other.
  const labelCount = Math.min(slots, input.compact ? 4 : 7);
  const labelled = new Set(
    Array.from({ length: labelCount }, (_, i) =>
      labelCount === 1 ? 0 : Math.round((i * (slots - 1)) / (labelCount - 1)),
    ),
  );
  const markers = [...(input.markers ?? [])].sort((a, b) => a.slot - b.slot);
  const tickText = (tick: number) =>
    input.unit === "business_hours" || input.unit === "hours"
      ? `${formatValue(tick, "count")} h`
      : formatValue(tick, input.unit);

  const grid = [0, 1, 2, 3, 4].map((i) => {
    const tick = (top * i) / 4;
    return html`<line class="chart-grid" x1="${LEFT}" x2="${width - RIGHT}" y1="${y(tick)}" y2="${y(tick)}"/>
    <text class="chart-axis" x="${LEFT - 6}" y="${y(tick) + 4}" text-anchor="end">${tickText(tick)}</text>`;
  });
  // The first and last labels line up with the plot's edges, so neither is cut off.
  const anchor = (slot: number) =>
    slots > 1 && slot === 0 ? "start" : slots > 1 && slot === slots - 1 ? "end" : "middle";
  const axis = input.labels.map((label, slot) =>
    labelled.has(slot)
      ? html`<text class="chart-axis" x="${x(slot)}" y="${height - BOTTOM + 16}" text-anchor="${anchor(slot)}">${label}</text>`
      : "",
  );
  // Labels above the plot, left of the line for the first of two; one that would leave the
  // chart goes left of its line, a row lower.
  const marks = markers.map((marker, i) => {
    const wide = x(marker.slot) + 8 + marker.label.length * 6.5 > width;
    const left = (i === 0 && markers.length > 1) || wide;
    const row = wide && i > 0 ? TOP + 8 : TOP - 8;
    return html`<line class="chart-marker" x1="${x(marker.slot)}" x2="${x(marker.slot)}" y1="${TOP - 4}" y2="${TOP + plotHeight}"/>
    <text class="chart-marker-label" x="${x(marker.slot) + (left ? -4 : 4)}" y="${row}" text-anchor="${left ? "end" : "start"}">${marker.label}</text>`;
  });
  const points = input.values.map((value, slot) =>
    value === null
      ? ""
      : html`<circle class="chart-point" cx="${x(slot)}" cy="${y(value)}" r="${slots > 24 ? 2 : 3.2}"><title>${input.labels[slot]}: ${formatValue(value, input.unit)}</title></circle>`,
  );
  const empty =
    present.length === 0
      ? html`<text class="chart-empty" x="${LEFT + plotWidth / 2}" y="${TOP + plotHeight / 2}" text-anchor="middle">nothing to measure in these periods</text>`
      : "";
  const rows = input.labels.map(
    (label, slot) =>
      html`<tr><td>${label}</td><td class="number">${slot < input.values.length ? formatValue(input.values[slot] ?? null, input.unit) : "not yet"}</td></tr>`,
  );

  const titleId = `${input.id}-title`;
  return html`<figure class="chart" id="${input.id}">
  <figcaption id="${titleId}">${input.title}${input.note ? html`<div class="muted">${input.note}</div>` : ""}</figcaption>
  <svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${titleId}" focusable="false">
    ${grid}${axis}${empty}${marks}
    ${pathData(input.values, x, y).map((d) => html`<path class="chart-line" d="${d}"/>`)}
    ${points}
  </svg>
  <details class="numbers"><summary>Show the figures</summary></details>
  <div class="table-wrap chart-table"><table>
    <thead><tr><th scope="col">${input.axis}</th><th scope="col" class="number">${input.title}</th></tr></thead>
    <tbody>${rows}</tbody>
  </table></div>
</figure>`;
}
