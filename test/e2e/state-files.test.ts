/**
 * State files (issue 13, item 11): a DATA_DIR that cannot be loaded is named, file and field, with exit code 2 (or,
 * with RECOVER, moved aside for a clean start); leftovers of a kill are cleaned; a finished job whose file vanished
 * gets it back; a full disk fails a job in the vendor's own words, with the detail in the log.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/config.js';
import type { EmbeddedJobStore } from '../../src/core/state/embedded-jobs.js';
import { advance, download, testApp } from '../helpers.js';
import * as seasalt from '../vendors/seasalt/seasalt.js';
import * as sendbird from '../vendors/sendbird/sendbird.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'aem-state-'));
  dirs.push(d);
  return d;
};

/** A DATA_DIR holding one finished Sendbird job, saved by a graceful close. */
async function savedDir() {
  const dir = dataDir();
  const app = await testApp({ DATA_DIR: dir });
  const job = await sendbird.create(app, { ...sendbird.BODY, from: '2025-04-07', to: '2025-04-07' });
  await advance(app, 60);
  const done = await sendbird.details(app, job.export_id);
  const bytes = (await download(app, done.export_file.url)).rawPayload;
  await app.close();
  return { dir, state: join(dir, 'state.json'), done, bytes };
}

const editState = (file: string, edit: (s: any) => void) => {
  const s = JSON.parse(readFileSync(file, 'utf8'));
  edit(s);
  writeFileSync(file, JSON.stringify(s));
};

describe('a state file that cannot be loaded', () => {
  it('truncated: the CLI prints one line naming the file and exits 2', async () => {
    const { dir, state } = await savedDir();
    writeFileSync(state, readFileSync(state, 'utf8').slice(0, 200));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', '--port', '0', '--log-level', 'silent', '--data-dir', dir],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(state);
    expect(stderr).toMatch(/not valid JSON/);
  });

  it('garbage: a ConfigError naming the file', async () => {
    const { dir, state } = await savedDir();
    writeFileSync(state, '\u0000\u0001garbage');
    const err = await testApp({ DATA_DIR: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(state);
  });

  it('valid JSON with a wrong field: names the file and the field', async () => {
    const { dir, state } = await savedDir();
    editState(state, (s) => (s.jobs.jobs[0].createdAt = 'yesterday'));
    await expect(testApp({ DATA_DIR: dir })).rejects.toThrow(`${state}: jobs.jobs.0.createdAt`);
    editState(state, (s) => {
      s.jobs.jobs[0].createdAt = 1;
      s.clock = 'now';
    });
    await expect(testApp({ DATA_DIR: dir })).rejects.toThrow(`${state}: clock`);
  });

  it('a job its vendor cannot read (broken parameters): names the file and the job, or drops it with RECOVER', async () => {
    const { dir, state, done } = await savedDir();
    editState(state, (s) => (s.jobs.jobs[0].params = { world: 'none' }));
    await expect(testApp({ DATA_DIR: dir })).rejects.toThrow(`${state}: job ${done.export_id} (sendbird)`);
    const app = await testApp({ DATA_DIR: dir, RECOVER: true });
    expect((await app.inject({ url: '/__admin/jobs' })).json().jobs).toEqual([]);
    expect((await sendbird.create(app)).export_id).not.toBe(done.export_id);
    await app.close();
  });

  it('a damaged line inside jobs.log: names the file and the line', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'jobs.log'), '{"n":1,"reset":true}\nnot a record\n{"n":3,"reset":true}\n');
    await expect(testApp({ DATA_DIR: dir })).rejects.toThrow(`${join(dir, 'jobs.log')}: line 2`);
  });

  it('with RECOVER: moves the bad file aside and starts clean', async () => {
    const { dir, state } = await savedDir();
    const bad = readFileSync(state, 'utf8').slice(0, 200);
    writeFileSync(state, bad);
    const app = await testApp({ DATA_DIR: dir, RECOVER: true });
    expect((await app.inject({ url: '/__admin/jobs' })).json().jobs).toEqual([]);
    const aside = readdirSync(dir).filter((f) => f.startsWith('state.json.bad-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe(bad);
    await app.close();
  });
});

describe('leftovers and lost files', () => {
  it('removes .partial and temporary files left by a kill', async () => {
    const { dir } = await savedDir();
    const folder = join(dir, 'objects', 'some-bucket', 'exports');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'x.zip.1234.7.partial'), 'half a file');
    writeFileSync(join(dir, 'state.json.1234.tmp'), '{"half":');
    const app = await testApp({ DATA_DIR: dir });
    expect(existsSync(join(folder, 'x.zip.1234.7.partial'))).toBe(false);
    expect(existsSync(join(dir, 'state.json.1234.tmp'))).toBe(false);
    await app.close();
  });

  it('gives a finished job whose file vanished its file back before answering: same link, same bytes', async () => {
    const { dir, done, bytes } = await savedDir();
    const objects = join(dir, 'objects');
    const zip = readdirSync(objects, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.zip'))!;
    rmSync(join(objects, zip));
    const app = await testApp({ DATA_DIR: dir });
    expect(await sendbird.details(app, done.export_id)).toEqual(done);
    const again = await download(app, done.export_file.url);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.rawPayload.equals(bytes)).toBe(true);
    await app.close();
  });
});

