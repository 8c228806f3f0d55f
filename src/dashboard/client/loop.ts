/**
 * The page's loop: about once a second, everything that may have changed, each part asking only for what is new.
 * A fragment of the page script (see ../client.ts): plain ES2020 inside one function scope; no backtick, no ${ in it.
 */
export const LOOP_JS = `
  // ---- the loop ----
  async function tick() {
    if (state.busy || state.moving) { state.again = !state.moving; return; }
    state.busy = true;
    try {
      const results = await Promise.allSettled([
        admin('GET', '/__admin/clock').then(renderClock),
        refreshJobs(),
        admin('GET', '/__admin/scenarios').then(renderScenarios),
        refreshJournal(),
        state.ticks++ % 3 === 0 ? refreshPanels() : null,
      ]);
      refreshChartsSoon();
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
`;
