/** What the S3 and GCS routes share: their dependencies, the URL as signed, the object's address and an XML reply. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Mangle } from '../scenarios/file-faults.js';
import type { LinkSigner } from '../signing/links.js';
import type { ClockStore } from '../state/clock.js';
import type { JobStore } from '../state/jobs.js';
import type { DownloadGate } from './download-gate.js';
import { isSafeKey, type ObjectStore, type StoredObject } from './object-store.js';

export interface StorageRouteDeps {
  store: ObjectStore;
  signer: LinkSigner;
  clock: ClockStore;
  jobs: JobStore;
  /** Admits downloads fairly; a refused one answers the storage's 503, as S3's SlowDown and GCS's throttling do. */
  gate: DownloadGate;
}

export function splitUrl(rawUrl: string): { path: string; query: Array<[string, string]> } {
  const q = rawUrl.indexOf('?');
  const path = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const query = q === -1 ? [] : [...new URLSearchParams(rawUrl.slice(q + 1)).entries()];
  return { path, query };
}

/** Serves a body if the gate admits it, else answers `busy()` (the storage's 503). */
export type Serve = (
  request: FastifyRequest,
  reply: FastifyReply,
  object: StoredObject,
  mangle: Mangle | undefined,
  busy: () => FastifyReply,
) => Promise<FastifyReply> | FastifyReply;

export function sendXml(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).type('application/xml').send(body);
}

export function parseObjectAddress(request: FastifyRequest): { bucket: string; key: string } | undefined {
  const params = request.params as { bucket?: string; '*'?: string };
  const bucket = params.bucket ?? '';
  const key = params['*'] ?? '';
  if (!/^[a-z0-9][a-z0-9._-]{1,62}$/.test(bucket) || !isSafeKey(key)) return undefined;
  return { bucket, key };
}
