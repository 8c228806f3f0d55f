/** Journal analysis: the figures check-client reports, from fixed journals. */
import { describe, expect, it } from 'vitest';
import { analyse, isDownload, median } from '../../src/check-client/analyse.js';
import { create, download, entry } from './journal-fixtures.js';

const WAITS = new Map([['rate-limited', 1]]);
const CREDS = ['api-token'];

describe('check-client journal analysis', () => {
  it('counts requests by route and measures the gaps between polls of one job', () => {
    const m = analyse(
      [create(0), entry(500), entry(1000), entry(1600), download(1700), entry(1800, { route: 'list', job_id: null })],
      CREDS,
      WAITS,
    );
    expect(m.requests).toBe(6);
    expect(m.byRoute).toEqual({ create: 1, poll: 3, list: 1, download: 1, other: 0 });
    expect(m.pollIntervalsMs).toEqual([500, 600]);
    expect(m.downloadsOk).toBe(1);
  });

  it('keeps polls of two jobs apart', () => {
    const m = analyse([entry(0), entry(100, { job_id: 'j2' }), entry(1000), entry(1100, { job_id: 'j2' })], [], WAITS);
    expect(m.pollIntervalsMs).toEqual([1000, 1000]);
  });

  it('says a 429 was honoured when the next API request came after Retry-After, ignored when sooner', () => {
    const limited = { status: 429, scenarios: ['rate-limited'] };
    const honoured = analyse([create(0, limited), create(1000)], CREDS, WAITS).retryAfter;
    expect(honoured).toEqual({ seen: 1, honoured: 1, ignored: 0, shortestWaitMs: 1000 });
    const ignored = analyse([create(0, limited), create(50, limited), create(100)], CREDS, WAITS).retryAfter;
    expect(ignored).toEqual({ seen: 2, honoured: 0, ignored: 2, shortestWaitMs: 50 });
    // A client that gives up after the 429 neither honoured nor ignored it.
    expect(analyse([create(0, limited)], CREDS, WAITS).retryAfter).toEqual({
      seen: 1,
      honoured: 0,
      ignored: 0,
      shortestWaitMs: null,
    });
  });

  it('allows a little slack on the wait, and ignores 429s no condition scenario told (a rate limit)', () => {
    const limited = { status: 429, scenarios: ['rate-limited'] };
    expect(analyse([create(0, limited), create(880)], CREDS, WAITS).retryAfter.honoured).toBe(1);
    expect(analyse([create(0, limited), create(800)], CREDS, WAITS).retryAfter.ignored).toBe(1);
    const other = analyse([create(0, { status: 429, scenarios: ['rate-limit:GET'] }), create(1)], CREDS, WAITS);
    expect(other.retryAfter.seen).toBe(0);
  });

  it('does not count a download as the retry of a 429', () => {
    const limited = { status: 429, scenarios: ['rate-limited'] };
    const m = analyse([entry(0, limited), download(10), entry(1200)], CREDS, WAITS);
    expect(m.retryAfter).toMatchObject({ honoured: 1, ignored: 0 });
  });

  it('names the credential headers sent with downloads, and only with downloads', () => {
    const withToken = { headers: { 'api-token': 'demo…', host: 'x' } };
    expect(
      analyse([create(0, withToken), entry(10, withToken), download(20)], CREDS, WAITS).credentialsToStorage,
    ).toEqual([]);
    expect(analyse([download(20, withToken)], CREDS, WAITS).credentialsToStorage).toEqual(['api-token']);
  });

  it('counts refused downloads and the most attempts at one refused link', () => {
    const refused = { status: 403 };
    const m = analyse(
      [
        download(0, refused),
        download(10, refused),
        download(20, refused),
        download(30, { ...refused, path: '/s3/b/other.zip' }),
      ],
      CREDS,
      WAITS,
    );
    expect(m.refusedDownloads).toBe(4);
    expect(m.mostAttemptsAtRefusedLink).toBe(3);
    expect(m.downloadsOk).toBe(0);
    // A 503 is no refusal: the link still works once storage recovers.
    expect(analyse([download(0, { status: 503 })], CREDS, WAITS).refusedDownloads).toBe(0);
  });

  it('knows downloads by the storage paths (also under a namespace) and by a vendor media route', () => {
    expect(isDownload(download(0))).toBe(true);
    expect(isDownload(download(0, { path: '/ns/worker-3/gcs/bucket/f.json' }))).toBe(true);
    expect(isDownload(entry(0, { path: '/kore/media/f.json', route: 'download' }))).toBe(true);
    expect(isDownload(entry(0, { path: '/sendbird/s3/x' }))).toBe(false);
  });

  it('counts API 5xx answers, not storage ones', () => {
    expect(analyse([create(0, { status: 500 }), download(5, { status: 503 })], CREDS, WAITS).serverErrors).toBe(1);
  });

  it('takes the median of odd and even counts', () => {
    expect(median([])).toBeNull();
    expect(median([300, 100, 200])).toBe(200);
    expect(median([100, 200, 300, 1000])).toBe(250);
  });
});
