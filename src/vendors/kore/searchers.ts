/**
 * The people and programs that search a Kore bot: how they type a question into a search box, and what their client
 * reports. A search through the API comes from an HTTP library on a server, never from a browser.
 */
import type { Rng } from '../../core/random.js';

const STOP_WORDS = new Set([
  'how',
  'do',
  'does',
  'i',
  'my',
  'the',
  'what',
  'is',
  'a',
  'an',
  'can',
  'you',
  'your',
  'to',
  'of',
  'for',
  'it',
  'are',
  'there',
  'get',
  'which',
  'will',
  'why',
  'was',
  'on',
  'after',
  'that',
]);

/** How people actually type a question into a search box. */
export function typed(rng: Rng, query: string): string {
  const style = rng.weighted([
    ['as-is', 50],
    ['lower', 25],
    ['keywords', 15],
    ['typo', 10],
  ] as const);
  switch (style) {
    case 'as-is':
      return query;
    case 'lower':
      return query.toLowerCase().replace(/[?!.]$/, '');
    case 'keywords': {
      const words = query
        .toLowerCase()
        .replace(/[?!.,]/g, '')
        .split(/\s+/)
        .filter((w) => !STOP_WORDS.has(w));
      return words.length > 0 ? words.join(' ') : query.toLowerCase();
    }
    case 'typo': {
      const words = query.split(' ');
      const long = words.map((w, i) => [w, i] as const).filter(([w]) => /^[a-z]{5,}$/i.test(w));
      if (long.length === 0) return query.toLowerCase();
      const [w, i] = rng.pick(long);
      const k = rng.int(1, w.length - 2);
      words[i] = `${w.slice(0, k)}${w[k + 1]}${w[k]}${w.slice(k + 2)}`;
      return words.join(' ').toLowerCase();
    }
  }
}

const USER_AGENTS = [
  {
    browser: 'Chrome',
    os: 'Windows',
    deviceType: 'desktop',
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  },
  {
    browser: 'Safari',
    os: 'macOS',
    deviceType: 'desktop',
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  },
  {
    browser: 'Safari',
    os: 'iOS',
    deviceType: 'mobile',
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  },
  {
    browser: 'Chrome',
    os: 'Android',
    deviceType: 'mobile',
    userAgent:
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36',
  },
  {
    browser: 'Edge',
    os: 'Windows',
    deviceType: 'desktop',
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67',
  },
  {
    browser: 'Firefox',
    os: 'Linux',
    deviceType: 'desktop',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  },
] as const;

interface ClientInfo {
  browser: string;
  os: string;
  deviceType: string;
  userAgent: string;
}

/** HTTP clients of integrations that call the search API directly. */
const API_CLIENTS = [
  { browser: 'Other', os: 'Linux', deviceType: 'server', userAgent: 'python-requests/2.31.0' },
  { browser: 'Other', os: 'Linux', deviceType: 'server', userAgent: 'axios/1.6.8' },
  { browser: 'Other', os: 'Linux', deviceType: 'server', userAgent: 'Java-http-client/17.0.10' },
] as const;

/** What the client of one user reports: a browser for the web SDK, an HTTP library for the API. */
export function clientOf(user: Rng, viaApi: boolean): ClientInfo {
  const pool: readonly ClientInfo[] = viaApi ? API_CLIENTS : USER_AGENTS;
  return { ...user.pick(pool) };
}