describe('a file deleted while the server runs', () => {
  it('answers the storage’s NoSuchKey (not a 500 naming a path), logs it, and writes the file again', async () => {
    const dir = dataDir();
    const app = await testApp({ DATA_DIR: dir });
    const warn = vi.spyOn(app.log, 'warn');
    const id = await seasalt.create(app);
    await advance(app, 60);
    const job = await seasalt.poll(app, id);
    const bytes = (await download(app, job.presigned_url)).rawPayload;
    const objects = join(dir, 'objects');
    rmSync(join(objects, readdirSync(objects, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.zip'))!));

    const gone = await download(app, job.presigned_url);
    expect(gone.statusCode).toBe(404);
    expect(gone.body).toContain('<Code>NoSuchKey</Code>');
    expect(gone.body).not.toContain(dir);
    expect(JSON.stringify(warn.mock.calls)).toContain(id);
    // The job still reads finished, and its file comes back byte for byte under the same link.
    await (await app.mock.ctx.jobs.get(id))!.generation.promise;
    expect(await seasalt.poll(app, id)).toEqual(job);
    const back = await download(app, job.presigned_url);
    expect(back.statusCode).toBe(200);
    expect(back.rawPayload.equals(bytes)).toBe(true);
    await app.close();
  });
});

/** Starts the real CLI on `dir`, returns what it printed up to "listening on", and stops it. */
async function startupOutput(dir: string, flags: string[] = []): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli.ts', '--port', '0', '--log-level', 'warn', '--data-dir', dir, ...flags],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = once(child, 'exit');
  while (!out.includes('listening on') && child.exitCode === null)
    await Promise.race([once(child.stdout!, 'data'), exited]);
  child.kill('SIGKILL');
  await exited;
  return out;
}

describe('what a load did is logged', () => {
  it('a bad file moved aside (RECOVER), a vanished file regenerated', async () => {
    const first = await savedDir();
    writeFileSync(first.state, 'garbage');
    const recovered = await startupOutput(first.dir, ['--recover']);
    expect(recovered).toMatch(/"level":40/);
    expect(recovered).toContain(`${first.state}.bad-`);

    const second = await savedDir();
    const objects = join(second.dir, 'objects');
    const zip = readdirSync(objects, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.zip'))!;
    rmSync(join(objects, zip));
    const regenerated = await startupOutput(second.dir);
    expect(regenerated).toContain(second.done.export_id);
    expect(regenerated).toMatch(/vanished/);
  });
});

describe('a full disk', () => {
  it('a create that cannot be put on disk answers the vendor’s 500 and uses no id', async () => {
    const app = await testApp({ DATA_DIR: dataDir() });
    const jobs = app.mock.ctx.jobs as EmbeddedJobStore;
    const logAccept = jobs.onAccept;
    jobs.onAccept = () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
        code: 'ENOSPC',
        errno: -28,
        syscall: 'write',
      });
    };
    const res = await app.inject({
      method: 'POST',
      url: sendbird.BASE,
      headers: sendbird.TOKEN,
      payload: sendbird.BODY,
    });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('ENOSPC');
    expect(jobs.all()).toHaveLength(0);
    jobs.onAccept = logAccept;
    const next = await sendbird.create(app);
    expect(jobs.count('sendbird')).toBe(1);
    expect(next.export_id).toBe(jobs.all()[0]!.id);
    await app.close();
  });

  it('fails the job in the vendor’s own words; the detail goes to the log', async () => {
    const app = await testApp();
    const error = vi.spyOn(app.log, 'error');
    // The worker that writes the file meets the full disk; its error crosses to the main thread with code and syscall
    // (the pool test proves that part with a real worker).
    app.mock.ctx.generation.run = async () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
        code: 'ENOSPC',
        errno: -28,
        syscall: 'write',
      });
    };
    const id = await seasalt.create(app);
    await advance(app, 60);
    const job = await seasalt.poll(app, id);
    expect(job.status).toBe('failed');
    expect(job.error_message).toBe('Export failed due to an internal error. Please try again later.');
    expect(JSON.stringify(error.mock.calls)).toContain('ENOSPC');
    await app.close();
  });
});
