/** Transports for test/namespaces/flow.ts: inject, naming the namespace by path prefix or by header. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { download, HOST } from '../helpers.js';
import type { Answer, Transport } from './flow.js';

const answer = (res: LightMyRequestResponse): Answer => ({
  status: res.statusCode,
  headers: res.headers,
  json: () => res.json(),
  bytes: () => res.rawPayload,
});

/** The URL a request to `path` takes in namespace `name` when it is named by prefix. */
export function prefixed(name: string, path: string): string {
  return path.startsWith('/__admin') ? `/__admin/ns/${name}${path.slice('/__admin'.length)}` : `/ns/${name}${path}`;
}

/** `default` sends no prefix nor header: the default namespace, for comparisons. */
export function injectTransport(app: FastifyInstance, name: string, mode: 'prefix' | 'header' | 'default'): Transport {
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

/** Over a real socket (fetch), the namespace named by prefix: bodies and links travel as a real client's do. */
export function fetchTransport(origin: string, name: string): Transport {
  const answerOf = async (res: Response): Promise<Answer> => {
    const bytes = Buffer.from(await res.arrayBuffer());
    return {
      status: res.status,
      headers: Object.fromEntries(res.headers),
      json: () => JSON.parse(bytes.toString()),
      bytes: () => bytes,
    };
  };
  return {
    async send(method, path, headers = {}, body) {
      const json = body !== undefined || method === 'POST';
      const given = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
      const res = await fetch(`${origin}${prefixed(name, path)}`, {
        method,
        headers: { ...(json ? { 'content-type': 'application/json' } : {}), ...given },
        ...(json ? { body: JSON.stringify(body ?? {}) } : {}),
      });
      return answerOf(res);
    },
    download: async (url) => answerOf(await fetch(url)),
  };
}
