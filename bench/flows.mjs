// Each vendor's flow for the benchmarks: how to create a job in-process and how to poll it over HTTP.
// A vendor not registered in this build is skipped by the benchmarks.

const json = (res) => {
  if (res.statusCode >= 300) throw new Error(`${res.statusCode} ${res.body.slice(0, 200)}`);
  return res.json();
};

const KORE_BOT = 'st-2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d';
const koreAuth = async (app) => ({
  auth: (await app.inject({ url: '/__admin/tenants' })).json().kore.tenants[0].apps[0].demo_token,
});
const ZENDESK = {
  url: '/zendesk/eu/data-export/v3/get-signed-urls',
  headers: {
    authorization: 'demo-zendesk-api-key',
    organizationid: '77m57af6811115b53172431s',
    botid: '98174e8d635471c383b9ec7b',
  },
};
const SEASALT = {
  base: '/seasalt/seax-api/api/v1/workspace/3fa85f64-5717-4562-b3fc-2c963f66afa6/export-conversations',
  headers: { 'x-api-key': 'demo-seasalt-api-key' },
};
const download = async (app, url) => {
  const u = new URL(url);
  return (await app.inject({ url: `${u.pathname}${u.search}`, headers: { host: u.host } })).rawPayload;
};

export const FLOWS = [
  {
    vendor: 'sendbird',
    label: 'Sendbird GET export details',
    base: '/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports',
    headers: { 'api-token': 'demo-sendbird-api-token' },
    async create(app, body = {}) {
      const payload = {
        type: 'daily_analysis',
        ai_agent_id: 'ai_agent_cx',
        from: '2025-04-07',
        to: '2025-04-07',
        timezone: 'UTC',
        export_format: 'json',
        ...body,
      };
      return json(await app.inject({ method: 'POST', url: this.base, headers: this.headers, payload })).export_id;
    },
    pollRequest(id) {
      return { url: `${this.base}/${id}`, headers: this.headers };
    },
  },
  {
    vendor: 'kore',
    label: 'Kore GET Jobs API',
    headers: null,
    async create(app) {
      this.headers ??= await koreAuth(app);
      return json(
        await app.inject({
          method: 'POST',
          url: `/kore/api/public/bot/${KORE_BOT}/search/analytics-export`,
          headers: this.headers,
          payload: { filters: { from: '2025-04-07', to: '2025-04-07' } },
        }),
      )._id;
    },
    pollRequest(id) {
      return { url: `/kore/api/public/bot/${KORE_BOT}/search/jobs/${id}`, headers: this.headers };
    },
  },
  {
    vendor: 'zendesk',
    label: 'Zendesk POST get-signed-urls',
    // Zendesk has no job: its status route is get-signed-urls for a finalized day (files written on the first call).
    async create(app) {
      json(
        await app.inject({
          method: 'POST',
          url: ZENDESK.url,
          headers: ZENDESK.headers,
          payload: { date: '2025-04-07' },
        }),
      );
      return '2025-04-07';
    },
    pollRequest(date) {
      return {
        url: ZENDESK.url,
        method: 'POST',
        headers: { ...ZENDESK.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ date }),
      };
    },
  },
  {
    vendor: 'seasalt',
    label: 'Seasalt GET export job',
    n: 0,
    async create(app) {
      // One export per channel and range at a time (409 otherwise): a range of its own for each job. Start dates stay
      // in the past (2018-01-01 + up to 2,600 days); past 2,600 jobs the ranges grow by a day.
      const n = this.n++;
      const date = (days) => new Date(Date.UTC(2018, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);
      const start = n % 2600;
      const payload = {
        channel_id: 'b2c3d4e5-7777-8888-9999-000011112222',
        start_date: date(start),
        end_date: date(start + Math.floor(n / 2600)),
        notification_email: 'qa@example.com',
      };
      const res = await app.inject({ method: 'POST', url: SEASALT.base, headers: SEASALT.headers, payload });
      return json(res).export_job_id;
    },
    pollRequest(id) {
      return { url: `${SEASALT.base}/${id}`, headers: SEASALT.headers };
    },
  },
];

/**
 * Large exports per vendor for the generation benchmark. `settings(n)` sizes the world so the export holds about n
 * records; `run(app)` makes it through the vendor's API and answers what it holds; `sampleRecord(app)` gives a pool of real
 * records for the ceiling (cycled, so compression sees realistic variety); `format` says how the ceiling writes n copies of it.
 */
