/** The page's stylesheet, inlined so the report opens offline as one file. */
export const STYLE = `
:root { --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --line: #d1d9e0;
  --critical: #8b0000; --high: #d1242f; --medium: #bf8700; --low: #0969da; --info: #6e7781; --pass: #1a7f37; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --line: #3d444d;
    --critical: #ff6a69; --high: #f85149; --medium: #d29922; --low: #4493f8; --info: #9198a1; --pass: #3fb950; }
}
* { box-sizing: border-box; }
body { margin: 0; padding: 24px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.meta { color: var(--muted); margin: 0 0 14px; }
.verdict { display: inline-block; padding: 4px 10px; border-radius: 6px; font-weight: 600; margin: 6px 0 14px; }
.verdict.failed { background: var(--high); color: #fff; }
.verdict.passed { background: var(--pass); color: #fff; }
.verdict.nogate { background: var(--panel); border: 1px solid var(--line); }
.cards { display: flex; flex-wrap: wrap; gap: 10px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; min-width: 96px; }
.card .n { font-size: 22px; font-weight: 600; display: block; }
.card .k { color: var(--muted); font-size: 12px; }
.charts { display: flex; flex-wrap: wrap; gap: 24px; }
.chart { margin: 0; }
.chart figcaption { font-weight: 600; margin-bottom: 6px; }
.chart-label, .chart-value { font-size: 12px; fill: var(--fg); }
.bar { fill: var(--info); }
.sev-critical { fill: var(--critical); } .sev-high { fill: var(--high); } .sev-medium { fill: var(--medium); }
.sev-low { fill: var(--low); } .sev-info { fill: var(--info); } .bar.neutral { fill: var(--low); }
.filters { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin-bottom: 10px; }
.filters input[type=search] { min-width: 260px; }
input, select { font: inherit; padding: 4px 6px; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--panel); position: sticky; top: 0; }
td.message { max-width: 520px; }
td.where, td.resource { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; word-break: break-all; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 10px; color: #fff; font-size: 12px; font-weight: 600; }
.badge.critical { background: var(--critical); } .badge.high { background: var(--high); } .badge.medium { background: var(--medium); }
.badge.low { background: var(--low); } .badge.info { background: var(--info); }
tr.suppressed td { opacity: 0.6; }
table.hide-suppression .suppression { display: none; }
.status-fail { color: var(--high); font-weight: 600; } .status-pass { color: var(--pass); font-weight: 600; } .status-manual { color: var(--muted); }
.muted { color: var(--muted); }
.level-error { color: var(--high); font-weight: 600; } .level-warning { color: var(--medium); font-weight: 600; } .level-note { color: var(--muted); }
`;
