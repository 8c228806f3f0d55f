/**
 * The jobs table: one page of GET /__admin/jobs, fetched only when its revision changed; each row in the vendor's
 * words, with its links once the vendor's own API shows them, and a job's details on demand.
 * A fragment of the page script (see ../client.ts): plain ES2020 inside one function scope; no backtick, no ${ in it.
 */
export const JOBS_JS = String.raw`
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
      el('td', { 'data-label': 'Job' }, [el('strong', { text: flow ? flow.title : job.vendor }), el('code', { class: 'sub', text: job.id }), el('span', { class: 'sub', text: job.tenant })]),
      el('td', { 'data-label': 'State' }, [
        el('span', { class: 'state', text: job.state }),
        el('progress', { max: '100', value: String(progress), 'aria-label': 'Progress of ' + job.id, 'aria-valuetext': progress + '%' }),
        job.scenarios.length ? el('span', { class: 'sub', text: job.scenarios.join(', ') }) : null,
      ]),
      el('td', { 'data-label': 'Created, started' }, [timeCell(job.created_at), el('span', { class: 'sub' }, [job.started_at ? timeCell(job.started_at) : 'queued'])]),
      el('td', { 'data-label': 'Ended' }, [timeCell(job.ended_at)]),
      el('td', { 'data-label': 'Link expires' }, [timeCell(job.link_expires_at)]),
      el('td', { 'data-label': 'Files' }, filesCell(job).concat([el('button', { type: 'button', class: 'details', 'aria-label': 'Details of job ' + job.id, text: 'Details', onclick: function () { showDetails(job.id); } })])),
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
    renderTimeline(state.jobs);
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

`;
