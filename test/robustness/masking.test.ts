/**
 * Masking by name: any header or query parameter whose name suggests a secret is masked in the journal, which is what
 * /__admin/requests, the dashboard (it reads that route) and DATA_DIR's saved journal show. A fixed list of names
 * let `X-Admin-Token`, `X-Auth-Token`, `X-Amz-Security-Token`, `?api_key=` and `?password=` through verbatim.
 */
import { describe, expect, it } from 'vitest';
import { isSecretName, maskHeaders, maskQuery, maskUrl } from '../../src/core/journal/journal.js';
import { testApp } from '../helpers.js';
import { BASE, TOKEN } from '../vendors/sendbird/sendbird.js';

const SECRET = 'sup3r-s3cret-value-that-must-not-leak';

describe('secrets are masked by the shape of their name', () => {
  it('masks every header and query parameter named like a secret in /__admin/requests', async () => {
    const app = await testApp();
    const secretHeaders = [
      'x-admin-token',
      'x-auth-token',
      'x-amz-security-token',
      'x-client-secret',
      'x-api-key',
      'authorization',
      'proxy-authorization',
      'cookie',
      'x-credentials',
      'x-password',
      'api-token',
      'x-hub-signature',
    ];
    const headers: Record<string, string> = { ...TOKEN };
    for (const name of secretHeaders) headers[name] = SECRET;
    const secretQuery = [
      'api_key',
      'apiKey',
      'password',
      'access_token',
      'client_secret',
      'X-Amz-Signature',
      'X-Amz-Credential',
      'sig_token',
      'auth',
    ];
    const query = new URLSearchParams(secretQuery.map((k): [string, string] => [k, SECRET]));
    query.set('limit', '10');
    await app.inject({ url: `${BASE}?${query}`, headers: { ...headers, 'x-trace': 'plain-value' } });

    const res = await app.inject({ url: '/__admin/requests' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(SECRET);
    const [entry] = res.json().requests;
    for (const name of secretHeaders) expect(entry.headers[name], name).toBe(`${SECRET.slice(0, 4)}…`);
    for (const name of secretQuery) expect(entry.query[name], name).toBe(`${SECRET.slice(0, 4)}…`);
    // What is not a secret stays readable.
    expect(entry.headers['x-trace']).toBe('plain-value');
    expect(entry.query.limit).toBe('10');
    await app.close();
  });

  it('names that suggest a secret, and names that do not', () => {
    for (const name of [
      'X-Admin-Token',
      'X-Auth-Token',
      'api_key',
      'AWSAccessKeyId',
      'password',
      'passwd',
      'client-secret',
      'Signature',
      'X-Goog-Signature',
      'Cookie',
      'X-Goog-Credential',
      'auth',
      'oauth_verifier',
      'sessionid',
      's',
      'token',
    ]) {
      expect(isSecretName(name), name).toBe(true);
    }
    for (const name of [
      'content-type',
      'host',
      'accept',
      'user-agent',
      'organizationid',
      'botid',
      'limit',
      'from',
      'X-Amz-Expires',
      'Expires',
      'x-mock-scenario',
    ]) {
      expect(isSecretName(name), name).toBe(false);
    }
    expect(maskHeaders({ 'X-Admin-Token': 'abcdefgh', host: 'x' })).toEqual({ 'X-Admin-Token': 'abcd…', host: 'x' });
    expect(maskQuery(new URLSearchParams('password=abc&page=2'))).toEqual({ password: '****', page: '2' });
  });

  it('masks secrets in a URL as the logs show it', () => {
    expect(maskUrl('/s3/b/k.zip?X-Amz-Signature=abcdef0123&X-Amz-Expires=60&api_key=zzzzzzzz')).toBe(
      '/s3/b/k.zip?X-Amz-Signature=abcd…&X-Amz-Expires=60&api_key=zzzz…',
    );
    expect(maskUrl('/__admin/health')).toBe('/__admin/health');
  });
});
