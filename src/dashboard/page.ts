/**
 * The dashboard's HTML, rendered on the server: landmarks, one start form per registered vendor (credentials from its
 * tenants, dates from the virtual clock), and the empty regions the script fills (jobs, preview, journal, panels). The
 * configuration the script needs travels in a JSON data block; there is no inline script, so the page runs under a
 * strict Content-Security-Policy, and every asset comes from this server.
 */
import type { DashboardFlow, DashboardPanel, Field, RelativeDate, Target } from '../core/dashboard-flow.js';

export const ASSET_PATH = '/__dashboard';

export interface PageVendor {
  id: string;
  title: string;
  flow: DashboardFlow;
  targets: Target[];
}

export interface PageInput {
  vendors: PageVendor[];
  /** Panels the vendors declare (e.g. a notification outbox), each fed by a control route. */
  panels: readonly DashboardPanel[];
  now: number;
  /** The admin token, for the page's own fetches to /__admin (only when one is configured). */
  token: string | null;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** A date relative to the UTC day of `now` (the script computes the same as the clock moves). */
function relativeDate(spec: RelativeDate, now: number): string {
  const day = new Date(Math.floor(now / 86_400_000) * 86_400_000 + spec.days * 86_400_000).toISOString().slice(0, 10);
  return spec.as === 'start' ? `${day}T00:00:00.000Z` : spec.as === 'end' ? `${day}T23:59:59.999Z` : day;
}

function field(vendor: string, f: Field, value: string): string {
  const id = `${vendor}-${f.name}`;
  const hint = f.hint ? `<small id="${id}-hint" class="hint">${esc(f.hint)}</small>` : '';
  const described = f.hint ? ` aria-describedby="${id}-hint"` : '';
  const relative =
    typeof f.value === 'object' ? ` data-relative="${esc(JSON.stringify(f.value))}" data-auto="${esc(value)}"` : '';
  let control: string;
  if (f.type === 'select') {
    const options = (f.options ?? [])
      .map((o) => `<option value="${esc(o)}"${o === value ? ' selected' : ''}>${esc(o || '(any)')}</option>`)
      .join('');
    control = `<select id="${id}" name="${esc(f.name)}"${described}>${options}</select>`;
  } else {
    const type = f.type === 'date' && typeof f.value === 'object' && f.value.as ? 'text' : (f.type ?? 'text');
    const required = f.optional ? '' : ' required';
    control = `<input id="${id}" name="${esc(f.name)}" type="${type}" value="${esc(value)}" autocomplete="off" spellcheck="false"${required}${described}${relative}>`;
  }
  return `<div class="field"><label for="${id}">${esc(f.label)}</label>${control}${hint}</div>`;
}

function vendorSection(v: PageVendor, now: number): string {
  const { flow, title, id } = v;
  const first = v.targets[0]?.values ?? {};
  const fieldValue = (f: Field) =>
    f.target ? (first[f.name] ?? '') : typeof f.value === 'object' ? relativeDate(f.value, now) : (f.value ?? '');
  const targetFields = flow.fields.filter((f) => f.target);
  const otherFields = flow.fields.filter((f) => !f.target);
  const targets =
    v.targets.length > 0
      ? `<div class="field wide"><label for="${id}-target">Demo tenant</label><select id="${id}-target" name="__target" data-targets>${v.targets
          .map((t, i) => `<option value="${i}">${esc(t.label)}</option>`)
          .join('')}</select></div>`
      : `<p class="note">No demo tenant found in GET /__admin/tenants: fill the credentials in.</p>`;
  const action = flow.jobId ? 'Start export' : 'Get signed URLs';
  const snippet = (kind: string, label: string) =>
    `<div class="snippet"><div class="snippet-head"><h4 id="snippet-${kind}-${id}-h">${label}</h4><button type="button" class="copy" data-copy="snippet-${kind}-${id}" aria-describedby="snippet-${kind}-${id}-h">Copy</button></div><pre tabindex="0" aria-labelledby="snippet-${kind}-${id}-h"><code id="snippet-${kind}-${id}">…</code></pre></div>`;
  // Folded by default, so the clock, presets and jobs fill the first screen; one click opens a vendor's form.
  return `<details class="vendor card" id="vendor-${id}" data-vendor="${id}">
<summary><h3 id="vendor-${id}-h">${esc(title)}</h3><span class="summary">${esc(flow.summary)}</span></summary>
<form id="form-${id}" class="start" data-vendor="${id}" aria-labelledby="vendor-${id}-h">
<fieldset><legend>Demo credentials</legend><div class="fields">${targets}${targetFields.map((f) => field(id, f, fieldValue(f))).join('')}</div></fieldset>
<fieldset><legend>Request</legend><div class="fields">${otherFields.map((f) => field(id, f, fieldValue(f))).join('')}</div></fieldset>
<button type="submit" class="primary">${action}</button>
</form>
<div class="result" id="result-${id}" role="status" aria-live="polite"></div>
<details class="snippets"><summary>curl and fetch for this flow</summary>${snippet('curl', 'curl')}${snippet('fetch', 'fetch (JavaScript)')}</details>
</details>`;
}

/** A vendor's panel: the script fills its body from the panel's control route. */
const panelSection = (
  p: DashboardPanel,
) => `<section id="${esc(p.id)}" class="card panel" aria-labelledby="${esc(p.id)}-h">
<h2 id="${esc(p.id)}-h">${esc(p.title)}</h2>
<div id="${esc(p.id)}-body"><p>none</p></div>
</section>`;

/** JSON inside a <script type="application/json"> block: `<` escaped so no text can close the element. */
const dataBlock = (data: unknown) =>
  JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${ASSET_PATH}/app.css">
</head>
${body}
</html>
`;
}

/** The clock and the presets, above everything else. */
function topBar(now: number): string {
  return `<header class="top">
<div class="brand"><h1>agent-export-mock</h1><p>The vendors' data-export APIs on one virtual clock. <a href="/docs">API docs</a></p></div>
<section class="card" id="clock" aria-labelledby="clock-h">
<h2 id="clock-h">Virtual clock</h2>
<p class="now"><time id="clock-now">${esc(new Date(now).toISOString().replace('T', ' ').slice(0, 19))} UTC</time> <span id="clock-mode" class="badge">…</span></p>
<div class="buttons" role="group" aria-label="Advance the clock">
<button type="button" data-advance="60">+1 min</button><button type="button" data-advance="3600">+1 h</button><button type="button" data-advance="86400">+1 day</button><button type="button" data-advance="604800">+7 days</button>
</div>
<div class="buttons"><button type="button" id="clock-freeze">Freeze</button><button type="button" id="reset" class="danger">Reset all</button></div>
</section>
<section class="card" id="scenarios" aria-labelledby="scenarios-h">
<h2 id="scenarios-h">Presets</h2>
<div class="buttons" id="presets" role="group" aria-label="Install a preset"></div>
<p id="scenario-list" class="scenario-list">No scenario in force.</p>
<button type="button" id="clear-scenarios">Clear scenarios</button>
</section>
</header>`;
}

/** The jobs, the details of one, and the charts: the wide column. */
function jobsColumn(): string {
  return `<div class="column wide">
<section id="jobs" class="card" aria-labelledby="jobs-h">
<h2 id="jobs-h" tabindex="-1">Jobs</h2>
<div id="timeline-body" class="timeline" tabindex="0" role="region" aria-label="Timeline of the newest jobs"><p>The timeline shows each job once one is started.</p></div>
<div class="table-wrap" aria-live="polite" aria-relevant="additions text">
<table id="jobs-table"><caption class="sr-only">Export jobs, newest first</caption>
<thead><tr><th scope="col">Job</th><th scope="col">State</th><th scope="col">Created, started</th><th scope="col">Ended</th><th scope="col">Link expires</th><th scope="col">Files</th></tr></thead>
<tbody id="jobs-body"></tbody>
</table>
<p id="jobs-empty">No job yet: open a vendor under “Start an export”.</p>
</div>
</section>
<section id="job-details" class="card" aria-labelledby="job-details-h" hidden>
<h2 id="job-details-h" tabindex="-1">Job</h2>
<div id="job-details-body"></div>
</section>
<section id="charts" class="card" aria-labelledby="charts-h">
<h2 id="charts-h">The world, day by day</h2>
<p class="hint">The last two weeks up to the virtual now, computed by the functions the exports are cut from: a downloaded file shows the same numbers.</p>
<div id="charts-body" class="charts"><p>Loading the charts…</p></div>
</section>
</div>`;
}

/** The start forms, the preview, the journal and the vendors' panels: the side column. */
function sideColumn(input: PageInput): string {
  return `<div class="column side">
<section id="vendors" aria-labelledby="vendors-h">
<h2 id="vendors-h" tabindex="-1">Start an export</h2>
${input.vendors.map((v) => vendorSection(v, input.now)).join('\n')}
</section>
<section id="preview" class="card" aria-labelledby="preview-h">
<h2 id="preview-h" tabindex="-1">File preview</h2>
<div id="preview-body"><p>Choose “Preview” next to a file.</p></div>
</section>
<section id="journal" class="card" aria-labelledby="journal-h">
<h2 id="journal-h">Request journal</h2>
<p class="hint">Requests to vendor routes and download links, newest first. Expand one for its headers and bodies.</p>
<div class="buttons"><label class="check"><input type="checkbox" id="journal-dashboard"> Include this page's own requests</label><button type="button" id="clear-journal">Clear journal</button></div>
<ol id="journal-list" class="journal" reversed></ol>
</section>
${input.panels.map(panelSection).join('\n')}
</div>`;
}

export function renderPage(input: PageInput): string {
  const config = {
    token: input.token,
    vendors: input.vendors.map((v) => ({ ...v.flow, id: v.id, title: v.title, targets: v.targets })),
    panels: input.panels,
  };
  return layout(
    'agent-export-mock dashboard',
    `<body>
<a class="skip" href="#vendors-h">Skip to the start forms</a>
<a class="skip" href="#jobs-h">Skip to the jobs</a>
${topBar(input.now)}
<div id="errors" class="errors" role="alert"></div>
<div id="announcer" class="sr-only" role="status" aria-live="polite"></div>
<main id="main">
${jobsColumn()}
${sideColumn(input)}
</main>
<footer><p>Demo credentials only. Control plane: <a href="/__admin/health">/__admin</a> · <a href="/docs">Swagger UI</a></p></footer>
<script type="application/json" id="dashboard-config">${dataBlock(config)}</script>
<script src="${ASSET_PATH}/app.js"></script>
</body>`,
  );
}

export function renderLogin(message: string | null): string {
  return layout(
    'Sign in · agent-export-mock dashboard',
    `<body class="login">
<main id="main" class="card login-card">
<h1>agent-export-mock</h1>
<p>This server requires its admin token (ADMIN_TOKEN) for the dashboard and the control plane.</p>
${message ? `<p class="error" role="alert">${esc(message)}</p>` : ''}
<form method="post" action="${ASSET_PATH}/login">
<div class="field"><label for="token">Admin token</label><input id="token" name="token" type="password" autocomplete="current-password" required autofocus></div>
<button type="submit" class="primary">Open the dashboard</button>
</form>
</main>
</body>`,
  );
}
