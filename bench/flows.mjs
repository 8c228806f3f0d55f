// Each vendor's flow for the benchmarks: how to create a job in-process and how to poll it over HTTP.
// A vendor not registered in this build is skipped by the benchmarks.

const json = (res) => {
  if (res.statusCode >= 300) throw new Error(`${res.statusCode} ${res.body.slice(0, 200)}`);
  return res.json();
};

export const FLOWS = [
  {
    vendor: 'sendbird',
    base: '/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports',
    headers: { 'api-token': 'demo-sendbird-api-token' },
    async create(app, body = {}) {
      const payload = { type: 'daily_analysis', ai_agent_id: 'ai_agent_cx', from: '2025-04-07', to: '2025-04-07', timezone: 'UTC', export_format: 'json', ...body };
      return json(await app.inject({ method: 'POST', url: this.base, headers: this.headers, payload })).export_id;
    },
    pollRequest(id) {
      return { url: `${this.base}/${id}`, headers: this.headers };
    },
  },
];
