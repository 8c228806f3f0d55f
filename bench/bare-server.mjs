// The ceiling for the polling benchmark: bare Fastify returning the same JSON document on one route, nothing else
// (no hooks, no validation, no logger). The document is returned as an object, so both sides pay for serialising it.
import Fastify from 'fastify';

const doc = JSON.parse(process.env.BENCH_BODY ?? '{}');
const app = Fastify({ logger: false });
app.get('/poll', async () => doc);
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${app.server.address().port}\n`);
