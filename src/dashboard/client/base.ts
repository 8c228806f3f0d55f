/**
 * The page script's shared parts: its configuration and state, a DOM builder, the control-plane fetch (with the admin
 * token, and marked X-Mock-Dashboard as the dashboard's own request), and time formatting on the virtual clock.
 * A fragment of the page script (see ../client.ts): plain ES2020 inside one function scope; no backtick, no ${ in it.
 */
export const BASE_JS = `
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
  // Every time with its date (MM-DD HH:MM:SS; the year in the tooltip): a job can span midnight or the clock a week.
  function timeCell(iso) {
    if (!iso) return el('span', { text: '—', 'aria-label': 'not yet' });
    return el('time', { datetime: iso, title: stamp(iso) + ' UTC', text: stamp(iso).slice(5) });
  }

`;
