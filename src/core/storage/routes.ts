/**
 * This server playing S3 (`/s3/{bucket}/{key}`, Signature V4 or V2 query auth) and Google Cloud Storage
 * (`/gcs/{bucket}/{key}`, V4 query auth) for the files vendors generate. Auth is checked before the object is looked
 * up, as on the real services, and every failure is the service's own XML error.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Mangle } from '../scenarios/file-faults.js';
import { GCS_PATH, S3_PATH } from '../signing/links.js';
import { sendStoredObject } from './downloads.js';
import { gcsHandler } from './gcs.js';
import type { StorageRouteDeps } from './http.js';
import type { StoredObject } from './object-store.js';
import { requestIdsOf, s3Handler } from './s3.js';

export async function registerStorageRoutes(app: FastifyInstance, deps: StorageRouteDeps): Promise<void> {
  // Read at request time, not here: in a namespace they are the namespace's (src/core/namespaces).
  let s3Requests = 0;
  const requestIds = (reply: FastifyReply, path: string, now: number) => {
    const ids = requestIdsOf(path, now, ++s3Requests);
    reply.header('server', 'AmazonS3').header('x-amz-request-id', ids[0]![1]).header('x-amz-id-2', ids[1]![1]);
    return ids;
  };
  /** Serves a body if the gate admits it (every slot taken, or this client's share: the storage's 503). */
  const serve = (
    request: FastifyRequest,
    reply: FastifyReply,
    object: StoredObject,
    mangle: Mangle | undefined,
    busy: () => FastifyReply,
  ) => {
    if (deps.gate.admit(request, reply)) return busy();
    return sendStoredObject(request, reply, deps.store, object, mangle);
  };

  const s3 = s3Handler(deps, requestIds, serve);
  const gcs = gcsHandler(deps, serve);

  // HEAD first: Fastify would otherwise add its own HEAD twin of the GET route, which opens the file for nothing.
  for (const method of ['HEAD', 'GET'] as const) {
    app.route({ method, url: `${S3_PATH}/:bucket/*`, handler: s3, schema: { hide: true } });
    app.route({ method, url: `${GCS_PATH}/:bucket/*`, handler: gcs, schema: { hide: true } });
  }
}