export const GENERATION = {
  seasalt: {
    format: 'zip-many',
    // A month of one channel (30 days, weekends quieter).
    settings: (n) => ({ WORLD_DAILY_VOLUME: Math.round(n / 30 / 0.99) }),
    async run(app) {
      const res = await app.inject({
        method: 'POST',
        url: SEASALT.base,
        headers: SEASALT.headers,
        payload: {
          channel_id: 'b2c3d4e5-7777-8888-9999-000011112222',
          start_date: '2025-03-31',
          end_date: '2025-04-29',
        },
      });
      const id = json(res).export_job_id;
      // This job's own completion (not drain(): another export may run at the same time).
      await app.mock.ctx.jobs.get(id).generation.promise;
      const result = app.mock.ctx.jobs.get(id).generation.result;
      return { records: result.conversations, messages: result.messages, bytes: result.object.size };
    },
    async sampleRecord(app) {
      const res = await app.inject({
        method: 'POST',
        url: SEASALT.base,
        headers: SEASALT.headers,
        payload: {
          channel_id: 'b2c3d4e5-7777-8888-9999-000011112222',
          start_date: '2025-04-28',
          end_date: '2025-04-28',
        },
      });
      const id = json(res).export_job_id;
      await app.mock.ctx.jobs.drain();
      await app.inject({ method: 'POST', url: '/__admin/clock/advance', payload: { seconds: 10 } });
      const job = json(await app.inject({ url: `${SEASALT.base}/${id}`, headers: SEASALT.headers }));
      const { unzipAll } = await import('./unzip.mjs');
      return unzipAll(await download(app, job.presigned_url));
    },
  },
  sendbird: {
    format: 'zip-one',
    // Seven days in UTC: weekdays are busier than weekends (×1.1 / ×0.7), on average ×0.99.
    settings: (n) => ({ WORLD_DAILY_VOLUME: Math.round(n / 7 / 0.99) }),
    async run(app) {
      const id = await FLOWS[0].create(app, { type: 'conversation', from: '2025-04-23', to: '2025-04-29' });
      // This job's own completion (not drain(): another export may run at the same time).
      await app.mock.ctx.jobs.get(id).generation.promise;
      const result = app.mock.ctx.jobs.get(id).generation.result;
      return { records: result.records, bytes: result.object?.size ?? 0 };
    },
    async sampleRecord(app) {
      const id = await FLOWS[0].create(app, { type: 'conversation', from: '2025-04-27', to: '2025-04-27' });
      await app.mock.ctx.jobs.drain();
      const { unzipFirst } = await import('./unzip.mjs');
      const url = (await app.inject({ url: `${FLOWS[0].base}/${id}`, headers: FLOWS[0].headers })).json().export_file
        .url;
      return JSON.parse(await unzipFirst(await download(app, url)));
    },
  },
  kore: {
    format: 'plain',
    settings: (n) => ({ WORLD_DAILY_VOLUME: Math.round(n / 7 / 0.99) }),
    async run(app) {
      const headers = await koreAuth(app);
      const created = (
        await app.inject({
          method: 'POST',
          url: `/kore/api/public/bot/${KORE_BOT}/search/analytics-export`,
          headers,
          payload: { filters: { from: '2025-04-21', to: '2025-04-27' } },
        })
      ).json();
      await app.mock.ctx.jobs.get(created._id).generation.promise;
      const result = app.mock.ctx.jobs.get(created._id).generation.result;
      return {
        records: result.totalRecords,
        bytes: result.files.reduce((s, f) => s + (app.mock.ctx.store.head('kore-findly', f.key)?.size ?? 0), 0),
      };
    },
    async sampleRecord(app) {
      const headers = await koreAuth(app);
      const created = (
        await app.inject({
          method: 'POST',
          url: `/kore/api/public/bot/${KORE_BOT}/search/analytics-export`,
          headers,
          payload: { filters: { from: '2025-04-27', to: '2025-04-28' } },
        })
      ).json();
      await app.mock.ctx.jobs.drain();
      await app.inject({ method: 'POST', url: '/__admin/clock/advance', payload: { seconds: 10 } });
      const job = (
        await app.inject({ url: `/kore/api/public/bot/${KORE_BOT}/search/jobs/${created._id}`, headers })
      ).json();
      return JSON.parse((await download(app, job.analyticsFragments[0].fileUrl)).toString());
    },
  },
  zendesk: {
    format: 'plain',
    settings: (n) => ({ WORLD_DAILY_VOLUME: Math.round(n / 1.1), ZENDESK_SHARD_SIZE: 5000 }),
    async run(app) {
      const res = (
        await app.inject({
          method: 'POST',
          url: ZENDESK.url,
          headers: ZENDESK.headers,
          payload: { date: '2025-04-29' },
        })
      ).json();
      // Count the lines straight from storage, streaming: downloading through inject would hold each file in memory.
      let records = 0;
      let bytes = 0;
      for (const url of res.urls) {
        const key = decodeURIComponent(new URL(url).pathname).split('/').slice(3).join('/');
        const object = app.mock.ctx.store.head(new URL(url).pathname.split('/')[2], key);
        bytes += object.size;
        for await (const chunk of app.mock.ctx.store.read(object)) for (const c of chunk) if (c === 10) records++;
      }
      return { records, bytes };
    },
    async sampleRecord(app) {
      const res = (
        await app.inject({
          method: 'POST',
          url: ZENDESK.url,
          headers: ZENDESK.headers,
          payload: { date: '2025-04-29' },
        })
      ).json();
      return (await download(app, res.urls[0]))
        .toString()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
    },
  },
};
