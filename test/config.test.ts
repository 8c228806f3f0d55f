import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, helpText, loadConfig, publicUrlOf, settingsTable } from '../src/config.js';
import { VENDORS } from '../src/vendors/registry.js';

describe('configuration', () => {
  it('has the documented defaults', () => {
    const c = loadConfig([], {});
    expect(c).toMatchObject({ PORT: 4010, HOST: '127.0.0.1', CLOCK_FROZEN: false, SEED: 'agent-export-mock' });
    expect(publicUrlOf(c)).toBe('http://127.0.0.1:4010');
    expect(publicUrlOf({ ...c, HOST: '0.0.0.0' })).toBe('http://localhost:4010');
  });
  it('takes flags over environment over defaults', () => {
    expect(loadConfig(['--port', '5000'], { PORT: '6000' }).PORT).toBe(5000);
    expect(loadConfig([], { PORT: '6000' }).PORT).toBe(6000);
    expect(loadConfig(['--clock-frozen'], {}).CLOCK_FROZEN).toBe(true);
    expect(loadConfig(['--clock-start=2025-01-01T00:00:00Z'], {}).CLOCK_START).toBe('2025-01-01T00:00:00Z');
  });
  it('names the bad setting', () => {
    expect(() => loadConfig([], { PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig([], { PORT: 'eighty' })).toThrow(/^PORT: /);
    expect(() => loadConfig([], { CLOCK_START: 'yesterday' })).toThrow(/^CLOCK_START: /);
    expect(() => loadConfig(['--nope'], {})).toThrow(/unknown option --nope/);
  });
  it('lists every setting with its flag and environment variable in --help', () => {
    const help = helpText(VENDORS);
    for (const name of Object.keys(settingsTable(VENDORS))) {
      expect(help).toContain(name);
      expect(help).toContain(`--${name.toLowerCase().replace(/_/g, '-')}`);
    }
  });
  it('reads a JSON config file named by --config, below flags and environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aem-config-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ port: 5555, SEED: 'from-file', clockFrozen: true }));
    const c = loadConfig(['--config', file], { SEED: 'from-env' });
    expect(c).toMatchObject({ PORT: 5555, SEED: 'from-env', CLOCK_FROZEN: true });
    writeFileSync(file, JSON.stringify({ colour: 'blue' }));
    expect(() => loadConfig(['--config', file], {})).toThrow(/unknown setting "colour"/);
  });
  it('stops the CLI with exit code 2 when the seeds are missing', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', '--seeds', '/nonexistent/seeds', '--port', '0'],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/SEEDS: .* does not exist/);
  });
  it('stops the CLI with exit code 2 and one line naming the setting', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--port', 'abc'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/PORT/);
  });
});
