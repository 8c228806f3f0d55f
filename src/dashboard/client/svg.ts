/**
 * Inline SVG for the charts and the timeline, drawn by the page itself (no library, nothing fetched): an element
 * builder, a palette that keeps 3:1 contrast on white, axis ticks, and number formats.
 * A fragment of the page script (see ../client.ts): plain ES2020 inside one function scope; no backtick, no ${ in it.
 */
export const SVG_JS = `
  // ---- inline SVG ----
  const SVG_NS = 'http://www.w3.org/2000/svg';
  function svgEl(tag, attrs, children) {
    const node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) {
      const v = attrs[k];
      if (v === undefined || v === null) return;
      if (k === 'text') node.textContent = v; else node.setAttribute(k, String(v));
    });
    (children || []).forEach(function (c) { if (c) node.append(c); });
    return node;
  }
  // Distinct hues, each at least 3:1 against white (WCAG non-text contrast).
  const PALETTE = ['#0b4fb3', '#b3400b', '#0a7a3a', '#7b2cbf', '#a3620a', '#0e7490', '#be185d', '#4d5a0f'];
  const STATE_COLOURS = { queued: '#8a6400', running: '#0b4fb3', succeeded: '#0a7a3a', failed: '#b01822', expired: '#5f6670' };
  // A few round steps from 0 to at least max.
  function ticks(max, unit) {
    if (unit === 'ratio') return [0, 0.25, 0.5, 0.75, 1];
    if (unit === 'score') return [0, 1, 2, 3, 4, 5];
    const top = Math.max(1, max);
    const raw = top / 4;
    const pow = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 2.5, 5, 10].map(function (m) { return m * pow; }).find(function (s) { return s >= raw; });
    const out = [];
    for (let v = 0; v < top + step; v += step) out.push(Math.round(v * 1000) / 1000);
    return out;
  }
  function formatValue(v, unit) {
    if (v === null || v === undefined) return 'none';
    if (unit === 'ratio') return (v * 100).toFixed(v * 100 % 1 === 0 ? 0 : 1) + '%';
    if (unit === 'score') return v.toFixed(2);
    return String(v);
  }
  // A series' own tone when the vendor gives one (thumbs up is good news), else the next colour of the palette.
  const TONES = { good: '#0a7a3a', bad: '#b01822', neutral: '#5f6670' };
  function colourOf(series, k) { return (series.tone && TONES[series.tone]) || PALETTE[k % PALETTE.length]; }
  // Set through the CSSOM: the page's CSP refuses style attributes.
  function swatch(colour) {
    const s = el('span', { class: 'swatch', 'aria-hidden': 'true' });
    s.style.backgroundColor = colour;
    return s;
  }
  const shortDay = function (d) { return d.slice(5); };
`;
