/**
 * The start forms: demo tenants, submitting a vendor's create request as a client would, the answer and its links,
 * and the snippets' copy buttons.
 * A fragment of the page script (see ../client.ts): plain ES2020 inside one function scope; no backtick, no ${ in it.
 */
export const FORMS_JS = `
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

`;
