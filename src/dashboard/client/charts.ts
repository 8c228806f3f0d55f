/**
 * The world's charts: GET /__dashboard/api/charts (numbers computed by each vendor's world functions, the ones its
 * exports are cut from), asked again only when the virtual clock moved, with If-None-Match so an unchanged world costs
 * a 304. Lines or stacked bars per day, the virtual "now" marked inside today; every series keeps its numbers in
 * data-values and in a table for screen readers, so what is drawn can be checked against the world.
 * A fragment of the page script (see ../client.ts): plain ES2020 inside one function scope; no backtick, no ${ in it.
 */
export const CHARTS_JS = `
  // ---- charts ----
  const CHART = { w: 420, h: 210, left: 44, right: 12, top: 12, bottom: 26 };
  const charts = { tag: null, now: null, at: 0, busy: false };
  function chartFrame(data, chart, yMax) {
    const n = data.days.length;
    const plotW = CHART.w - CHART.left - CHART.right;
    const plotH = CHART.h - CHART.top - CHART.bottom;
    const x = function (slot) { return CHART.left + (slot / n) * plotW; };
    const y = function (v) { return CHART.top + plotH - (v / yMax) * plotH; };
    const parts = [];
    ticks(yMax, chart.unit).forEach(function (t) {
      if (t > yMax) return;
      parts.push(svgEl('line', { x1: CHART.left, x2: CHART.w - CHART.right, y1: y(t), y2: y(t), class: 'grid' }));
      parts.push(svgEl('text', { x: CHART.left - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'tick', text: formatValue(t, chart.unit) }));
    });
    data.days.forEach(function (d, i) {
      if ((n - 1 - i) % Math.max(1, Math.ceil(n / 5)) !== 0) return;
      parts.push(svgEl('text', { x: x(i + 0.5), y: CHART.h - 8, 'text-anchor': 'middle', class: 'tick', text: shortDay(d) }));
    });
    // "now": inside the last slot (the virtual today), as far as the day has gone.
    const now = Date.parse(data.now);
    const slot = n - 1 + (now - Date.parse(data.days[n - 1] + 'T00:00:00Z')) / DAY;
    parts.push(svgEl('line', { x1: x(slot), x2: x(slot), y1: CHART.top, y2: CHART.top + plotH, class: 'now-line', 'data-now': data.now }));
    parts.push(svgEl('text', { x: x(slot) - 4, y: CHART.top + 12, 'text-anchor': 'end', class: 'now-label', text: 'now' }));
    return { x: x, y: y, parts: parts, bar: plotW / n };
  }
  function yMaxOf(chart) {
    if (chart.unit === 'ratio') return 1;
    if (chart.unit === 'score') return 5;
    let max = 0;
    const days = chart.series.length ? chart.series[0].values.length : 0;
    for (let i = 0; i < days; i++) {
      let sum = 0;
      chart.series.forEach(function (s) {
        const v = s.values[i] || 0;
        if (chart.kind === 'stacked') sum += v; else max = Math.max(max, v);
      });
      max = Math.max(max, sum);
    }
    const t = ticks(max, chart.unit);
    return t[t.length - 1];
  }
  function chartSvg(data, chart) {
    const f = chartFrame(data, chart, yMaxOf(chart));
    const base = new Array(data.days.length).fill(0);
    const layers = chart.series.map(function (s, k) {
      const colour = colourOf(s, k);
      const g = svgEl('g', { 'data-series': s.name, 'data-values': s.values.map(function (v) { return v === null ? '' : v; }).join(','), fill: colour, stroke: colour });
      if (chart.kind === 'stacked') {
        s.values.forEach(function (v, i) {
          if (!v) return;
          const top = base[i] + v;
          g.append(svgEl('rect', { x: f.x(i) + f.bar * 0.15, width: f.bar * 0.7, y: f.y(top), height: Math.max(0.5, f.y(base[i]) - f.y(top)) }, [svgEl('title', { text: s.name + ', ' + data.days[i] + ': ' + formatValue(v, chart.unit) })]));
          base[i] = top;
        });
      } else {
        let d = '';
        s.values.forEach(function (v, i) {
          if (v === null) return;
          d += (d ? ' L ' : 'M ') + f.x(i + 0.5).toFixed(1) + ' ' + f.y(v).toFixed(1);
          g.append(svgEl('circle', { cx: f.x(i + 0.5), cy: f.y(v), r: 3 }, [svgEl('title', { text: s.name + ', ' + data.days[i] + ': ' + formatValue(v, chart.unit) })]));
        });
        g.prepend(svgEl('path', { d: d, fill: 'none', 'stroke-width': 2.5 }));
      }
      return g;
    });
    return svgEl('svg', { viewBox: '0 0 ' + CHART.w + ' ' + CHART.h, class: 'chart-svg', role: 'img', 'aria-labelledby': 'chart-' + chart.id + '-h' }, f.parts.concat(layers));
  }
  function chartTable(data, chart) {
    return el('details', { class: 'chart-data' }, [el('summary', { text: 'Numbers' }), el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': chart.title + ': numbers' }, [el('table', {}, [
      el('thead', {}, [el('tr', {}, [el('th', { scope: 'col', text: 'Day' })].concat(chart.series.map(function (s) { return el('th', { scope: 'col', text: s.name }); })))]),
      el('tbody', {}, data.days.map(function (d, i) {
        return el('tr', {}, [el('th', { scope: 'row', text: d })].concat(chart.series.map(function (s) { return el('td', { text: formatValue(s.values[i], chart.unit) }); })));
      })),
    ])])]);
  }
  function renderCharts(data) {
    $('charts-body').replaceChildren.apply($('charts-body'), data.charts.map(function (chart) {
      return el('figure', { class: 'chart', 'data-chart-id': chart.id, 'data-kind': chart.kind }, [
        el('figcaption', {}, [el('h3', { id: 'chart-' + chart.id + '-h', text: chart.title })]),
        chartSvg(data, chart),
        el('ul', { class: 'legend' }, chart.series.map(function (s, k) { return el('li', {}, [swatch(colourOf(s, k)), s.name]); })),
        el('p', { class: 'source', text: 'From: ' + chart.sources.join('; ') }),
        chartTable(data, chart),
      ]);
    }));
    $('charts-body').setAttribute('data-now', data.now);
  }
  async function refreshCharts() {
    if (!state.clock || state.clock.now === charts.now) return;
    // A running clock changes "now" every second: redraw at most every ten seconds then.
    if (!state.clock.frozen && Date.now() - charts.at < 10000) return;
    const asked = state.clock.now;
    const res = await fetch('/__dashboard/api/charts', { headers: adminHeaders(charts.tag ? { 'If-None-Match': charts.tag } : {}) });
    charts.now = asked;
    charts.at = Date.now();
    if (res.status === 304) return;
    if (!res.ok) throw new Error('charts: HTTP ' + res.status);
    charts.tag = res.headers.get('etag');
    renderCharts(await res.json());
  }
  // Outside the loop's own round: a first look at the world takes a second or two, and the jobs must not wait for it.
  function refreshChartsSoon() {
    if (charts.busy) return;
    charts.busy = true;
    refreshCharts().catch(function (e) {
      $('charts-body').prepend(el('p', { class: 'error', text: 'The charts could not be read: ' + e.message }));
    }).finally(function () { charts.busy = false; });
  }
`;
