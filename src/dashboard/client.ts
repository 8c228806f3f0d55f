/**
 * The dashboard's browser script, served as /__dashboard/app.js. Plain ES2020, no dependencies, no build step. It
 * polls the control plane about once a second (clock, jobs, scenarios, journal; vendor panels less often), starts exports
 * through each vendor's own API from the forms, polls a vendor's job once when it has ended to show its download links,
 * and writes copyable curl and fetch snippets for each flow with this page's origin. Kept in a TypeScript string so the
 * compiled server carries it (the build copies nothing but compiled sources); it must contain no backtick.
 */
export const CLIENT_JS = String.raw`(function () {
  'use strict';
  const config = JSON.parse(document.getElementById('dashboard-config').textContent);
  const origin = window.location.origin;
  const flows = {};
  config.vendors.forEach(function (f) { flows[f.id] = f; });
  const state = { clock: null, day: null, jobs: [], jobsRevision: null, jobsTotal: 0, rows: {}, started: {}, polled: {}, lastRequestId: 0, busy: false, ticks: 0 };

  const $ = function (id) { return document.getElementById(id); };
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      const v = attrs[k];
      if (v === undefined || v === null || v === false) return;
      if (k === 'text') node.textContent = v;
      else if (k === 'class') node.className = v;
      else if (k.slice(0, 2) === 'on') node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : v);
    });
    (children || []).forEach(function (c) { if (c !== null && c !== undefined) node.append(c); });
    return node;
  }
  const pretty = function (v) { return typeof v === 'string' ? v : JSON.stringify(v, null, 2); };
  const announce = function (text) { $('announcer').textContent = text; };
  function showError(text) { $('errors').textContent = text || ''; }

  // ---- the control plane, with the admin token when the server has one ----
  function adminHeaders(extra) {
    const h = Object.assign({ 'X-Mock-Dashboard': '1' }, extra || {});
    if (config.token) h.Authorization = 'Bearer ' + config.token;
    return h;
  }
  async function admin(method, path, body) {
    const res = await fetch(path, { method: method, headers: adminHeaders(method === 'GET' ? {} : { 'Content-Type': 'application/json' }), body: method === 'GET' ? undefined : JSON.stringify(body === undefined ? {} : body) });
    const text = await res.text();
    let data = text;
    try { data = text ? JSON.parse(text) : null; } catch (e) { /* not JSON */ }
    if (!res.ok) {
      const err = new Error((data && data.message) || ('HTTP ' + res.status));
      err.status = res.status;
      throw err;
    }
    return data;
  }

  // ---- time ----
  const DAY = 86400000;
  function relativeDate(spec, now) {
    const day = new Date(Math.floor(now / DAY) * DAY + spec.days * DAY).toISOString().slice(0, 10);
    return spec.as === 'start' ? day + 'T00:00:00.000Z' : spec.as === 'end' ? day + 'T23:59:59.999Z' : day;
  }
  function stamp(iso) {
    if (!iso) return '';
    return iso.replace('T', ' ').slice(0, 19);
  }
  // Times on the virtual today show as HH:MM:SS; others with their date.
  function timeCell(iso) {
    if (!iso) return el('span', { text: '—', 'aria-label': 'not yet' });
    const today = state.clock && state.clock.now.slice(0, 10) === iso.slice(0, 10);
    return el('time', { datetime: iso, title: stamp(iso) + ' UTC', text: today ? iso.slice(11, 19) : stamp(iso).slice(5, 16) });
  }

  // ---- request templates from the vendor table ----
  function fieldOf(flow, name) { return flow.fields.find(function (f) { return f.name === name; }); }
  function formValues(flow) {
    const form = $('form-' + flow.id);
    const vals = {};
    flow.fields.forEach(function (f) { vals[f.name] = form.elements[f.name] ? form.elements[f.name].value.trim() : ''; });
    return vals;
  }
  function fillText(text, vals, encode) {
    return text.replace(/\{(\w+)\}/g, function (m, k) {
      if (!(k in vals)) return m;
      return encode ? encodeURIComponent(vals[k]) : vals[k];
    });
  }
  function fillBody(flow, tpl, vals) {
    if (typeof tpl === 'string') {
      const whole = /^\{(\w+)\}$/.exec(tpl);
      if (!whole || !(whole[1] in vals)) return fillText(tpl, vals, false);
      const f = fieldOf(flow, whole[1]);
      const v = vals[whole[1]];
      if (f && f.optional && v === '') return undefined;
      if (f && f.type === 'number' && v !== '' && !isNaN(Number(v))) return Number(v);
      return v;
    }
    if (Array.isArray(tpl)) return tpl.map(function (x) { return fillBody(flow, x, vals); });
    if (tpl && typeof tpl === 'object') {
      const out = {};
      Object.keys(tpl).forEach(function (k) { const v = fillBody(flow, tpl[k], vals); if (v !== undefined) out[k] = v; });
      return out;
    }
    return tpl;
  }
  function buildRequest(flow, spec, vals) {
    const headers = {};
    Object.keys(spec.headers).forEach(function (k) { headers[k] = fillText(spec.headers[k], vals, false); });
    const body = spec.body === undefined ? undefined : fillBody(flow, spec.body, vals);
    return { method: spec.method, url: origin + fillText(spec.path, vals, true), headers: headers, body: body };
  }
  function pick(obj, path) {
    let current = [obj];
    path.split('.').forEach(function (part) {
      const next = [];
      current.forEach(function (c) {
        if (c === null || typeof c !== 'object') return;
        if (part === '*') { if (Array.isArray(c)) c.forEach(function (x) { next.push(x); }); }
        else if (part in c) next.push(c[part]);
      });
      current = next;
    });
    return current.filter(function (x) { return x !== undefined && x !== null && x !== ''; });
  }
  function linksOf(flow, answer) {
    const out = [];
    flow.links.forEach(function (p) { pick(answer, p).forEach(function (u) { if (typeof u === 'string' && out.indexOf(u) < 0) out.push(u); }); });
    return out;
  }
  function fileName(url) {
    try { return decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() || url); } catch (e) { return url; }
  }

  // ---- snippets ----
  const shq = function (s) { return "'" + String(s).replace(/'/g, "'\\''") + "'"; };
  function curl(req, out) {
    const parts = ['curl -s'];
    if (out) parts.push('-o ' + out);
    if (req.method !== 'GET') parts.push('-X ' + req.method);
    parts.push(shq(req.url));
    Object.keys(req.headers).forEach(function (k) { parts.push('-H ' + shq(k + ': ' + req.headers[k])); });
    if (req.body !== undefined) parts.push('-d ' + shq(JSON.stringify(req.body)));
    return parts.join(' \\\n  ');
  }
  const jsq = function (s) { return JSON.stringify(s); };
  function fetchCall(req, urlExpr) {
    const opts = ['method: ' + jsq(req.method), 'headers: ' + JSON.stringify(req.headers)];
    if (req.body !== undefined) opts.push('body: JSON.stringify(' + JSON.stringify(req.body) + ')');
    return 'await fetch(' + (urlExpr || jsq(req.url)) + ', { ' + opts.join(', ') + ' })';
  }
  function snippets(flow) {
    const vals = formValues(flow);
    const create = buildRequest(flow, flow.create, vals);
    const links = flow.links.join(' / ');
    let sh = '# ' + flow.title + ': ' + (flow.jobId ? 'start the export' : 'get the signed URLs') + '\n' + curl(create);
    let js = '// ' + flow.title + '\nconst created = await (' + fetchCall(create) + ').json();\n';
    if (flow.jobId && flow.poll) {
      const pollVals = Object.assign({}, vals, { job_id: 'JOB_ID' });
      const poll = buildRequest(flow, flow.poll, pollVals);
      sh += '\n\n# poll it: JOB_ID is "' + flow.jobId + '" of the answer; repeat until "' + flow.state + '" has ended\n' + curl(poll);
      sh += '\n\n# download the file at ' + links + ' (quote the URL: it has &)\ncurl -s -O ' + shq('LINK');
      const at = poll.url.indexOf('JOB_ID');
      const urlExpr = jsq(poll.url.slice(0, at)) + ' + created.' + flow.jobId + (poll.url.length > at + 6 ? ' + ' + jsq(poll.url.slice(at + 6)) : '');
      js += 'let job;\ndo {\n  await new Promise((r) => setTimeout(r, 1000)); // or move the virtual clock\n  job = await (' + fetchCall(poll, urlExpr) + ').json();\n  console.log(job.' + flow.state + ');\n} while (!job.' + links.split(' / ')[0].split('.')[0] + ' && /queued|schedul|export|start|progress/i.test(String(job.' + flow.state + ')));\n';
      js += 'console.log(' + flow.links.map(function (l) { return jsq(l); }).join(', ') + ', job); // the download link(s)';
    } else {
      sh += '\n\n# download each of ' + links + ' (quote the URL: it has &)\ncurl -s -O ' + shq('LINK');
      js += 'for (const url of created.urls) {\n  const text = await (await fetch(url)).text();\n  console.log(url, text.split("\\n").length, "lines");\n}';
    }
    $('snippet-curl-' + flow.id).textContent = sh;
    $('snippet-fetch-' + flow.id).textContent = js;
  }

  // ---- forms ----
  function applyTarget(flow, index) {
    const target = flow.targets[index];
    if (!target) return;
    const form = $('form-' + flow.id);
    Object.keys(target.values).forEach(function (k) { if (form.elements[k]) form.elements[k].value = target.values[k]; });
    snippets(flow);
  }
  function linkList(flow, links) {
    if (!links.length) return el('p', { text: 'No file.' });
    return el('ul', { class: 'files' }, links.map(function (u) { return el('li', { class: 'file' }, fileControls(u)); }));
  }
  function fileControls(url) {
    const name = fileName(url);
    return [
      el('a', { href: url, download: name, class: 'download mono', text: name }),
      el('button', { type: 'button', class: 'preview', 'data-url': url, 'aria-label': 'Preview ' + name, text: 'Preview', onclick: function () { showPreview(url); } }),
    ];
  }
  async function submit(flow, form) {
    const out = $('result-' + flow.id);
    const button = form.querySelector('button[type=submit]');
    const vals = formValues(flow);
    const req = buildRequest(flow, flow.create, vals);
    button.disabled = true;
    out.replaceChildren(el('p', { text: 'Sending ' + req.method + ' ' + req.url.replace(origin, '') + '…' }));
    try {
      // Starting an export is a client's act: it goes to the journal unmarked, as the snippets would send it.
      const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body === undefined ? undefined : JSON.stringify(req.body) });
      const text = await res.text();
      let data = text;
      try { data = JSON.parse(text); } catch (e) { /* not JSON */ }
      const parts = [el('p', { class: res.ok ? '' : 'error', text: flow.title + ' answered HTTP ' + res.status + (res.ok ? '' : ' ' + res.statusText) })];
      if (res.ok && flow.jobId) {
        const id = pick(data, flow.jobId)[0];
        if (id) {
          state.started[id] = { vendor: flow.id, values: vals };
          parts.push(el('p', {}, ['Job ', el('code', { text: id }), ' started: follow it under ', el('a', { href: '#jobs-h', text: 'Jobs' }), '.']));
        }
      } else if (res.ok) {
        parts.push(el('p', { text: 'Files of ' + (data.date || 'the day') + ':' }), linkList(flow, linksOf(flow, data)));
      }
      parts.push(el('details', {}, [el('summary', { text: 'Response body' }), el('pre', { tabindex: '0', text: pretty(data) })]));
      out.replaceChildren.apply(out, parts);
      tick();
    } catch (e) {
      out.replaceChildren(el('p', { class: 'error', text: 'The request failed: ' + e.message }));
    } finally {
      button.disabled = false;
    }
  }
  config.vendors.forEach(function (flow) {
    const form = $('form-' + flow.id);
    form.addEventListener('submit', function (ev) { ev.preventDefault(); submit(flow, form); });
    form.addEventListener('input', function (ev) {
      if (ev.target.name === '__target') applyTarget(flow, Number(ev.target.value));
      snippets(flow);
    });
    form.addEventListener('change', function () { snippets(flow); });
    snippets(flow);
  });
  document.querySelectorAll('button.copy').forEach(function (b) {
    b.addEventListener('click', function () {
      const text = $(b.getAttribute('data-copy')).textContent;
      const done = function () { announce('Copied to the clipboard.'); b.textContent = 'Copied'; setTimeout(function () { b.textContent = 'Copy'; }, 1500); };
      const fallback = function () {
        const area = el('textarea', { 'aria-hidden': 'true', style: 'position:fixed;opacity:0' });
        area.value = text;
        document.body.append(area);
        area.select();
        try { document.execCommand('copy'); done(); } catch (e) { announce('Copy failed: select the text instead.'); }
        area.remove();
      };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, fallback);
      else fallback();
    });
  });

  // ---- clock ----
  function renderClock(clock) {
    state.clock = clock;
    $('clock-now').textContent = stamp(clock.now) + ' UTC';
    $('clock-now').setAttribute('datetime', clock.now);
    const mode = $('clock-mode');
    mode.textContent = clock.frozen ? 'frozen' : 'running';
    mode.className = 'badge' + (clock.frozen ? '' : ' running');
    $('clock-freeze').textContent = clock.frozen ? 'Unfreeze' : 'Freeze';
    const now = Date.parse(clock.now);
    const day = Math.floor(now / DAY);
    if (day !== state.day) {
      state.day = day;
      // Dates left at their default follow the virtual today; dates someone typed stay.
      document.querySelectorAll('input[data-relative]').forEach(function (input) {
        if (input.value !== input.getAttribute('data-auto')) return;
        const v = relativeDate(JSON.parse(input.getAttribute('data-relative')), now);
        input.value = v;
        input.setAttribute('data-auto', v);
      });
      config.vendors.forEach(snippets);
    }
  }
  async function clockAction(fn, label) {
    try { renderClock(await fn()); announce(label + ': ' + stamp(state.clock.now) + ' UTC'); showError(''); } catch (e) { showError('Clock: ' + e.message); }
    tick();
  }
  document.querySelectorAll('button[data-advance]').forEach(function (b) {
    b.addEventListener('click', function () {
      clockAction(function () { return admin('POST', '/__admin/clock/advance', { seconds: Number(b.getAttribute('data-advance')) }); }, 'Clock moved ' + b.textContent);
    });
  });
  $('clock-freeze').addEventListener('click', function () {
    clockAction(async function () {
      const now = await admin('GET', '/__admin/clock');
      return admin('PUT', '/__admin/clock', { now: now.now, frozen: !now.frozen });
    }, 'Clock');
  });
  $('reset').addEventListener('click', async function () {
    try {
      await admin('POST', '/__admin/reset');
      state.started = {}; state.polled = {};
      $('journal-list').replaceChildren();
      $('preview-body').replaceChildren(el('p', { text: 'Choose “Preview” next to a file.' }));
      $('job-details').hidden = true;
      announce('Everything reset: jobs, files, journal, scenarios and clock.');
    } catch (e) { showError('Reset: ' + e.message); }
    state.day = null;
    tick();
  });

  // ---- presets and scenarios ----
  async function loadPresets() {
    try {
      const data = await admin('GET', '/__admin/presets');
      $('presets').replaceChildren.apply($('presets'), data.presets.map(function (p) {
        return el('button', { type: 'button', 'data-preset': p.name, title: p.description, 'aria-description': p.description, text: p.name, onclick: async function () {
          try { await admin('POST', '/__admin/presets/' + encodeURIComponent(p.name)); announce('Preset ' + p.name + ' installed: ' + p.description); showError(''); } catch (e) { showError('Preset: ' + e.message); }
          tick();
        } });
      }));
    } catch (e) { showError('Presets: ' + e.message); }
  }
  $('clear-scenarios').addEventListener('click', async function () {
    try { await admin('DELETE', '/__admin/scenarios'); announce('Scenarios cleared.'); } catch (e) { showError('Scenarios: ' + e.message); }
    tick();
  });
  function renderScenarios(data) {
    const list = data.scenarios || [];
    const text = list.length
      ? 'In force: ' + list.map(function (s) { return s.name + (s.source && s.source !== s.name ? ' (' + s.source + ')' : '') + ', applied ' + s.applied + (s.times ? ' of ' + s.times : '') + '×'; }).join('; ')
      : 'No scenario in force.';
    if ($('scenario-list').textContent !== text) $('scenario-list').textContent = text;
  }

  // ---- jobs ----
  function flowOf(vendor) { return flows[vendor]; }
  function valuesFor(job) {
    if (state.started[job.id]) return state.started[job.id].values;
    const flow = flowOf(job.vendor);
    const target = flow && (flow.targets.find(function (t) { return t.tenant === job.tenant; }) || null);
    return target ? Object.assign({}, flowDefaults(flow), target.values) : null;
  }
  function flowDefaults(flow) {
    const out = {};
    flow.fields.forEach(function (f) { out[f.name] = typeof f.value === 'string' ? f.value : ''; });
    return out;
  }
  async function pollVendor(job) {
    const flow = flowOf(job.vendor);
    const vals = valuesFor(job);
    if (!flow || !flow.poll || !vals) return null;
    const req = buildRequest(flow, flow.poll, Object.assign({}, vals, { job_id: job.id }));
    // The page looking at a job is not a client polling it: marked, so the journal and the flow timeline leave it out.
    const res = await fetch(req.url, { method: req.method, headers: Object.assign({ 'X-Mock-Dashboard': '1' }, req.headers) });
    const data = await res.json().catch(function () { return null; });
    return { status: res.status, answer: data, links: res.ok ? linksOf(flow, data) : [] };
  }
  function filesCell(job) {
    const polled = state.polled[job.id];
    if (!polled || polled === 'pending') return [el('span', { text: job.phase === 'succeeded' ? 'fetching…' : '—' })];
    if (polled.links.length) return [el('div', { class: 'files' }, polled.links.map(function (u) { return el('div', { class: 'file' }, fileControls(u)); }))];
    const a = polled.answer || {};
    const why = a.error_message || a.error || a.message || (polled.status !== 200 ? 'HTTP ' + polled.status : 'no file');
    return [el('span', { class: job.phase === 'failed' ? 'error' : '', text: typeof why === 'string' ? why : JSON.stringify(why) })];
  }
  function jobRow(job) {
    const flow = flowOf(job.vendor);
    const progress = Math.round(job.progress * 100);
    return [
      el('td', {}, [el('strong', { text: flow ? flow.title : job.vendor }), el('code', { class: 'sub', text: job.id }), el('span', { class: 'sub', text: job.tenant })]),
      el('td', {}, [
        el('span', { class: 'state', text: job.state }),
        el('progress', { max: '100', value: String(progress), 'aria-label': 'Progress of ' + job.id, 'aria-valuetext': progress + '%' }),
        job.scenarios.length ? el('span', { class: 'sub', text: job.scenarios.join(', ') }) : null,
      ]),
      el('td', {}, [timeCell(job.created_at), el('span', { class: 'sub' }, [job.started_at ? timeCell(job.started_at) : 'queued'])]),
      el('td', {}, [timeCell(job.ended_at)]),
      el('td', {}, [timeCell(job.link_expires_at)]),
      el('td', {}, filesCell(job).concat([el('button', { type: 'button', class: 'details', 'aria-label': 'Details of job ' + job.id, text: 'Details', onclick: function () { showDetails(job.id); } })])),
    ];
  }
  function renderJobs(jobs) {
    const body = $('jobs-body');
    const seen = {};
    jobs.forEach(function (job, index) {
      seen[job.id] = true;
      const key = [state.clock ? state.clock.now.slice(0, 10) : '', job.state, job.phase, Math.round(job.progress * 100), job.started_at, job.ended_at, job.link_expires_at, JSON.stringify(state.polled[job.id] || null)].join('|');
      let row = state.rows[job.id];
      if (!row) {
        row = el('tr', { 'data-job-id': job.id, 'data-vendor': job.vendor });
        state.rows[job.id] = row;
        announce(job.vendor + ' job ' + job.id + ' is ' + job.state + '.');
      } else if (row.getAttribute('data-state') !== job.state) {
        announce(job.vendor + ' job ' + job.id + ' is now ' + job.state + '.');
      }
      if (row.getAttribute('data-key') !== key) {
        // Only changed rows are rebuilt, so the live region announces changes rather than the whole table each second.
        const focused = row.contains(document.activeElement) ? document.activeElement.getAttribute('aria-label') : null;
        row.replaceChildren.apply(row, jobRow(job));
        row.setAttribute('data-key', key);
        row.setAttribute('data-phase', job.phase);
        row.setAttribute('data-state', job.state);
        if (focused) { const again = row.querySelector('[aria-label="' + focused + '"]'); if (again) again.focus(); }
      }
      if (body.children[index] !== row) body.insertBefore(row, body.children[index] || null);
      if ((job.phase === 'succeeded' || job.phase === 'failed') && state.polled[job.id] === undefined) {
        state.polled[job.id] = 'pending';
        pollVendor(job).then(function (r) {
          // No link yet although succeeded (its file is still being written): ask again on a later tick.
          if (r && job.phase === 'succeeded' && !r.links.length && r.status === 200 && /export|progress|start|queued|schedul/i.test(JSON.stringify(pick(r.answer, flowOf(job.vendor).state || '')))) { delete state.polled[job.id]; return; }
          state.polled[job.id] = r || { status: 0, answer: null, links: [] };
          renderJobs(state.jobs);
        }, function (e) { state.polled[job.id] = { status: 0, answer: { error: e.message }, links: [] }; });
      }
    });
    Object.keys(state.rows).forEach(function (id) { if (!seen[id]) { state.rows[id].remove(); delete state.rows[id]; delete state.polled[id]; } });
    $('jobs-empty').hidden = jobs.length > 0;
  }
  // Only the newest page, and nothing at all when it has not changed since the revision we hold (since=): at tens of
  // thousands of jobs the whole list was megabytes a second.
  const JOB_PAGE = 50;
  async function refreshJobs() {
    const since = state.jobsRevision ? '&since=' + encodeURIComponent(state.jobsRevision) : '';
    const d = await admin('GET', '/__admin/jobs?limit=' + JOB_PAGE + since);
    if (!d.unchanged) {
      state.jobsRevision = d.revision;
      state.jobs = d.jobs;
      state.jobsTotal = d.total;
    }
    renderJobs(state.jobs);
    showOlderJobs(state.jobsTotal - state.jobs.length);
  }
  function showOlderJobs(older) {
    let note = $('jobs-older');
    if (!note) {
      const table = $('jobs-body').closest('table') || $('jobs-body');
      note = el('p', { id: 'jobs-older', class: 'sub' });
      table.after(note);
    }
    note.hidden = older <= 0;
    note.replaceChildren(older > 0 ? older + ' older jobs are not shown: GET /__admin/jobs?after=<next_cursor> lists them.' : '');
  }
  async function showDetails(id) {
    const section = $('job-details');
    section.hidden = false;
    $('job-details-h').textContent = 'Job ' + id;
    const body = $('job-details-body');
    body.replaceChildren(el('p', { text: 'Loading…' }));
    $('job-details-h').focus();
    try {
      const flow = await admin('GET', '/__admin/jobs/' + encodeURIComponent(id));
      const job = flow.job;
      const polled = await pollVendor(job).catch(function (e) { return { status: 0, answer: { error: e.message }, links: [] }; });
      const rows = flow.timeline.map(function (e) {
        return el('tr', {}, [el('td', {}, [timeCell(e.at)]), el('td', { text: e.type }), el('td', { class: 'mono', text: JSON.stringify(e.detail) })]);
      });
      body.replaceChildren(
        el('p', { text: (flowOf(job.vendor) ? flowOf(job.vendor).title : job.vendor) + ' · ' + job.tenant + ' · ' + job.state }),
        el('h3', { text: 'Timeline (GET /__admin/jobs/' + id + ')' }),
        el('div', { class: 'table-wrap' }, [el('table', {}, [el('thead', {}, [el('tr', {}, [el('th', { scope: 'col', text: 'At' }), el('th', { scope: 'col', text: 'Event' }), el('th', { scope: 'col', text: 'Detail' })])]), el('tbody', {}, rows)])]),
        el('h3', { text: 'The vendor\'s own answer to a poll' + (polled ? ' (HTTP ' + polled.status + ')' : '') }),
        polled ? el('pre', { tabindex: '0', text: pretty(polled.answer) }) : el('p', { text: 'This vendor has no poll route.' }),
        polled && polled.links.length ? linkList(flowOf(job.vendor), polled.links) : null,
      );
    } catch (e) {
      body.replaceChildren(el('p', { class: 'error', text: e.message }));
    }
  }

  // ---- preview ----
  function size(n) {
    if (n === null || n === undefined) return 'unknown';
    if (n < 1024) return n + ' bytes';
    if (n < 1048576) return (n / 1024).toFixed(1) + ' KiB (' + n + ' bytes)';
    return (n / 1048576).toFixed(1) + ' MiB (' + n + ' bytes)';
  }
  async function showPreview(url) {
    const body = $('preview-body');
    body.replaceChildren(el('p', { text: 'Reading ' + fileName(url) + '…' }));
    $('preview-h').focus();
    try {
      const res = await fetch('/__dashboard/api/preview?url=' + encodeURIComponent(url), { headers: adminHeaders() });
      const p = await res.json();
      if (!res.ok) throw new Error(p.message || ('HTTP ' + res.status));
      const meta = [['File', el('a', { href: p.url, download: p.name, class: 'mono', text: p.name })], ['Size', size(p.size)], ['Content type', p.content_type || 'unknown'], ['Link answered', 'HTTP ' + p.status]];
      if (p.archive) meta.push(['ZIP', p.archive.count + ' entr' + (p.archive.count === 1 ? 'y' : 'ies') + (p.archive.previewed ? '; first: ' + p.archive.previewed : '')]);
      const parts = [el('dl', { class: 'meta' }, meta.reduce(function (acc, m) { return acc.concat([el('dt', { text: m[0] }), el('dd', {}, [m[1]])]); }, []))];
      if (p.error) parts.push(el('p', { class: 'error' }, ['The file could not be previewed: ']), el('pre', { text: p.error }));
      if (p.archive && p.archive.entries.length > 1) {
        parts.push(el('details', {}, [el('summary', { text: 'Entries (' + p.archive.entries.length + (p.archive.count > p.archive.entries.length ? ' of ' + p.archive.count : '') + ')' }),
          el('ul', {}, p.archive.entries.map(function (e) { return el('li', { class: 'mono', text: e.name + ' — ' + size(e.size) }); }))]));
      }
      if (p.format === 'json' || p.format === 'ndjson') {
        parts.push(el('h3', { text: 'First ' + p.records.length + ' record' + (p.records.length === 1 ? '' : 's') + ' (' + (p.format === 'ndjson' ? 'one JSON object a line' : 'JSON') + (p.partial ? ', from the beginning of the file' : '') + ')' }));
        parts.push(el('div', { class: 'records' }, p.records.map(function (r, i) {
          return el('details', { class: 'record', open: i === 0 }, [el('summary', { text: 'Record ' + (i + 1) }), el('pre', { tabindex: '0', text: pretty(r) })]);
        })));
      } else if (p.format === 'csv') {
        parts.push(el('h3', { text: 'First ' + p.rows.length + ' row' + (p.rows.length === 1 ? '' : 's') + ' (CSV)' }));
        parts.push(el('div', { class: 'csv-wrap', tabindex: '0' }, [el('table', { class: 'csv' }, [
          el('caption', { class: 'sr-only', text: 'First rows of ' + (p.archive && p.archive.previewed ? p.archive.previewed : p.name) }),
          el('thead', {}, [el('tr', {}, p.columns.map(function (c) { return el('th', { scope: 'col', text: c }); }))]),
          el('tbody', {}, p.rows.map(function (r) { return el('tr', {}, r.map(function (c) { return el('td', { text: c }); })); })),
        ])]));
      } else if (p.format === 'text') {
        parts.push(el('pre', { tabindex: '0', text: p.text || '(empty)' }));
      }
      body.replaceChildren.apply(body, parts);
      announce('Preview of ' + p.name + ' ready.');
    } catch (e) {
      body.replaceChildren(el('p', { class: 'error', text: 'Preview failed: ' + e.message }));
    }
  }

  // ---- journal ----
  function headerList(headers) {
    return el('dl', { class: 'meta' }, Object.keys(headers || {}).reduce(function (acc, k) { return acc.concat([el('dt', { class: 'mono', text: k }), el('dd', { class: 'mono', text: String(headers[k]) })]); }, []));
  }
  function journalEntry(e) {
    const query = Object.keys(e.query || {}).length ? '?' + new URLSearchParams(e.query).toString() : '';
    const bad = e.status >= 400;
    return el('li', { 'data-request-id': String(e.id) }, [el('details', {}, [
      el('summary', {}, ['#' + e.id + ' ', el('time', { datetime: e.at, text: stamp(e.at).slice(5) }), ' ' + e.method + ' ', el('span', { class: 'mono', text: e.path + query }), ' → ', el('span', { class: 'status' + (bad ? ' bad' : ''), text: String(e.status) }), ' (' + e.vendor + (e.job_id ? ', job ' + e.job_id : '') + (e.scenarios.length ? ', ' + e.scenarios.join(', ') : '') + ')']),
      el('h4', { text: 'Request headers' }), headerList(e.headers),
      el('h4', { text: 'Request body' }), el('pre', { tabindex: '0', text: e.body === null || e.body === undefined ? '(none)' : pretty(e.body) }),
      el('h4', { text: 'Response: HTTP ' + e.status + ', ' + (e.response.content_type || 'no content type') + (e.response.bytes !== null ? ', ' + e.response.bytes + ' bytes' : '') + ', ' + e.duration_ms.toFixed(1) + ' ms' }),
      el('pre', { tabindex: '0', text: e.response.body === null || e.response.body === undefined ? '(binary or streamed body not recorded)' : pretty(e.response.body) }),
    ])]);
  }
  async function refreshJournal() {
    const data = await admin('GET', '/__admin/requests?after_id=' + state.lastRequestId);
    const list = $('journal-list');
    data.requests.forEach(function (e) {
      state.lastRequestId = Math.max(state.lastRequestId, e.id);
      list.insertBefore(journalEntry(e), list.firstChild);
    });
    while (list.children.length > 200) list.lastChild.remove();
  }
  $('clear-journal').addEventListener('click', async function () {
    try { await admin('DELETE', '/__admin/requests'); $('journal-list').replaceChildren(); announce('Journal cleared.'); } catch (e) { showError('Journal: ' + e.message); }
  });

  // ---- vendor panels (lists of messages, e.g. notification emails, each from its control route) ----
  async function refreshPanel(panel) {
    const body = $(panel.id + '-body');
    let data;
    try { data = await admin('GET', panel.source); } catch (e) {
      if (e.status === 404) { if (body.textContent !== 'none') body.replaceChildren(el('p', { text: 'none' })); return; }
      throw e;
    }
    const items = Array.isArray(data) ? data : (data && (data.messages || data.emails || data.outbox || data.items)) || [];
    const key = JSON.stringify(items);
    if (body.getAttribute('data-key') === key) return;
    body.setAttribute('data-key', key);
    if (!items.length) { body.replaceChildren(el('p', { text: 'none' })); return; }
    body.replaceChildren(el('ol', { class: 'journal' }, items.slice().reverse().map(function (m) {
      const to = [].concat(m.to || m.recipient || []).join(', ');
      const text = m.text || m.body || m.html || '';
      const links = m.link ? [m.link] : String(text).match(/https?:\/\/[^\s"'<>]+/g) || [];
      return el('li', {}, [el('details', {}, [
        el('summary', { text: (m.subject || 'message') + (to ? ' → ' + to : '') + (m.sent_at || m.at || m.created_at ? ' (' + stamp(m.sent_at || m.at || m.created_at) + ')' : '') }),
        links.length ? el('ul', { class: 'files' }, links.map(function (u) { return el('li', { class: 'file' }, fileControls(u)); })) : null,
        el('pre', { tabindex: '0', text: typeof text === 'string' && text ? text : pretty(m) }),
      ])]);
    })));
  }
  function refreshPanels() { return Promise.all((config.panels || []).map(refreshPanel)); }

  // ---- the loop ----
  async function tick() {
    if (state.busy) { state.again = true; return; }
    state.busy = true;
    try {
      const results = await Promise.allSettled([
        admin('GET', '/__admin/clock').then(renderClock),
        refreshJobs(),
        admin('GET', '/__admin/scenarios').then(renderScenarios),
        refreshJournal(),
        state.ticks++ % 3 === 0 ? refreshPanels() : null,
      ]);
      const failed = results.find(function (r) { return r.status === 'rejected'; });
      if (failed) showError(failed.reason.status === 401 ? 'The control plane refused the admin token: reload the page and sign in again.' : 'Could not reach the server: ' + failed.reason.message);
      else if ($('errors').textContent.indexOf('Could not reach') === 0 || $('errors').textContent.indexOf('The control plane refused') === 0) showError('');
    } finally {
      state.busy = false;
      if (state.again) { state.again = false; tick(); }
    }
  }
  loadPresets();
  tick();
  setInterval(tick, 1000);
})();
`;
