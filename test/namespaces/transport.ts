/** Transports for test/namespaces/flow.ts: inject, naming the namespace by path prefix or by header. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { download, HOST } from '../helpers.js';
import type { Answer, Transport } from './flow.js';

const answer = (res: LightMyRequestResponse): Answer => ({
  status: res.statusCode,
  headers: res.headers,
  json: () => res.json(),
});

/** The URL a request to `path` takes in namespace `name` when it is named by prefix. */
export function prefixed(name: string, path: string): string {
  return path.startsWith('/__admin') ? `/__admin/ns/${name}${path.slice('/__admin'.length)}` : `/ns/${name}${path}`;
}

export function injectTransport(app: FastifyInstance, name: string, mode: 'prefix' | 'header'): Transport {
  return {
    async send(method, path, headers = {}, body) {
      const res = await app.inject({
        method: method as 'GET',
        url: mode === 'prefix' ? prefixed(name, path) : path,
        headers: { host: HOST, ...headers, ...(mode === 'header' ? { 'x-mock-namespace': name } : {}) },
        ...(body !== undefined ? { payload: body as object } : method === 'POST' ? { payload: {} } : {}),
      });
      return answer(res);
    },
    download: async (url) => answer(await download(app, url)),
  };
}
