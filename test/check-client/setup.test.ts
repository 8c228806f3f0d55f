/** check-client's command line, conditions and client environment: what a user types and what a client receives. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCheckArgs, UsageError } from '../../src/check-client/args.js';
import { CHECK_CLOCK_START, clientEnv, credentialHeaders, ENV_DOC } from '../../src/check-client/client-env.js';
import { CONDITIONS, retryAfterByScenario, scenariosOf, selectConditions } from '../../src/check-client/conditions.js';
import { checkClientMain } from '../../src/check-client/index.js';
import { ScenarioInput } from '../../src/core/scenarios/schema.js';
import { VENDORS } from '../../src/vendors/registry.js';
import { toy } from '../fixtures/toy-vendor/index.js';

const usage = (argv: string[]) => {
  try {
    parseCheckArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) return err.message;
    throw err;
  }
  throw new Error('accepted');
};

describe('check-client command line', () => {
  it('takes the vendor before -- and the command, with its own flags, after it', () => {
    const args = parseCheckArgs(
      [
        'sendbird',
        '--time-scale',
        '500',
        '--conditions',
        'happy-path, rate-limited',
        '--',
        'node',
        'c.mjs',
        '--url',
        'x',
      ],
      { ADMIN_TOKEN: 'from-env-0123456789' },
    );
    expect(args).toMatchObject({
      vendor: 'sendbird',
      command: ['node', 'c.mjs', '--url', 'x'],
      timeScale: 500,
      timeoutMs: 60_000,
      minPollIntervalMs: 250,
      conditions: ['happy-path', 'rate-limited'],
      adminToken: 'from-env-0123456789',
      url: undefined,
    });
  });

  it('refuses what it cannot run, saying why', () => {
    expect(usage(['sendbird'])).toBe('give the command that runs the client after --');
    expect(usage(['--', 'node'])).toBe('name one vendor: check-client <vendor> -- <command…>');
    expect(usage(['sendbird', '--time-scale', '0', '--', 'node'])).toBe(
      '--time-scale: expected a positive number, got "0"',
    );
    expect(usage(['sendbird', '--url', 'localhost:4010', '--', 'node'])).toMatch(
      /^--url: expected an http\(s\) origin/,
    );
    expect(usage(['sendbird', '--bogus', '--', 'node'])).toMatch(/bogus/);
  });

  it('exits 2 with one line for a usage error or an unknown vendor or condition, 0 for --help', async () => {
    const errs: string[] = [];
    const outs: string[] = [];
    const io = { out: (t: string) => void outs.push(t), err: (t: string) => void errs.push(t), env: {} };
    expect(await checkClientMain(['nope', '--', 'node'], VENDORS, io)).toBe(2);
    expect(errs.pop()).toBe(
      'agent-export-mock check-client: unknown vendor "nope" (known: sendbird, zendesk, kore, seasalt) (see check-client --help)\n',
    );
    expect(await checkClientMain(['sendbird', '--conditions', 'sunny', '--', 'node'], VENDORS, io)).toBe(2);
    expect(errs.pop()).toMatch(/unknown condition "sunny" \(known: happy-path, job-failed, /);
    expect(await checkClientMain(['--help'], VENDORS, io)).toBe(0);
    for (const c of CONDITIONS) expect(outs[0]).toContain(c.name);
    for (const [name] of ENV_DOC) expect(outs[0]).toContain(name);
  });

  it('is reached from the CLI', () => {
    const help = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'check-client', '--help'], {
      encoding: 'utf8',
    });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: agent-export-mock check-client <vendor>/);
  });
});

describe('check-client conditions', () => {
  it('cover the failures the issue names, each with valid scenarios', () => {
    expect(CONDITIONS.map((c) => c.name)).toEqual([
      'happy-path',
      'job-failed',
      'empty-export',
      'rate-limited',
      'slow-export',
      'server-error-once',
      'expired-link',
      'truncated-file',
      'corrupt-file',
      'flaky-download',
    ]);
    for (const c of CONDITIONS) for (const s of scenariosOf(c)) expect(ScenarioInput.parse(s)).toEqual(s);
    // Every condition but the happy path changes something.
    expect(CONDITIONS.filter((c) => scenariosOf(c).length === 0).map((c) => c.name)).toEqual(['happy-path']);
  });

  it('know the wait their 429s tell', () => {
    expect([...retryAfterByScenario(selectConditions(['rate-limited'])[0]!)]).toEqual([['rate-limited', 1]]);
    expect(retryAfterByScenario(selectConditions(['happy-path'])[0]!).size).toBe(0);
  });
});

describe('check-client in the README', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Check your client'), readme.indexOf('## Configuration'));

  it('documents every condition and every variable a client gets', () => {
    for (const c of CONDITIONS) expect(section, c.name).toMatch(new RegExp(`^\\| \`${c.name}\` \\|`, 'm'));
    for (const [name] of ENV_DOC) expect(section, name).toContain(`| \`${name}\` |`);
    expect(section).toContain(CHECK_CLOCK_START);
  });
});

describe('check-client client environment', () => {
  it("names every vendor's credential headers from its samples", () => {
    expect(Object.fromEntries(VENDORS.map((v) => [v.id, credentialHeaders(v)]))).toEqual({
      sendbird: ['api-token'],
      zendesk: ['authorization'],
      kore: ['auth'],
      seasalt: ['x-api-key'],
    });
    // A fifth vendor needs nothing here: its samples say which header is the credential.
    expect(credentialHeaders(toy)).toEqual(['x-toy-key']);
  });

  it('hands the client every documented variable, the sample request made absolute', () => {
    const sendbird = VENDORS.find((v) => v.id === 'sendbird')!;
    const tenant = { app_id: 'a1', api_tokens: ['t'] };
    const env = clientEnv(
      sendbird,
      'happy-path',
      'http://127.0.0.1:9/ns/w1',
      {
        base_urls: { a1: 'http://127.0.0.1:9/ns/w1/sendbird/a1/v3' },
        tenants: [tenant],
      },
      '/tmp/out',
    );
    expect(Object.keys(env).sort()).toEqual(ENV_DOC.map(([n]) => n).sort());
    expect(env).toMatchObject({
      AEM_VENDOR: 'sendbird',
      AEM_CONDITION: 'happy-path',
      AEM_URL: 'http://127.0.0.1:9/ns/w1',
      AEM_BASE_URL: 'http://127.0.0.1:9/ns/w1/sendbird/a1/v3',
      AEM_CLOCK_START: CHECK_CLOCK_START,
      AEM_OUTPUT_DIR: '/tmp/out',
    });
    expect(JSON.parse(env.AEM_TENANT!)).toEqual(tenant);
    expect(JSON.parse(env.AEM_HEADERS!)).toEqual({ 'api-token': 'demo-sendbird-api-token' });
    const sample = JSON.parse(env.AEM_SAMPLE_REQUEST!);
    expect(sample.method).toBe('POST');
    expect(sample.url).toBe('http://127.0.0.1:9/ns/w1/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports');
  });
});
