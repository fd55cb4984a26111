/**
 * The dashboard's only stylesheet, served from `/expectations/assets/dashboard.css` so that the
 * Content-Security-Policy allows no inline style. Light and dark follow the browser.
 */
export const DASHBOARD_STYLESHEET = `
:root {
  color-scheme: light dark;
  --bg: #ffffff;
  --bg-muted: #f6f8fa;
  --fg: #1f2328;
  --fg-muted: #59636e;
  --border: #d1d9e0;
  --accent: #0969da;
  --met: #1a7f37;
  --met-bg: #dafbe1;
  --risk: #9a6700;
  --risk-bg: #fff8c5;
  --miss: #cf222e;
  --miss-bg: #ffebe9;
  --none: #59636e;
  --none-bg: #eff2f5;
  --chart-line: #0969da;
  --chart-grid: #d1d9e0;
  --chart-marker: #8250df;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117;
    --bg-muted: #151b23;
    --fg: #e6edf3;
    --fg-muted: #9198a1;
    --border: #3d444d;
    --accent: #4493f8;
    --met: #3fb950;
    --met-bg: #12261e;
    --risk: #d29922;
    --risk-bg: #272115;
    --miss: #f85149;
    --miss-bg: #301a1f;
    --none: #9198a1;
    --none-bg: #212830;
    --chart-line: #4493f8;
    --chart-grid: #3d444d;
    --chart-marker: #ab7df8;
  }
}
* { box-sizing: border-box; }
html { font-size: 15px; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--fg);
  font-family: "Liberation Sans", "DejaVu Sans", -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
  line-height: 1.45;
}
a { color: var(--accent); text-decoration: none; }
a:hover, a:focus { text-decoration: underline; }
code, .login { font-family: "Liberation Mono", "DejaVu Sans Mono", ui-monospace, Menlo, monospace; font-size: 0.93em; }
header.top {
  display: flex;
  align-items: center;
  gap: 1.5rem;
  padding: 0.6rem 1.5rem;
  border-bottom: 1px solid var(--border);
  background: var(--bg-muted);
}
header.top .brand { font-weight: 700; color: var(--fg); font-size: 1.05rem; }
header.top nav { flex: 1; display: flex; gap: 1rem; }
header.top .who { display: flex; align-items: center; gap: 0.75rem; color: var(--fg-muted); }
header.top form { margin: 0; }
button, .button {
  font: inherit;
  padding: 0.3rem 0.8rem;
  border: 1px solid var(--border);
  border-radius: 6px;
  background: var(--bg);
  color: var(--fg);
  cursor: pointer;
}
.button.primary { background: var(--accent); border-color: var(--accent); color: #ffffff; font-weight: 600; padding: 0.55rem 1.2rem; }
main { max-width: 1180px; margin: 0 auto; padding: 1.25rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; margin: 0.4rem 0 0.3rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.6rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--border); }
h3 { font-size: 1rem; margin: 1.2rem 0 0.4rem; }
p.lead { color: var(--fg-muted); margin: 0 0 1rem; }
.muted { color: var(--fg-muted); }
.notice { border: 1px solid var(--border); border-left: 4px solid var(--risk); background: var(--risk-bg); padding: 0.6rem 0.9rem; border-radius: 6px; margin: 1rem 0; }
.notice.error { border-left-color: var(--miss); background: var(--miss-bg); }
.crumbs { font-size: 0.9rem; color: var(--fg-muted); margin-bottom: 0.2rem; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 0.75rem; margin: 1rem 0; }
.tile { border: 1px solid var(--border); border-radius: 8px; padding: 0.6rem 0.8rem; background: var(--bg-muted); }
.tile .figure { font-size: 1.5rem; font-weight: 700; }
.tile .label { color: var(--fg-muted); font-size: 0.85rem; }
.tile.met .figure { color: var(--met); }
.tile.at_risk .figure { color: var(--risk); }
.tile.missed .figure { color: var(--miss); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.93rem; }
caption { text-align: left; color: var(--fg-muted); font-size: 0.85rem; padding: 0.2rem 0; caption-side: top; }
th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--border); vertical-align: top; }
th { background: var(--bg-muted); font-weight: 600; white-space: nowrap; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr:hover td { background: var(--bg-muted); }
.verdict { display: inline-block; white-space: nowrap; border-radius: 999px; padding: 0.05rem 0.55rem; font-size: 0.82rem; font-weight: 600; }
.verdict::before { margin-right: 0.3rem; }
.verdict.met, .verdict.on_track, .verdict.released, .verdict.merged { color: var(--met); background: var(--met-bg); }
.verdict.met::before, .verdict.on_track::before, .verdict.released::before, .verdict.merged::before { content: "\\2713"; }
.verdict.at_risk { color: var(--risk); background: var(--risk-bg); }
.verdict.at_risk::before { content: "!"; }
.verdict.missed { color: var(--miss); background: var(--miss-bg); }
.verdict.missed::before { content: "\\2715"; }
.verdict.not_measured, .verdict.not_scheduled, .verdict.closed, .verdict.draft, .verdict.open { color: var(--none); background: var(--none-bg); }
.verdict.not_measured::before, .verdict.not_scheduled::before { content: "\\2013"; }
figure.chart { margin: 0.5rem 0 1.5rem; }
figure.chart figcaption { font-weight: 600; margin-bottom: 0.3rem; }
figure.chart figcaption .muted { font-weight: normal; font-size: 0.88rem; }
.rule { color: var(--fg-muted); font-size: 0.84rem; }
figure.chart svg { width: 100%; max-width: 760px; height: auto; display: block; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 0 1.5rem; }
.chart-grid { stroke: var(--chart-grid); stroke-width: 1; }
.chart-axis { fill: var(--fg-muted); font-size: 11px; }
.chart-empty { fill: var(--fg-muted); font-size: 13px; }
.chart-line { fill: none; stroke: var(--chart-line); stroke-width: 2.2; }
.chart-point { fill: var(--chart-line); }
.chart-marker { stroke: var(--chart-marker); stroke-width: 1.5; stroke-dasharray: 4 3; }
.chart-marker-label { fill: var(--chart-marker); font-size: 11px; }
.bar-on_track { fill: var(--met); }
.bar-at_risk { fill: var(--risk); }
.bar-missed { fill: var(--miss); }
.bar-label { fill: var(--fg); font-size: 12px; }
.legend { display: flex; gap: 1rem; font-size: 0.85rem; color: var(--fg-muted); margin: 0.2rem 0 0.5rem; }
.legend .swatch { display: inline-block; width: 0.8rem; height: 0.8rem; border-radius: 2px; margin-right: 0.3rem; vertical-align: -0.1rem; }
.swatch.on_track { background: var(--met); }
.swatch.at_risk { background: var(--risk); }
.swatch.missed { background: var(--miss); }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
table.verdict-grid td, table.verdict-grid th { padding: 0.3rem 0.3rem; font-size: 0.82rem; }
table.verdict-grid .verdict { font-size: 0.7rem; padding: 0 0.35rem; }
table.verdict-grid .verdict::before { margin-right: 0.15rem; }
details.numbers > summary { cursor: pointer; color: var(--fg-muted); font-size: 0.85rem; }
/* A chart's table stays readable by screen readers while folded away for the eye. */
details.numbers:not([open]) + .chart-table {
  position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap;
}
form.period { display: flex; gap: 0.5rem; align-items: center; margin: 0.5rem 0 1rem; }
select { font: inherit; padding: 0.25rem 0.4rem; border: 1px solid var(--border); border-radius: 6px; background: var(--bg); color: var(--fg); }
.signin { max-width: 34rem; margin: 4rem auto; text-align: center; }
.signin p { color: var(--fg-muted); }
footer { max-width: 1180px; margin: 0 auto; padding: 0 1.5rem 2rem; color: var(--fg-muted); font-size: 0.82rem; }
`;
