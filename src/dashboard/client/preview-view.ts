/**
 * A downloaded file previewed in the page: its name, size and first records (JSON, NDJSON, CSV or text).
 * A fragment of the page script (see ../client.ts): plain ES2020 inside one function scope; no backtick, no ${ in it.
 */
export const PREVIEW_JS = `
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

`;
