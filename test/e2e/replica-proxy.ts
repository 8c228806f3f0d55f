/**
 * A tiny load balancer for the replica tests and the bench: each request goes to the replica `choose` names (seeded
 * random in the tests, round-robin in the bench), with its Host header kept, so links signed for the balancer's origin
 * verify on whichever replica serves them.
 */
import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';

export interface ReplicaProxy {
  url: string;
  /** Replica origins, filled once they listen. */
  targets: string[];
  /** How many requests each replica served. */
  served: number[];
  close(): Promise<void>;
}

export async function startProxy(choose: (n: number) => number): Promise<ReplicaProxy> {
  const proxy: ReplicaProxy = { url: '', targets: [], served: [], close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const alive = proxy.targets.map((t, i) => ({ t, i })).filter(({ t }) => t !== '');
    const { t, i } = alive[choose(alive.length)]!;
    proxy.served[i] = (proxy.served[i] ?? 0) + 1;
    const target = new URL(t);
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  proxy.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  proxy.close = async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  };
  return proxy;
}

/** A seeded choice (mulberry32): the same seed sends the same requests to the same replicas. */
export function seededChoice(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}
