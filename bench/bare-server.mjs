// The ceiling for the polling benchmark: bare Fastify answering the same request with the same JSON document on one
// route, nothing else (no hooks, no validation, no logger). It takes the poll's method too, so a POST poll (Zendesk's
// get-signed-urls) is compared with bare Fastify reading and parsing the same JSON body. The document is returned as
// an object, so both sides pay for serialising it.
import Fastify from 'fastify';

const doc = JSON.parse(process.env.BENCH_BODY ?? '{}');
const app = Fastify({ logger: false });
app.route({ method: ['GET', 'POST'], url: '/poll', handler: async () => doc });
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`${app.server.address().port}\n`);
