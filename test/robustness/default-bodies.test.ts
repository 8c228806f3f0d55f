/**
 * No framework default body anywhere: a path with invalid percent-encoding, a wrong content type or bad JSON on the
 * dashboard, and unknown paths answer in the words of whoever owns the path: storage XML on /s3 and /gcs, the vendor's
 * envelope under a vendor prefix, and the documented `{"error": "...", "message": "..."}` JSON everywhere else.
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers.js';
import { ENVELOPES } from './routes.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
});

/** A raw request over a socket, path bytes exactly as given: clients send broken escapes as they are. */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    // Node's client sends a DELETE body without Content-Length unless told; the server would read it as the next request.
    const length: Record<string, string> =
      body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: address.port,
        method,
        path,
        headers: { host: 'mock.test:4010', ...length, ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: text }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const BAD_ESCAPES = ['%zz', '%E0%A4%A', '%', '%C3%28'];

/** The documented shape of every answer outside vendor and storage paths. */
function expectPlainError(res: { status: number; type: string; body: string }, error: string) {
  expect(res.type).toMatch(/^application\/json/);
  const body = JSON.parse(res.body);
  expect(Object.keys(body).sort()).toEqual(['error', 'message']);
  expect(body.error).toBe(error);
  expect(typeof body.message).toBe('string');
  expect(res.body).not.toContain('FST_');
}

