/**
 * The request journal (newest first, only entries after the last id held) and the vendors' own panels.
 * A fragment of the page script (see ../client.ts): plain ES2020 inside one function scope; no backtick, no ${ in it.
 */
export const JOURNAL_JS = String.raw`
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
    // This page's own requests (X-Mock-Dashboard) only when asked for: a page left open is not a client polling.
    const own = $('journal-dashboard').checked ? '&include_dashboard=true' : '';
    const data = await admin('GET', '/__admin/requests?after_id=' + state.lastRequestId + own);
    const list = $('journal-list');
    data.requests.forEach(function (e) {
      state.lastRequestId = Math.max(state.lastRequestId, e.id);
      list.insertBefore(journalEntry(e), list.firstChild);
    });
    while (list.children.length > 200) list.lastChild.remove();
  }
  $('journal-dashboard').addEventListener('change', function () {
    state.lastRequestId = 0;
    $('journal-list').replaceChildren();
    tick();
  });
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

`;
