/**
 * The dashboard's stylesheet. System fonts only (nothing fetched), large type and strong contrast so it reads on a
 * projector, a focus ring that shows on any background, and one column on a laptop, two on a wide screen.
 */
export const STYLES = `
:root {
  --ink: #111418; --muted: #4a5058; --paper: #ffffff; --canvas: #eef1f4; --line: #8a9199;
  --accent: #0b4fb3; --accent-ink: #ffffff; --ok: #0a5c2a; --ok-bg: #dcf3e3; --bad: #9b0d16; --bad-bg: #fde3e3;
  --run: #0b4fb3; --run-bg: #dfeafb; --wait: #5a4300; --wait-bg: #fbf0cc; --focus: #ffbf47;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  font-size: clamp(17px, 0.55vw + 11px, 22px);
  line-height: 1.45; color: var(--ink); background: var(--canvas);
}
* { box-sizing: border-box; }
body { margin: 0; }
h1, h2, h3, h4 { line-height: 1.2; margin: 0 0 0.5rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; } h3 { font-size: 1.15rem; } h4 { font-size: 1rem; }
a { color: var(--accent); text-underline-offset: 0.15em; }
code, pre, .mono { font-family: ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85em; }
:focus-visible { outline: 3px solid var(--ink); outline-offset: 2px; box-shadow: 0 0 0 6px var(--focus); }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip { position: absolute; left: 0.5rem; top: -4rem; background: var(--paper); padding: 0.5rem 1rem; z-index: 10; }
.skip:focus { top: 0.5rem; }
.card { background: var(--paper); border: 1px solid #c9ced4; border-radius: 8px; padding: 1rem 1.25rem; }
.top { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; padding: 1rem; align-items: start; }
.brand p { margin: 0; color: var(--muted); }
@media (min-width: 1000px) { .top { grid-template-columns: minmax(11rem, 0.6fr) minmax(20rem, 1.3fr) minmax(20rem, 1.7fr); } }
.top .card { padding: 0.6rem 1rem; }
.top h2 { font-size: 1.1rem; margin-bottom: 0.25rem; }
.brand h1 { font-size: 1.3rem; }
.top .buttons { margin: 0.3rem 0; gap: 0.4rem; }
.top button { min-height: 2.1rem; padding: 0.1rem 0.65rem; font-size: 0.85rem; }
.top .now { font-size: 1.3rem; }
.now { font-size: 1.5rem; font-weight: 700; margin: 0 0 0.5rem; font-variant-numeric: tabular-nums; }
.buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.5rem 0; }
button { font: inherit; font-size: 0.95rem; min-height: 2.5rem; padding: 0.3rem 0.9rem; border: 2px solid var(--accent); border-radius: 6px; background: var(--paper); color: var(--accent); cursor: pointer; }
button:hover { background: var(--run-bg); }
button.primary { background: var(--accent); color: var(--accent-ink); font-weight: 600; }
button.primary:hover { background: #093d8a; }
button.danger { border-color: var(--bad); color: var(--bad); }
button[aria-pressed="true"] { background: var(--accent); color: var(--accent-ink); }
button:disabled { opacity: 0.6; cursor: progress; }
.badge, .state { display: inline-block; padding: 0.05rem 0.5rem; border-radius: 999px; font-size: 0.85rem; font-weight: 600; background: var(--wait-bg); color: var(--wait); }
.badge.running { background: var(--ok-bg); color: var(--ok); }
tr[data-phase="running"] .state { background: var(--run-bg); color: var(--run); }
tr[data-phase="succeeded"] .state { background: var(--ok-bg); color: var(--ok); }
tr[data-phase="failed"] .state { background: var(--bad-bg); color: var(--bad); }
.errors:not(:empty) { margin: 0 1rem 1rem; padding: 0.75rem 1rem; border: 2px solid var(--bad); background: var(--bad-bg); color: var(--bad); border-radius: 6px; }
main { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; padding: 0 1rem 1rem; }
@media (min-width: 1100px) { main { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); } }
.column { display: flex; flex-direction: column; gap: 1rem; min-width: 0; }
#vendors { display: flex; flex-direction: column; gap: 0.6rem; }
#vendors > h2 { margin: 0.25rem 0 0; }
details.vendor { padding: 0.6rem 1rem; }
details.vendor > summary { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.1rem 0.75rem; }
details.vendor > summary h3 { display: inline; margin: 0; font-size: 1.05rem; }
details.vendor > summary .summary { margin: 0; font-weight: 400; font-size: 0.85rem; flex-basis: 100%; }
details.vendor[open] > summary { margin-bottom: 0.75rem; }
label.check { display: inline-flex; align-items: center; gap: 0.4rem; font-weight: 400; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 17rem), 1fr)); gap: 1rem; }
.chart { margin: 0; min-width: 0; }
.chart figcaption h3 { font-size: 1rem; }
.chart-svg, .timeline-svg { display: block; width: 100%; height: auto; }
.timeline { overflow-x: auto; margin-bottom: 0.5rem; }
.timeline-svg { min-width: 34rem; }
.grid { stroke: #d5d9de; stroke-width: 1; }
.tick, .lane-label { font-size: 13px; fill: var(--muted); font-family: inherit; }
.lane-label { fill: var(--ink); }
.lane-until { font-size: 12px; fill: #ffffff; font-weight: 600; }
.now-line { stroke: var(--bad); stroke-width: 2; stroke-dasharray: 5 3; }
.now-label { fill: var(--bad); font-size: 13px; font-weight: 700; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; padding: 0; margin: 0.3rem 0; font-size: 0.85rem; }
.legend li { display: inline-flex; align-items: center; gap: 0.35rem; }
.swatch { display: inline-block; width: 0.9rem; height: 0.9rem; border-radius: 2px; }
.source { color: var(--muted); font-size: 0.8rem; margin: 0.2rem 0; }
.chart-data table { font-size: 0.8rem; }
.note { color: var(--muted); margin: 0; }
.summary { color: var(--muted); margin: 0 0 0.5rem; }
fieldset { border: 1px solid #c9ced4; border-radius: 6px; margin: 0 0 0.75rem; padding: 0.5rem 0.75rem 0.75rem; }
legend { font-weight: 600; padding: 0 0.25rem; }
.fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0.5rem 1rem; }
.field { display: flex; flex-direction: column; gap: 0.15rem; min-width: 0; }
.field.wide { grid-column: 1 / -1; }
label { font-weight: 600; font-size: 0.9rem; }
input, select { font: inherit; font-size: 0.95rem; padding: 0.3rem 0.5rem; border: 2px solid var(--line); border-radius: 4px; background: var(--paper); color: var(--ink); min-width: 0; }
.hint { color: var(--muted); font-size: 0.85rem; }
.result:not(:empty) { margin-top: 0.75rem; }
.result pre, .record pre, .journal pre, #job-details pre { max-height: 18rem; overflow: auto; background: #f5f7f9; border: 1px solid #d5d9de; border-radius: 4px; padding: 0.5rem; margin: 0.25rem 0; white-space: pre-wrap; word-break: break-all; }
.snippets { margin-top: 0.75rem; }
summary { cursor: pointer; font-weight: 600; }
.snippet-head { display: flex; justify-content: space-between; align-items: center; margin-top: 0.5rem; }
.snippet-head h4 { margin: 0; }
.snippet pre { background: #14181d; color: #f1f3f5; padding: 0.75rem; border-radius: 6px; overflow-x: auto; margin: 0.25rem 0; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #d5d9de; vertical-align: top; }
th { font-size: 0.85rem; color: var(--muted); }
td { font-size: 0.9rem; }
td .sub { display: block; color: var(--muted); font-size: 0.8rem; }
progress { display: block; width: 100%; max-width: 7rem; height: 0.9rem; margin-top: 0.3rem; accent-color: var(--accent); }
.files { display: flex; flex-direction: column; gap: 0.25rem; }
.file { display: flex; flex-wrap: wrap; gap: 0.2rem 0.4rem; align-items: center; }
.file a { word-break: break-all; }
#jobs-table { table-layout: fixed; min-width: 36rem; }
#jobs-table td { overflow-wrap: anywhere; font-size: 0.85rem; }
#jobs-table th:nth-child(1) { width: 22%; } #jobs-table th:nth-child(2) { width: 17%; } #jobs-table th:nth-child(3) { width: 12%; }
#jobs-table th:nth-child(4) { width: 11%; } #jobs-table th:nth-child(5) { width: 12%; } #jobs-table th:nth-child(6) { width: 26%; }
#jobs-table .state { white-space: nowrap; }
#jobs-table time { overflow-wrap: normal; }
#jobs-table code.sub { word-break: break-all; }
td button.details { display: block; margin-top: 0.25rem; }
.file button, td button.details { min-height: 2rem; padding: 0.1rem 0.6rem; font-size: 0.85rem; }
#jobs-empty[hidden] { display: none; }
.error { color: var(--bad); font-weight: 600; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0 0 0.75rem; }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; word-break: break-all; }
.records { display: flex; flex-direction: column; gap: 0.4rem; }
.csv-wrap { overflow-x: auto; max-height: 24rem; }
.journal { list-style: none; padding: 0; margin: 0.75rem 0 0; display: flex; flex-direction: column; gap: 0.35rem; }
.journal li { border: 1px solid #d5d9de; border-radius: 4px; padding: 0.35rem 0.6rem; }
.journal summary { font-weight: 400; font-size: 0.9rem; word-break: break-all; }
.journal .status { font-weight: 700; }
.journal .status.bad { color: var(--bad); }
.journal h4 { margin: 0.5rem 0 0.2rem; font-size: 0.9rem; }
.scenario-list { margin: 0.25rem 0 0.5rem; }
footer { padding: 0 1rem 1rem; color: var(--muted); }
@media (max-width: 640px) {
  :root { font-size: 16px; }
  .top .now { font-size: 1.1rem; }
  .top, main { padding: 0.5rem; gap: 0.6rem; }
  .card { padding: 0.6rem 0.75rem; }
  #jobs-table { min-width: 0; table-layout: auto; }
  #jobs-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  #jobs-table tr { display: block; border-bottom: 2px solid #c9ced4; padding: 0.4rem 0; }
  #jobs-table td { display: grid; grid-template-columns: 7.5rem 1fr; gap: 0.5rem; border: 0; padding: 0.15rem 0; }
  #jobs-table td::before { content: attr(data-label); font-weight: 600; color: var(--muted); font-size: 0.8rem; }
}
.login { display: grid; place-items: center; min-height: 100vh; }
.login-card { max-width: 32rem; }
.login-card .field { margin-bottom: 0.75rem; }
`;
