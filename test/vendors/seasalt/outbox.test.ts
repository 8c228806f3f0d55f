import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { advance, testApp } from '../../helpers.js';
import { BODY, create, poll, WHATSAPP, WS } from './seasalt.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await testApp();
});
afterEach(async () => {
  await app.close();
});

const EMAIL = 'agent@example.com';
const outbox = async (a: FastifyInstance = app) => {
  const res = await a.inject({ url: '/__admin/outbox' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Array<Record<string, string>>;
};

describe('Seasalt notification emails (GET /__admin/outbox)', () => {
  it('records one email with the download link when the job finishes, seen by an outbox read alone', async () => {
    const id = await create(app, { ...BODY, notification_email: EMAIL });
    expect(await outbox()).toEqual([]);
    await advance(app, 34);
    expect(await outbox()).toEqual([]);
    await advance(app, 1);
    const [email, ...rest] = await outbox();
    expect(rest).toEqual([]);
    const job = await poll(app, id);
    expect(email).toEqual({
      to: EMAIL,
      subject: 'Your SeaX conversation export is ready (SMS Support, 2025-04-01)',
      body: expect.stringContaining(job.presigned_url),
      link: job.presigned_url,
      export_job_id: id,
      workspace_id: WS,
      sent_at: '2025-04-08T12:00:35.000Z',
    });
    expect(email!.body).toContain('SMS Support (+12025550123)');
    expect(email!.body).toContain('2025-04-09T12:00:35.000000');
  });

  it('records it exactly once, however often the job is polled and the outbox read', async () => {
    const id = await create(app, { ...BODY, notification_email: EMAIL });
    await advance(app, 60);
    for (let i = 0; i < 3; i++) await poll(app, id);
    await outbox();
    await advance(app, 3600);
    await poll(app, id);
    expect((await outbox()).length).toBe(1);
  });

  it('lists emails newest last, by when each job finished, whichever job was polled first', async () => {
    const early = await create(app, { ...BODY, notification_email: 'first@example.com' });
    await advance(app, 10);
    const late = await create(app, { ...BODY, channel_id: WHATSAPP, notification_email: 'second@example.com' });
    await advance(app, 60);
    // Polling the later job records both, in the order they finished.
    await poll(app, late);
    const list = await outbox();
    expect(list.map((e) => e.export_job_id)).toEqual([early, late]);
    expect(list.map((e) => e.sent_at)).toEqual(['2025-04-08T12:00:35.000Z', '2025-04-08T12:00:45.000Z']);
  });

  it('sends nothing without notification_email, and nothing for a failed export', async () => {
    await create(app, BODY);
    const failing = await create(app, { ...BODY, channel_id: WHATSAPP, notification_email: EMAIL });
    await app.mock.ctx.jobs.patch(failing, { outcome: { kind: 'failed', error: 'boom' } });
    await advance(app, 60);
    expect((await poll(app, failing)).status).toBe('failed');
    expect(await outbox()).toEqual([]);
  });

  it('notifies per job: two channels, two emails', async () => {
    await create(app, { ...BODY, notification_email: 'a@example.com' });
    await create(app, { ...BODY, channel_id: WHATSAPP, notification_email: 'b@example.com' });
    await advance(app, 60);
    expect((await outbox()).map((e) => e.to)).toEqual(['a@example.com', 'b@example.com']);
  });

  it('is cleared by reset', async () => {
    await create(app, { ...BODY, notification_email: EMAIL });
    await advance(app, 60);
    expect((await outbox()).length).toBe(1);
    await app.inject({ method: 'POST', url: '/__admin/reset', payload: {} });
    expect(await outbox()).toEqual([]);
  });

  it('takes the admin token when one is set', async () => {
    const guarded = await testApp({ ADMIN_TOKEN: 'a-very-long-admin-token' });
    try {
      expect((await guarded.inject({ url: '/__admin/outbox' })).statusCode).toBe(401);
      const ok = await guarded.inject({
        url: '/__admin/outbox',
        headers: { authorization: 'Bearer a-very-long-admin-token' },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual([]);
    } finally {
      await guarded.close();
    }
  });
});

/** A minimal SMTP server that accepts every message and keeps its DATA. */
async function fakeSmtp(): Promise<{ server: Server; port: number; messages: string[] }> {
  const messages: string[] = [];
  const server = createServer((socket: Socket) => {
    let buffer = '';
    let data: string | undefined;
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let i: number;
      while ((i = buffer.indexOf('\r\n')) !== -1) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (data !== undefined) {
          if (line === '.') {
            messages.push(data);
            data = undefined;
            socket.write('250 OK queued\r\n');
          } else data += `${line}\n`;
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') socket.write('250 fake\r\n');
        else if (cmd === 'DATA') {
          data = '';
          socket.write('354 go ahead\r\n');
        } else if (cmd === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0, messages };
}

describe('Seasalt notification emails over SMTP (SMTP_URL)', () => {
  it('sends the recorded email through the SMTP server', async () => {
    const smtp = await fakeSmtp();
    const mailer = await testApp({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    try {
      await create(mailer, { ...BODY, notification_email: EMAIL });
      await advance(mailer, 60);
      const [email] = await outbox(mailer);
      for (let i = 0; i < 100 && smtp.messages.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(smtp.messages.length).toBe(1);
      expect(smtp.messages[0]).toContain(`To: ${EMAIL}`);
      expect(smtp.messages[0]).toContain('Subject: Your SeaX conversation export is ready');
      // The link survives the transfer encoding (soft line breaks joined).
      expect(smtp.messages[0]!.replace(/=\n/g, '').replace(/=3D/g, '=')).toContain(email!.link);
    } finally {
      await mailer.close();
      smtp.server.close();
    }
  });

  it('logs a failing SMTP server and keeps answering', async () => {
    const mailer = await testApp({ SMTP_URL: 'smtp://127.0.0.1:9' });
    try {
      const warnings: unknown[] = [];
      const original = mailer.log.warn.bind(mailer.log);
      mailer.log.warn = ((...args: unknown[]) => void warnings.push(args)) as typeof mailer.log.warn;
      const id = await create(mailer, { ...BODY, notification_email: EMAIL });
      await advance(mailer, 60);
      expect((await poll(mailer, id)).status).toBe('finished');
      for (let i = 0; i < 100 && warnings.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(warnings.length).toBe(1);
      expect((await outbox(mailer)).length).toBe(1);
      mailer.log.warn = original;
    } finally {
      await mailer.close();
    }
  });
});
