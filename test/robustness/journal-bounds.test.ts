/**
 * The journal is bounded by count and by bytes: 1,200 unauthenticated 900 KB POSTs raised RSS from 82 MB to 1.2 GB, and
 * reading the journal then answered 500 "Invalid string length". Bodies above a size are cut with a marker, the oldest
 * entries go when either bound is passed, and reading and saving keep working. (RSS under a real flood: npm run bench.)
 */
import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/core/journal/journal.js';
import { testApp } from '../helpers.js';
import { BASE, TOKEN } from '../vendors/sendbird/sendbird.js';

const KIB = 1024;

describe('the journal is bounded by bytes as well as by count', () => {
  it('keeps the accounted size within JOURNAL_MAX_BYTES under many large bodies, and stays readable', async () => {
    const maxBytes = 1024 * KIB;
    const app = await testApp({ JOURNAL_MAX_BYTES: maxBytes, JOURNAL_LIMIT: 1000 });
    const big = JSON.stringify({ type: 'x'.repeat(900 * KIB) });
    for (let i = 0; i < 60; i++) {
      await app.inject({
        method: 'POST',
        url: `${BASE}/unknown-${i}`,
        headers: { 'content-type': 'application/json' },
        payload: big,
      });
      expect(app.mock.ctx.journal.accountedBytes).toBeLessThanOrEqual(maxBytes);
    }
    const res = await app.inject({ url: '/__admin/requests' });
    expect(res.statusCode).toBe(200);
    const entries = res.json().requests;
    // The oldest went; the newest is kept, with its body cut and marked.
    expect(entries.length).toBeGreaterThan(1);
    expect(entries.length).toBeLessThan(60);
    expect(entries.at(-1).path).toBe(`${BASE}/unknown-59`);
    expect(entries.at(-1).body).toMatch(/\.\.\.\[cut: 921611 characters in all\]$/);
    expect(entries.at(-1).body.length).toBeLessThan(70 * KIB);
    await app.close();
  });

  it('cuts large response bodies with the marker too', () => {
    const journal = new Journal(10, 1024 * KIB);
    journal.add(entry({ response: { content_type: 'application/json', bytes: 200_000, body: 'r'.repeat(200_000) } }));
    const [e] = journal.list();
    expect(e!.response.body).toMatch(/^r+\.\.\.\[cut: 200000 characters in all\]$/);
    expect(String(e!.response.body).length).toBeLessThan(20 * KIB);
  });

  it('evicts the oldest entries by count and by bytes, and never holds more than either bound', () => {
    const byCount = new Journal(5, 1024 * KIB);
    for (let i = 0; i < 50; i++) byCount.add(entry({ path: `/p${i}` }));
    expect(byCount.list().map((e) => e.path)).toEqual(['/p45', '/p46', '/p47', '/p48', '/p49']);

    const maxBytes = 256 * KIB;
    const byBytes = new Journal(1000, maxBytes);
    for (let i = 0; i < 500; i++) {
      byBytes.add(entry({ path: `/p${i}`, body: 'b'.repeat(1 + ((i * 7919) % 60_000)) }));
      expect(byBytes.accountedBytes).toBeLessThanOrEqual(maxBytes);
    }
    const kept = byBytes.list();
    expect(kept.at(-1)!.path).toBe('/p499');
    expect(kept.length).toBeGreaterThan(3);
    // Oldest first, contiguous: eviction takes from the old end only.
    const ids = kept.map((e) => e.id);
    expect(ids).toEqual(ids.map((_, i) => ids[0]! + i));
    expect(byBytes.snapshot().entries).toHaveLength(kept.length);
  });

  it('applies both bounds to a journal restored from DATA_DIR', () => {
    const big = new Journal(1000, 8 * 1024 * KIB);
    for (let i = 0; i < 200; i++) big.add(entry({ path: `/p${i}`, body: 'b'.repeat(30_000) }));
    const small = new Journal(1000, 256 * KIB);
    small.restore(big.snapshot());
    expect(small.accountedBytes).toBeLessThanOrEqual(256 * KIB);
    expect(small.list().at(-1)!.path).toBe('/p199');
    expect(small.lastId).toBe(200);
  });
});

function entry(over: Partial<Parameters<Journal['add']>[0]> = {}): Parameters<Journal['add']>[0] {
  return {
    atMs: 0,
    realMs: 0,
    vendor: 'sendbird',
    tenant: null,
    method: 'POST',
    path: '/p',
    search: '',
    headers: { ...TOKEN, 'content-type': 'application/json' },
    body: null,
    status: 404,
    duration_ms: 1,
    response: { content_type: null, bytes: null, body: null },
    job_id: null,
    route: null,
    scenarios: [],
    ...over,
  };
}
