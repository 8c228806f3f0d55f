// Small HTTP helpers the benchmarks share: a free loopback port, waiting for health, and an inject() over fetch so the
// flows in flows.mjs can create jobs in a running server.
import { createServer } from 'node:net';

export const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

export async function waitHealthy(port, path = '/__admin/health') {
  for (const end = Date.now() + 20_000; Date.now() < end; ) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}${path}`)).status === 200) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error('server did not become healthy');
}

export const fetchInject = (origin) => ({
  inject: (opts) =>
    fetch(`${origin}${opts.url}`, {
      method: opts.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...opts.headers },
      body: opts.payload ? JSON.stringify(opts.payload) : undefined,
    }).then(async (r) => ({
      statusCode: r.status,
      body: await r.text(),
      json() {
        return JSON.parse(this.body);
      },
    })),
});
