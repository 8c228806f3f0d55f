/**
 * `X-API-Key` of the workspace in the path. Runs after the body is decoded and before its fields are validated, where
 * FastAPI solves its dependencies (routes.ts). A key is issued by one workspace: a missing key, a wrong key, a key of another
 * workspace and an unknown workspace all answer 401 `{"detail": "Invalid API key"}` (as SeaX's other endpoints answer), so the answer never
 * tells a caller which workspace ids exist.
 */
import type { FastifyRequest } from 'fastify';
import { safeEqual } from '../../core/signing/hmac.js';
import { unauthorized } from './errors.js';
import type { SeasaltSeeds, Workspace } from './schemas.js';

/** Workspace ids are UUIDs; like a database uuid column, the comparison ignores case. */
function findWorkspace(seeds: SeasaltSeeds, workspaceId: string): Workspace | undefined {
  const wanted = workspaceId.toLowerCase();
  return seeds.workspaces.find((w) => w.workspace_id.toLowerCase() === wanted);
}

export function authenticate(seeds: SeasaltSeeds, request: FastifyRequest): Workspace {
  const workspace = findWorkspace(seeds, (request.params as { workspace_id?: string }).workspace_id ?? '');
  const header = request.headers['x-api-key'];
  const key = Array.isArray(header) ? header[0] : header;
  // Every key is compared, without stopping early, so timing does not tell which one nearly matched.
  let ok = false;
  if (workspace && key) for (const candidate of workspace.api_keys) ok = safeEqual(candidate, key) || ok;
  if (!workspace || !ok) throw unauthorized();
  return workspace;
}
