/**
 * /__admin/requests: read, clear and wait on the request journal. A test asserts a whole polling flow from here, and
 * waits for a request instead of sleeping.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreContext } from '../core/context.js';
import { readableBody } from '../core/http/journal-hooks.js';
import type { JournalEntry, JournalFilter } from '../core/journal/journal.js';
import { ErrorBody } from './schemas.js';

const isoInstant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'expected an ISO 8601 instant' });
const Filter = z
  .object({
    vendor: z.string().optional(),
    tenant: z.string().optional(),
    method: z.string().optional(),
    path: z.string().optional().describe('Substring of the request path'),
    status: z.coerce.number().int().optional(),
    since: isoInstant.optional().describe('Virtual time lower bound (inclusive)'),
    until: isoInstant.optional().describe('Virtual time upper bound (inclusive)'),
    after_id: z.coerce.number().int().optional().describe('Only entries with a greater id'),
    job_id: z.string().optional(),
    include_dashboard: z
      .stringbool()
      .optional()
      .describe("Also the demo dashboard's own requests (X-Mock-Dashboard: 1), left out by default"),
  })
  .strict();
type Filter = z.output<typeof Filter>;

const Entry = z.object({
  id: z.number().int(),
  at: z.string().describe('Virtual time the request arrived'),
  real_at: z.string().describe('Real time the request arrived'),
  vendor: z.string(),
  tenant: z.string().nullable(),
  method: z.string(),
  path: z.string(),
  query: z.record(z.string(), z.string()),
  headers: z.record(z.string(), z.string()).describe('Credentials masked to their first four characters'),
  body: z.unknown(),
  status: z.number().int(),
  duration_ms: z.number(),
  response: z.object({ content_type: z.string().nullable(), bytes: z.number().nullable(), body: z.unknown() }),
  job_id: z.string().nullable(),
  route: z.string().nullable(),
  scenarios: z.array(z.string()),
  dashboard: z.literal(true).optional().describe("Present on the demo dashboard's own requests"),
});

const WaitBody = Filter.extend({
  include_dashboard: z.boolean().optional(),
  timeout_ms: z.number().int().min(0).max(60_000).default(5_000),
}).strict();

const toFilter = (f: Filter): JournalFilter => ({
  ...f,
  since: f.since === undefined ? undefined : Date.parse(f.since),
  until: f.until === undefined ? undefined : Date.parse(f.until),
});

/** Entries as readers want them: bodies parsed back into JSON when they are JSON. */
const present = (e: JournalEntry) => ({
  ...e,
  body: readableBody(e.body),
  response: { ...e.response, body: readableBody(e.response.body) },
});

export async function registerJournalRoutes(scope: FastifyInstance, ctx: CoreContext): Promise<void> {
  const admin = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['journal'];

  admin.get(
    '/__admin/requests',
    {
      schema: {
        tags,
        summary: 'Recorded requests to vendor routes and download links, oldest first',
        querystring: Filter,
        response: { 200: z.object({ requests: z.array(Entry) }), 400: ErrorBody },
      },
    },
    async (request) => ({
      requests: ctx.journal.list(toFilter(request.query)).map(present),
    }),
  );

  admin.delete(
    '/__admin/requests',
    { schema: { tags, summary: 'Clear the journal', response: { 200: z.object({ status: z.literal('cleared') }) } } },
    async () => {
      ctx.journal.clear();
      // Shared: answers once the clear is in Redis, so the next read on any replica already misses what it cleared.
      await ctx.journal.refresh?.();
      return { status: 'cleared' as const };
    },
  );

  admin.post(
    '/__admin/requests/wait',
    {
      schema: {
        tags,
        summary: 'Wait until a matching request has been recorded (200) or the timeout passes (408)',
        body: WaitBody,
        response: { 200: Entry, 400: ErrorBody, 408: ErrorBody },
      },
    },
    async (request, reply) => {
      const { timeout_ms, ...filter } = request.body;
      const entry = await ctx.journal.wait(toFilter(filter), timeout_ms);
      if (!entry)
        return reply.code(408).send({ error: 'timeout', message: `No matching request within ${timeout_ms} ms.` });
      return present(entry);
    },
  );
}
