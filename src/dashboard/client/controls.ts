/**
 * The virtual clock (advance, freeze, reset), the presets and the scenarios in force.
 * A fragment of the page script (see ../client.ts): plain ES2020 inside one function scope; no backtick, no ${ in it.
 */
export const CONTROLS_JS = `
  // ---- clock ----
  function renderClock(clock) {
    state.clock = clock;
    $('clock-now').textContent = stamp(clock.now) + ' UTC';
    $('clock-now').setAttribute('datetime', clock.now);
    const mode = $('clock-mode');
    mode.textContent = clock.frozen ? 'frozen' : 'running';
    mode.className = 'badge' + (clock.frozen ? '' : ' running');
    $('clock-freeze').textContent = clock.frozen ? 'Unfreeze' : 'Freeze';
    const now = Date.parse(clock.now);
    const day = Math.floor(now / DAY);
    if (day !== state.day) {
      state.day = day;
      // Dates left at their default follow the virtual today; dates someone typed stay.
      document.querySelectorAll('input[data-relative]').forEach(function (input) {
        if (input.value !== input.getAttribute('data-auto')) return;
        const v = relativeDate(JSON.parse(input.getAttribute('data-relative')), now);
        input.value = v;
        input.setAttribute('data-auto', v);
      });
      config.vendors.forEach(snippets);
    }
  }
  // While the server moves the clock it writes the files that became due; a poll landing then would see a due job
  // without its file and (honestly) record it as late, so the page's own polls wait for the move to answer.
  async function clockAction(fn, label) {
    state.moving = true;
    while (state.busy) await new Promise(function (r) { setTimeout(r, 20); });
    try { renderClock(await fn()); announce(label + ': ' + stamp(state.clock.now) + ' UTC'); showError(''); } catch (e) { showError('Clock: ' + e.message); }
    state.moving = false;
    tick();
  }
  document.querySelectorAll('button[data-advance]').forEach(function (b) {
    b.addEventListener('click', function () {
      clockAction(function () { return admin('POST', '/__admin/clock/advance', { seconds: Number(b.getAttribute('data-advance')) }); }, 'Clock moved ' + b.textContent);
    });
  });
  $('clock-freeze').addEventListener('click', function () {
    clockAction(async function () {
      const now = await admin('GET', '/__admin/clock');
      return admin('PUT', '/__admin/clock', { now: now.now, frozen: !now.frozen });
    }, 'Clock');
  });
  $('reset').addEventListener('click', async function () {
    try {
      await admin('POST', '/__admin/reset');
      state.started = {}; state.polled = {};
      $('journal-list').replaceChildren();
      $('preview-body').replaceChildren(el('p', { text: 'Choose “Preview” next to a file.' }));
      $('job-details').hidden = true;
      announce('Everything reset: jobs, files, journal, scenarios and clock.');
    } catch (e) { showError('Reset: ' + e.message); }
    state.day = null;
    tick();
  });

  // ---- presets and scenarios ----
  async function loadPresets() {
    try {
      const data = await admin('GET', '/__admin/presets');
      $('presets').replaceChildren.apply($('presets'), data.presets.map(function (p) {
        return el('button', { type: 'button', 'data-preset': p.name, title: p.description, 'aria-description': p.description, text: p.name, onclick: async function () {
          try { await admin('POST', '/__admin/presets/' + encodeURIComponent(p.name)); announce('Preset ' + p.name + ' installed: ' + p.description); showError(''); } catch (e) { showError('Preset: ' + e.message); }
          tick();
        } });
      }));
    } catch (e) { showError('Presets: ' + e.message); }
  }
  $('clear-scenarios').addEventListener('click', async function () {
    try { await admin('DELETE', '/__admin/scenarios'); announce('Scenarios cleared.'); } catch (e) { showError('Scenarios: ' + e.message); }
    tick();
  });
  function renderScenarios(data) {
    const list = data.scenarios || [];
    const text = list.length
      ? 'In force: ' + list.map(function (s) { return s.name + (s.source && s.source !== s.name ? ' (' + s.source + ')' : '') + ', applied ' + s.applied + (s.times ? ' of ' + s.times : '') + '×'; }).join('; ')
      : 'No scenario in force.';
    if ($('scenario-list').textContent !== text) $('scenario-list').textContent = text;
  }

`;
