/**
 * The jobs' timeline: each of the newest jobs a bar on the virtual clock, from its request (queued) through its run to
 * its end, then the life of its download link until it expires, coloured by state; a line marks "now", so moving the
 * clock moves "now" through the bars. Redrawn only when the jobs' revision or the clock changed.
 * A fragment of the page script (see ../client.ts): plain ES2020 inside one function scope; no backtick, no ${ in it.
 */
export const TIMELINE_JS = `
  // ---- timeline ----
  const LANE = { w: 720, label: 190, row: 26, top: 20, bottom: 28, rows: 12 };
  const timeline = { key: null };
  function segmentsOf(job, now) {
    const t = function (iso) { return iso ? Date.parse(iso) : null; };
    const created = t(job.created_at), started = t(job.started_at), ended = t(job.ended_at), expires = t(job.link_expires_at);
    const out = [{ kind: 'queued', from: created, to: started !== null ? started : Math.max(created, now), colour: STATE_COLOURS.queued }];
    if (started !== null) out.push({ kind: 'running', from: started, to: ended !== null ? ended : Math.max(started, now), colour: job.phase === 'failed' ? STATE_COLOURS.failed : STATE_COLOURS.running });
    if (ended !== null && expires !== null) out.push({ kind: 'link', from: ended, to: expires, colour: expires > now ? STATE_COLOURS.succeeded : STATE_COLOURS.expired });
    return out;
  }
  function clockLabel(ms, withDay, withSeconds) {
    const iso = new Date(ms).toISOString();
    return (withDay ? iso.slice(5, 10) + ' ' : '') + iso.slice(11, withSeconds ? 19 : 16);
  }
  function renderTimeline(jobs) {
    const now = state.clock ? Date.parse(state.clock.now) : 0;
    const key = state.jobsRevision + '|' + now;
    if (timeline.key === key) return;
    timeline.key = key;
    const shown = jobs.slice(0, LANE.rows);
    const body = $('timeline-body');
    if (!shown.length) { body.replaceChildren(el('p', { text: 'The timeline shows each job once one is started.' })); return; }
    const rows = shown.map(function (job) { return { job: job, segments: segmentsOf(job, now) }; });
    let start = now;
    rows.forEach(function (r) { r.segments.forEach(function (s) { start = Math.min(start, s.from); }); });
    // The past of these jobs and half as much future: a week-long link would squash a minute's run to nothing, so
    // bars running past the right edge are cut there and say when they end.
    const span = Math.max(now - start, 60000);
    const end = now + Math.max(span * 0.5, 30000);
    const pad = (end - start) * 0.03;
    start -= pad;
    const plot = LANE.w - LANE.label - 10;
    const x = function (ms) { return LANE.label + ((ms - start) / (end - start)) * plot; };
    const height = LANE.top + rows.length * LANE.row + LANE.bottom;
    const parts = [];
    rows.forEach(function (r, i) {
      const y = LANE.top + i * LANE.row;
      const flow = flowOf(r.job.vendor);
      const g = svgEl('g', { class: 'lane', 'data-job-id': r.job.id, 'data-phase': r.job.phase, 'data-state': r.job.state }, [
        svgEl('text', { x: 4, y: y + 17, class: 'lane-label', text: (flow ? flow.title.split(' ')[0] : r.job.vendor) + ' · ' + r.job.id.slice(0, 10) }),
      ]);
      r.segments.forEach(function (s) {
        const cut = s.to > end;
        const right = x(Math.min(s.to, end));
        if (cut && right - x(s.from) > 110) g.append(svgEl('text', { x: right - 4, y: y + 17, 'text-anchor': 'end', class: 'lane-until', text: 'until ' + clockLabel(s.to, true) + ' →' }));
        g.insertBefore(svgEl('rect', { x: x(s.from), y: y + 4, width: Math.max(2, right - x(s.from)), height: LANE.row - 8, rx: 3, fill: s.colour, class: 'seg seg-' + s.kind, 'data-segment': s.kind, 'data-from': new Date(s.from).toISOString(), 'data-to': new Date(s.to).toISOString() }, [
          svgEl('title', { text: r.job.id + ' ' + s.kind + ': ' + stamp(new Date(s.from).toISOString()) + ' → ' + stamp(new Date(s.to).toISOString()) + ' UTC (' + r.job.state + ')' }),
        ]), g.querySelector('.lane-until'));
      });
      parts.push(g);
    });
    const withDay = new Date(start).toISOString().slice(0, 10) !== new Date(end).toISOString().slice(0, 10);
    [start + pad, (start + end) / 2, end].forEach(function (ms, k) {
      parts.push(svgEl('text', { x: x(ms), y: height - 8, 'text-anchor': ['start', 'middle', 'end'][k], class: 'tick', text: clockLabel(ms, withDay, end - start < 3600000) }));
    });
    parts.push(svgEl('line', { x1: x(now), x2: x(now), y1: 2, y2: height - LANE.bottom + 4, class: 'now-line', 'data-now': state.clock.now }));
    parts.push(svgEl('text', { x: x(now) - 4, y: 14, 'text-anchor': 'end', class: 'now-label', text: 'now' }));
    body.replaceChildren(
      svgEl('svg', { viewBox: '0 0 ' + LANE.w + ' ' + height, class: 'timeline-svg', role: 'img', 'aria-label': 'Timeline of the ' + rows.length + ' newest jobs on the virtual clock: queued, running, then the download link until it expires' }, parts),
      el('ul', { class: 'legend' }, [['queued', STATE_COLOURS.queued], ['running', STATE_COLOURS.running], ['failed', STATE_COLOURS.failed], ['link valid', STATE_COLOURS.succeeded], ['link expired', STATE_COLOURS.expired]].map(function (l) {
        return el('li', {}, [swatch(l[1]), l[0]]);
      })),
    );
  }
`;
