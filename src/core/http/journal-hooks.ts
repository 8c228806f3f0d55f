/**
 * Records vendor and download requests into the journal with three root hooks. Vendors tag a request with its tenant
 * and job (`tagRequest`); downloads are tagged from the stored object's owner. Bodies are kept as text (up to a bound)
 * and parsed only when the journal is read, so recording costs little on the hot polling path.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { wallClock } from '../clock.js';
import { cutBody } from '../journal/journal.js';
import type { ClockStore } from '../state/clock.js';
import type { JournalStore } from '../state/journal.js';
import { jsonNestingExceeds, MAX_JSON_DEPTH } from './json-body.js';

/** The header the demo dashboard puts on its own requests, so readers of the journal can tell them from a client's. */
export const DASHBOARD_HEADER = 'x-mock-dashboard';

export interface RequestTags {
  vendor?: string;
  tenant?: string;
  jobId?: string;
  /** Scenarios (and rate limits) that acted on the request. */
  scenarios?: string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    journalTags: RequestTags | null;
    journalStart: { virtual: number; real: number; hr: bigint } | null;
    journalResponse: { text: string | null; bytes: number | null } | null;
  }
}

/** Vendors call this to say which tenant and job a request concerns. */
export function tagRequest(request: FastifyRequest, tags: RequestTags): void {
  request.journalTags = { ...(request.journalTags ?? {}), ...tags };
}

/**
 * A request body as the journal keeps it: always text, never the parsed object. A parsed body of any nesting depth
 * reached JSON.stringify when the journal was read or saved and threw "Maximum call stack size exceeded" there, which
 * broke /__admin/requests and every later state save. Text cannot do that. The journal cuts it to its bound.
 */
function bodyText(body: unknown): string | null {
  return cutBody(body, Number.POSITIVE_INFINITY);
}

/** Nesting deeper than this is shown as text: parsing and re-serializing it is where the stack runs out. */
const MAX_READABLE_DEPTH = MAX_JSON_DEPTH;

/** Parses a recorded text body back into JSON when it is JSON of sane depth, for readers of the journal. */
export function readableBody(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  if (jsonNestingExceeds(text, MAX_READABLE_DEPTH)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function registerJournalHooks(
  app: FastifyInstance,
  deps: {
    journal: JournalStore;
    clock: ClockStore;
    vendorOf: (path: string) => string | undefined;
    enabled: () => boolean;
  },
): void {
  app.decorateRequest('journalTags', null);
  app.decorateRequest('journalStart', null);
  app.decorateRequest('journalResponse', null);

  app.addHook('onRequest', (request, _reply, done) => {
    if (deps.enabled()) {
      const path = request.url.split('?', 1)[0]!;
      const vendor = deps.vendorOf(path);
      if (vendor) {
        request.journalTags = { vendor };
        request.journalStart = { virtual: deps.clock.now(), real: wallClock(), hr: process.hrtime.bigint() };
      }
    }
    done();
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.journalStart) {
      // The whole text by reference: the journal cuts (and copies) it when the entry is added.
      if (typeof payload === 'string') request.journalResponse = { text: payload, bytes: Buffer.byteLength(payload) };
      else if (Buffer.isBuffer(payload)) request.journalResponse = { text: null, bytes: payload.length };
      else {
        const length = reply.getHeader('content-length');
        request.journalResponse = { text: null, bytes: length === undefined ? null : Number(length) };
      }
    }
    done(null, payload);
  });

  app.addHook('onResponse', (request, reply, done) => {
    const start = request.journalStart;
    const tags = request.journalTags;
    if (start && tags?.vendor) {
      const [path = '', search = ''] = request.url.split('?', 2);
      const contentType = reply.getHeader('content-type');
      deps.journal.add({
        atMs: start.virtual,
        realMs: start.real,
        vendor: tags.vendor,
        tenant: tags.tenant ?? null,
        method: request.method,
        path,
        search,
        headers: request.headers,
        body: request.jsonText ?? bodyText(request.body),
        status: reply.statusCode,
        duration_ms: Number(process.hrtime.bigint() - start.hr) / 1e6,
        response: {
          content_type: contentType === undefined ? null : String(contentType),
          bytes: request.journalResponse?.bytes ?? null,
          body: request.journalResponse?.text ?? null,
        },
        job_id: tags.jobId ?? null,
        route: request.routeOptions.config?.routeKind ?? null,
        scenarios: tags.scenarios ?? [],
        ...(request.headers[DASHBOARD_HEADER] === '1' ? { dashboard: true as const } : {}),
      });
    }
    done();
  });
}
