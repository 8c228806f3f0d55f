// One export end to end against a running server, as a client would: request, advance the clock, poll, download.
// Usage: node .ci/smoke.mjs http://127.0.0.1:PORT
const origin = process.argv[2];
const fail = (msg) => {
  console.error(`smoke: ${msg}`);
  process.exit(1);
};
const json = async (res) => {
  if (!res.ok) fail(`${res.url} answered ${res.status}: ${await res.text()}`);
  return res.json();
};
const post = (url, body, headers = {}) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

const clock = await json(await fetch(`${origin}/__admin/clock`));
// /docs works from the installed package alone (its Swagger UI files are built into dist/swagger-ui/).
const css = await fetch(`${origin}/docs/static/swagger-ui.css`);
if (css.status !== 200 || !(await css.text()).includes('.swagger-ui')) fail(`/docs/static/swagger-ui.css answered ${css.status}`);
const today = clock.now.slice(0, 10);
const base = `${origin}/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports`;
const auth = { 'api-token': 'demo-sendbird-api-token' };
const created = await json(await post(base, { type: 'conversation', ai_agent_id: 'ai_agent_cx', from: today, to: today, timezone: 'UTC', export_format: 'json' }, auth));
if (created.export_status !== 'scheduled') fail(`expected scheduled, got ${created.export_status}`);
await json(await post(`${origin}/__admin/clock/advance`, { seconds: 120 }));
const done = await json(await fetch(`${base}/${created.export_id}`, { headers: auth }));
if (!['done', 'no_data'].includes(done.export_status)) fail(`expected done, got ${done.export_status}`);
if (done.export_status === 'done') {
  const file = await fetch(done.export_file.url);
  const bytes = Buffer.from(await file.arrayBuffer());
  if (file.status !== 200 || bytes.subarray(0, 2).toString() !== 'PK') fail(`download answered ${file.status}, not a ZIP`);
  console.log(`smoke: Sendbird export ${created.export_id} done, ${bytes.length} bytes downloaded`);
} else {
  console.log(`smoke: Sendbird export ${created.export_id} ended no_data (no conversation closed yet today)`);
}
