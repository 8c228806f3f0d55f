/** Where check-client runs a condition: a namespace of a running server, or a reset of one without namespaces. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteTargets } from '../../src/check-client/targets.js';
import { type MockServer, startMockServer } from '../../src/index.js';

describe('check-client targets', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer({ clockFrozen: true });
  });
  afterAll(() => mock.close());

  it('gives each condition a namespace of the running server, and leaves the default namespace alone', async () => {
    const factory = await remoteTargets(`${mock.url}/`, undefined);
    expect(factory.kind).toBe('namespace');
    const target = await factory.open('rate-limited');
    expect(target.origin).toMatch(new RegExp(`^${mock.url}/ns/check-[0-9a-f]{6}-rate-limited$`));
    await target.setClock('2025-04-08T12:00:00.000Z');
    await target.installPreset('rate-limited');
    await target.advanceClock(60);
    const tenants = await target.tenants();
    const base = Object.values(tenants.sendbird!.base_urls)[0]!;
    expect(base.startsWith(`${target.origin}/sendbird/`)).toBe(true);
    const answer = await fetch(`${base}/ai_agent/data_exports`, {
      headers: { 'api-token': 'demo-sendbird-api-token' },
    });
    expect(answer.status).toBe(429);
    expect((await target.journal()).map((e) => [e.route, e.status, e.scenarios])).toEqual([
      ['list', 429, ['rate-limited']],
    ]);
    // Nothing of it in the default namespace.
    expect(await mock.scenarios.list()).toEqual([]);
    expect(mock.journal.list()).toEqual([]);
    expect(mock.clock.now().toISOString()).not.toBe('2025-04-08T12:01:00.000Z');
    // Released: its scenarios and journal are gone.
    await target.release();
    expect(await target.journal()).toEqual([]);
    await factory.close();
  });

  it('falls back to resetting a server that has no namespaces, and names a server it cannot reach', async () => {
    const old = createServer((_req, res) => res.writeHead(404).end('{}'));
    await new Promise<void>((r) => old.listen(0, '127.0.0.1', r));
    const { port } = old.address() as AddressInfo;
    try {
      expect((await remoteTargets(`http://127.0.0.1:${port}`, undefined)).kind).toBe('reset');
    } finally {
      old.close();
    }
    await expect(remoteTargets(`http://127.0.0.1:${port}`, undefined)).rejects.toThrow(
      `cannot reach http://127.0.0.1:${port}`,
    );
  });
});
