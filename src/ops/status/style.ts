/**
 * The page's stylesheet, served as /status/style.css so the Content-Security-Policy can forbid inline
 * styles. Mobile first: panels stack on a phone, tables scroll sideways inside their panel.
 */
export const STYLE_CSS = `
:root { color-scheme: light dark; --ok: #1a7f37; --warn: #b26a00; --bad: #c62828; --muted: #6b7280;
  --line: #d0d7de; --bg: #ffffff; --panel: #f6f8fa; --fg: #1f2328; --accent: #0969da; }
@media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --panel: #161b22; --fg: #e6edf3;
  --line: #30363d; --muted: #8b949e; --accent: #58a6ff; --ok: #3fb950; --warn: #d29922; --bad: #f85149; } }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  background: var(--bg); color: var(--fg); }
header { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .75rem 1rem;
  border-bottom: 1px solid var(--line); }
header h1 { font-size: 1.15rem; margin: 0; }
header .spacer { flex: 1; }
header form { margin: 0; }
main { display: grid; gap: 1rem; padding: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr)); }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem;
  min-width: 0; }
section.wide { grid-column: 1 / -1; }
h2 { font-size: 1rem; margin: 0 0 .5rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .3rem .6rem .3rem 0; border-bottom: 1px solid var(--line); vertical-align: top;
  white-space: nowrap; }
th { color: var(--muted); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.err { white-space: normal; min-width: 10rem; max-width: 24rem; overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 999px; font-size: .8rem; font-weight: 600;
  border: 1px solid currentColor; white-space: nowrap; }
.ok { color: var(--ok); } .warn { color: var(--warn); } .bad { color: var(--bad); } .muted { color: var(--muted); }
.notice { margin: 1rem 1rem 0; padding: .5rem .75rem; border: 1px solid var(--line); border-radius: 6px; }
.figures { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; margin: .5rem 0; }
.figures b { font-variant-numeric: tabular-nums; }
button { font: inherit; padding: .2rem .7rem; border-radius: 6px; border: 1px solid var(--line);
  background: var(--bg); color: var(--fg); cursor: pointer; }
button:hover { border-color: var(--accent); }
a { color: var(--accent); }
ul.reasons { margin: .25rem 0; padding-left: 1.2rem; }
svg.chart { width: 100%; max-width: 32rem; height: auto; display: block; }
svg.chart .used { fill: none; stroke: var(--accent); stroke-width: 2; }
svg.chart .budget { stroke: var(--bad); stroke-width: 1; }
svg.chart .projection { stroke: var(--muted); stroke-width: 1.5; stroke-dasharray: 4 3; }
svg.chart .projection.over { stroke: var(--bad); }
svg.chart .axis { stroke: var(--line); }
svg.chart .label { fill: var(--muted); font-size: 9px; }
svg.chart .label.end { text-anchor: end; }
form.login { max-width: 22rem; margin: 15vh auto; padding: 1.25rem; background: var(--panel);
  border: 1px solid var(--line); border-radius: 8px; display: grid; gap: .75rem; }
form.login input { font: inherit; padding: .4rem .5rem; border-radius: 6px; border: 1px solid var(--line);
  background: var(--bg); color: var(--fg); width: 100%; }
`;
