/** What the command line says when it refuses something (adoption issue): the fix, never a secret. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { VENDORS } from '../src/vendors/registry.js';

const message = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
  try {
    loadConfig(argv, env, VENDORS);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('accepted');
};

describe('command-line messages', () => {
  it('never echo the value of a secret setting', () => {
    const short = message(['--admin-token', 'hunter2']);
    expect(short).toMatch(/^ADMIN_TOKEN: use at least 16 characters/);
    expect(short).not.toContain('hunter2');
    expect(message([], { LINK_SECRET: 'tiny-secret' })).not.toContain('tiny-secret');
    // A setting that is no secret still shows what was given.
    expect(message(['--port', 'eighty'])).toContain('"eighty"');
  });

  it('name the closest valid option for a mistyped one', () => {
    expect(message(['--prot', '4010'])).toBe('unknown option --prot: did you mean --port? (see --help)');
    expect(message(['--clock-frozn'])).toContain('did you mean --clock-frozen?');
    expect(message(['--zendesk-shard-sise', '10'])).toContain('did you mean --zendesk-shard-size?');
    expect(message(['--completely-different'])).toBe('unknown option --completely-different (see --help)');
  });

  it('print the version with --version and exit 0', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--version'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(
      JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version,
    );
  });
});