describe('invalid percent-encoding in the path', () => {
  it('answers S3 and GCS paths with the storage XML error', async () => {
    for (const badEscape of BAD_ESCAPES) {
      const s3 = await raw('GET', `/s3/sendbird-exports/exports/${badEscape}.zip?X-Amz-Signature=x`);
      expect(s3.status, badEscape).toBe(400);
      expect(s3.type).toMatch(/^application\/xml/);
      expect(s3.body).toMatch(
        /<Error><Code>InvalidURI<\/Code><Message>Couldn&apos;t parse the specified URI.<\/Message><URI>/,
      );
      const gcs = await raw('GET', `/gcs/ultimate-exports/${badEscape}`);
      expect(gcs.status, badEscape).toBe(400);
      expect(gcs.type).toMatch(/^application\/xml/);
      expect(gcs.body).toMatch(/<Error><Code>InvalidArgument<\/Code><Message>Invalid argument.<\/Message><Details>/);
    }
  });

  it('answers vendor paths (Kore media links included) in the vendor envelope', async () => {
    const paths: Record<string, string> = {
      kore: '/kore/api/getMediaStream/findly/f-%zz.json?n=1&s=x',
      sendbird: '/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports/%E0%A4%A',
      zendesk: '/zendesk/eu/data-export/v3/%zz',
      seasalt: '/seasalt/seax-api/api/v1/workspace/%zz/export-conversations',
    };
    for (const [vendor, path] of Object.entries(paths)) {
      const res = await raw('GET', path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(ENVELOPES[vendor]!(JSON.parse(res.body), res.type), `${vendor}: ${res.body}`).toBe(true);
    }
  });

  it('answers bad JSON or a wrong content type on an unknown vendor path in the vendor envelope', async () => {
    const paths: Record<string, string> = {
      kore: '/kore/api/public/bot/nope',
      sendbird: '/sendbird/a245389gje349rt3429992Op/v3/nope',
      zendesk: '/zendesk/eu/data-export/v3/nope',
      seasalt: '/seasalt/seax-api/api/v1/nope',
    };
    for (const [vendor, path] of Object.entries(paths)) {
      for (const [type, body] of [
        ['application/json', '{'],
        ['application/xml', '<a/>'],
        ['application/json', '['.repeat(100) + ']'.repeat(100)],
      ]) {
        const res = await raw('POST', path, { 'content-type': type! }, body);
        expect(res.status, `${path} ${type}`).toBeLessThan(500);
        expect(ENVELOPES[vendor]!(JSON.parse(res.body), res.type), `${vendor}: ${res.body}`).toBe(true);
      }
    }
  });

  it('answers the control plane, the dashboard and unknown paths with the documented JSON shape', async () => {
    for (const path of ['/nope/%zz', '/__admin/%zz', '/__dashboard/%E0%A4%A', '/%']) {
      const res = await raw('GET', path);
      expect(res.status, path).toBe(400);
      expectPlainError(res, 'bad_url');
    }
  });
});

describe('bytes that are not HTTP', () => {
  /** Writes raw bytes on a fresh connection and reads everything the server sends before it closes. */
  function rawBytes(bytes: string) {
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('not listening');
    return new Promise<string>((resolve, reject) => {
      const socket = connect(address.port, '127.0.0.1', () => socket.end(bytes));
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (c) => (text += c));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
  }

  it('answer a malformed request line or oversized headers with the documented JSON shape', async () => {
    const garbage = await rawBytes('GARBAGE\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    const body = JSON.parse(garbage.slice(garbage.indexOf('\r\n\r\n') + 4));
    expect(body).toEqual({ error: 'bad_request', message: expect.any(String) });
    const huge = await rawBytes(`GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(huge.slice(huge.indexOf('\r\n\r\n') + 4)).error).toBe('headers_too_large');
  });
});

describe('storage paths no route matches', () => {
  it('answer a wrong method with 405 MethodNotAllowed XML and a bucket or root with 403 AccessDenied XML', async () => {
    for (const [kind, code] of [
      ['s3', 'MethodNotAllowed'],
      ['gcs', 'MethodNotAllowed'],
    ] as const) {
      for (const method of ['PUT', 'DELETE', 'POST', 'PATCH']) {
        const res = await raw(method, `/${kind}/some-bucket/some/key.zip`, { 'content-type': 'application/json' }, '{');
        expect(res.status, `${method} ${kind}`).toBe(405);
        expect(res.type).toMatch(/^application\/xml/);
        expect(res.body).toContain(`<Error><Code>${code}</Code>`);
      }
      for (const path of [`/${kind}`, `/${kind}/`, `/${kind}/some-bucket`]) {
        const res = await raw('GET', path);
        expect(res.status, path).toBe(403);
        expect(res.type).toMatch(/^application\/xml/);
        expect(res.body).toContain('<Error><Code>AccessDenied</Code>');
      }
    }
  });
});

describe('the dashboard and unknown paths', () => {
  it('answer a wrong content type or bad JSON with the documented JSON shape', async () => {
    const login = await raw('POST', '/__dashboard/login', { 'content-type': 'application/xml' }, '<token/>');
    expect(login.status).toBe(415);
    expectPlainError(login, 'unsupported_media_type');
    const badJson = await raw('POST', '/__dashboard/login', { 'content-type': 'application/json' }, '{');
    expect(badJson.status).toBe(400);
    expectPlainError(badJson, 'invalid_json');
    const unknownJson = await raw('POST', '/nope', { 'content-type': 'application/json' }, '{');
    expect(unknownJson.status).toBe(400);
    expectPlainError(unknownJson, 'invalid_json');
    // No route takes the body, so an unknown content type on an unknown path is simply not found.
    const unknownXml = await raw('POST', '/nope', { 'content-type': 'application/xml' }, '<a/>');
    expect(unknownXml.status).toBe(404);
    expectPlainError(unknownXml, 'not_found');
  });

  it('answer a wrong method or an unknown path with 404 in the documented JSON shape', async () => {
    for (const [method, path] of [
      ['PUT', '/__dashboard/login'],
      ['GET', '/__dashboard/login'],
      ['GET', '/nope'],
      ['DELETE', '/'],
    ]) {
      const res = await raw(method!, path!);
      expect(res.status, `${method} ${path}`).toBe(404);
      expectPlainError(res, 'not_found');
    }
  });
});
