/**
 * Records vendor and download requests into the journal, as steps of the root hooks. Vendors tag a request with its tenant
 * and job (`tagRequest`); downloads are tagged from the stored object's owner. Bodies are kept as text (up to a bound)
 * and parsed only when the journal is read, so recording costs little on the hot polling path.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { realElapsed, wallClock } from '../clock.js';
import { cutBody, type RawEntry } from '../journal/journal.js';
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
    /** Virtual time the request arrived, when the journal records it (NaN otherwise). */
    journalAt: number;
    /** Real time it arrived, and the monotonic reading its duration is measured from. */
    journalRealAt: number;
    journalElapsed: number;
    /** The response body as sent (a reference: the journal cuts it when it keeps it), and its size in bytes. */
    journalText: string | null;
    journalBytes: number | null;
  }
}

/** Vendors call this to say which tenant and job a request concerns. */
export function tagRequest(request: FastifyRequest, tags: RequestTags): void {
  // The request's own tags, changed in place: a poll tags twice (tenant, job) and should not copy them twice.
  const own = request.journalTags;
  if (own === null) request.journalTags = { ...tags };
  else Object.assign(own, tags);
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

/**
 * The journal's steps in the root hooks (src/app/hooks.ts): `start` in onRequest, `capture` in onSend, `record` in
 * onResponse. The hot path keeps references and numbers on the request, allocates no closure or promise, and builds
 * one entry at the end; masking, ISO dates and query parsing wait until the journal is read (journal/entry.ts).
 */
export function journalSteps(
  app: FastifyInstance,
  deps: { journal: JournalStore; clock: ClockStore; enabled: () => boolean },
) {
  app.decorateRequest('journalTags', null);
  app.decorateRequest('journalAt', Number.NaN);
  app.decorateRequest('journalRealAt', 0);
  app.decorateRequest('journalElapsed', 0);
  app.decorateRequest('journalText', null);
  app.decorateRequest('journalBytes', null);
  return {
    /** For a request to `vendor` (a vendor id, or 'storage' for a download), when the journal is on. */
    start(request: FastifyRequest, vendor: string): void {
      if (!deps.enabled()) return;
      request.journalTags = { vendor };
      request.journalAt = deps.clock.now();
      request.journalRealAt = wallClock();
      request.journalElapsed = realElapsed();
    },
    capture(request: FastifyRequest, reply: FastifyReply, payload: unknown): void {
      if (Number.isNaN(request.journalAt)) return;
      // The whole text by reference: the journal cuts (and copies) it when the entry is added.
      if (typeof payload === 'string') {
        request.journalText = payload;
        request.journalBytes = Buffer.byteLength(payload);
      } else if (Buffer.isBuffer(payload)) request.journalBytes = payload.length;
      else {
        const length = reply.getHeader('content-length');
        request.journalBytes = length === undefined ? null : Number(length);
      }
    },
    record(request: FastifyRequest, reply: FastifyReply): void {
      const tags = request.journalTags;
      if (Number.isNaN(request.journalAt) || !tags?.vendor) return;
      const url = request.url;
      const q = url.indexOf('?');
      const contentType = reply.getHeader('content-type');
      // Once: after a route validated its headers (Zendesk), each read of request.headers merges a new copy.
      const headers = request.headers;
      const entry: Omit<RawEntry, 'id'> = {
        atMs: request.journalAt,
        realMs: request.journalRealAt,
        vendor: tags.vendor,
        tenant: tags.tenant ?? null,
        method: request.method,
        path: q === -1 ? url : url.slice(0, q),
        search: q === -1 ? '' : url.slice(q + 1),
        headers,
        body: request.jsonText ?? bodyText(request.body),
        status: reply.statusCode,
        duration_ms: realElapsed() - request.journalElapsed,
        response: {
          content_type: contentType === undefined ? null : String(contentType),
          bytes: request.journalBytes,
          body: request.journalText,
        },
        job_id: tags.jobId ?? null,
        route: request.routeOptions.config?.routeKind ?? null,
        scenarios: tags.scenarios ?? [],
      };
      if (headers[DASHBOARD_HEADER] === '1') entry.dashboard = true;
      deps.journal.add(entry);
    },
  };
}
