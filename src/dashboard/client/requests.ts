/**
 * Requests built from a vendor's declared flow (placeholders filled from the form), the links picked out of its
 * answers, and the copyable curl and fetch snippets of each flow.
 * A fragment of the page script (see ../client.ts): plain ES2020 inside one function scope; no backtick, no ${ in it.
 */
export const REQUESTS_JS = String.raw`
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

`;
