import { describe, expect, it } from 'vitest';
import { Journal, type RawEntry } from '../../src/core/journal/journal.js';

const poll = (n: number, extra: Partial<RawEntry> = {}): Omit<RawEntry, 'id'> => ({
  atMs: 1_000 + n,
  realMs: 2_000 + n,
  vendor: 'sendbird',
  tenant: `app${''}`,
  method: 'GET',
  path: `/sendbird/app/v3/ai_agent/data_exports/${'e1'}`,
  search: '',
  headers: { host: 'localhost', 'api-token': 'secret-token-value' },
  body: null,
  status: 200,
  duration_ms: n,
  response: { content_type: 'application/json', bytes: 13, body: `{"status":"${'done'}"}` },
  job_id: 'e1',
  route: 'poll',
  scenarios: [],
  ...extra,
});

describe('the journal keeps equal parts of successive entries once', () => {
  it('shares what repeats, shows every entry with its own values, and hands readers their own copies', () => {
    const journal = new Journal(10);
    journal.add(poll(1));
    journal.add(poll(2));
    journal.add(poll(3, { headers: { host: 'localhost', 'api-token': 'other-token-value', extra: 'x' } }));
    journal.add(poll(4, { response: { content_type: 'application/json', bytes: 16, body: '{"status":"new"}' } }));
    const [a, b, c, d] = journal.list();
    expect(a!.response).toEqual(b!.response);
    expect(a!.headers).toEqual({ host: 'localhost', 'api-token': 'secr…' });
    expect(b!.headers).toEqual(a!.headers);
    expect(c!.headers).toEqual({ host: 'localhost', 'api-token': 'othe…', extra: 'x' });
    expect(d!.headers).toEqual(a!.headers);
    expect(c!.response.body).toBe('{"status":"done"}');
    expect(d!.response).toEqual({ content_type: 'application/json', bytes: 16, body: '{"status":"new"}' });
    expect([a, b, c, d].map((e) => e!.duration_ms)).toEqual([1, 2, 3, 4]);
    // A reader that changes what it was handed changes nothing the journal shows next.
    a!.response.body = 'changed';
    a!.scenarios.push('changed');
    const again = journal.list();
    expect(again[1]!.response.body).toBe('{"status":"done"}');
    expect(again[1]!.scenarios).toEqual([]);
  });

  it('keeps a header set that differs only by one missing name as its own', () => {
    const journal = new Journal(10);
    journal.add(poll(1, { headers: { host: 'localhost', accept: '*/*' } }));
    journal.add(poll(2, { headers: { host: 'localhost' } }));
    expect(journal.list().map((e) => e.headers)).toEqual([{ host: 'localhost', accept: '*/*' }, { host: 'localhost' }]);
  });
});
