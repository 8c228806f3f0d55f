/** The README must not lie: its configuration table names every setting, and its commands are the ones CI runs. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flagOf, settingsTable } from '../src/config.js';
import { VENDORS } from '../src/vendors/registry.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents every setting with its flag and environment variable', () => {
    for (const name of Object.keys(settingsTable(VENDORS))) {
      expect(readme, name).toContain(`| \`${flagOf(name)}\` | \`${name}\` |`);
    }
  });
  it('shows the library example exactly as the tests run it', () => {
    expect(readme).toContain(readFileSync(new URL('../examples/sendbird-client.test.ts', import.meta.url), 'utf8'));
  });
  it('gives the two commands, and .ci/run runs the test one', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm run check');
    expect(readFileSync(new URL('../.ci/run', import.meta.url), 'utf8')).toContain('npm ci && npm run check');
  });
});
