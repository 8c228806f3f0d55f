/** Command-line parsing (adoption issue): strict options, the closest valid one for a typo, aligned --help. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, helpText, loadConfig } from '../src/config.js';
import { generateHelpText, parseGenerateArgs } from '../src/generate.js';
import { VENDORS } from '../src/vendors/registry.js';
import { toy } from './fixtures/toy-vendor/index.js';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('accepted');
};

describe('server options', () => {
  it('refuses an option that is no setting, and a value option given no value', () => {
    expect(refusal(() => loadConfig(['--settings', 'x'], {}, VENDORS))).toBe('unknown option --settings (see --help)');
    expect(refusal(() => loadConfig(['--seed', '--port', '5000'], {}, VENDORS))).toMatch(/^--seed needs a value/);
    expect(refusal(() => loadConfig(['stray'], {}, VENDORS))).toMatch(/^unexpected argument "stray"/);
  });

  it('takes a true/false setting as a switch, --no-<name> turning it off over the environment', () => {
    expect(loadConfig(['--clock-frozen'], {}).CLOCK_FROZEN).toBe(true);
    expect(loadConfig(['--no-clock-frozen'], { CLOCK_FROZEN: 'true' }).CLOCK_FROZEN).toBe(false);
    expect(refusal(() => loadConfig(['--clock-frozen=false'], {}))).toMatch(
      /^--clock-frozen takes no value: write --clock-frozen or --no-clock-frozen/,
    );
  });

  it('prints --help in aligned columns, each default once', () => {
    const lines = helpText(VENDORS).split('\n');
    const header = lines.find((line) => /^ {2}flag +environment +meaning$/.test(line))!;
    const [envAt, meaningAt] = [header.indexOf('environment'), header.indexOf('meaning')];
    const rows = lines.filter((line) => /^ {2}--/.test(line));
    expect(rows.length).toBeGreaterThan(30);
    for (const row of rows) {
      expect(row.slice(envAt - 2, envAt)).toBe('  ');
      expect(row.slice(meaningAt - 2, meaningAt + 1)).toMatch(/^ {2}\S$/);
      expect(row.match(/default/gi)?.length ?? 0).toBeLessThanOrEqual(1);
    }
    expect(rows.find((row) => row.includes('SEEDS'))).toMatch(/\(default: the bundled seeds\/\)$/);
  });
});

describe('generate options', () => {
  it('refuses a mistyped vendor option, naming the closest one', () => {
    expect(refusal(() => parseGenerateArgs(['sendbird', '--form', '2025-04-01', '--out', 'x.zip']))).toBe(
      'unknown option --form: did you mean --from? (see generate sendbird --help)',
    );
    // An option of another vendor is no option of this one.
    expect(refusal(() => parseGenerateArgs(['zendesk', '--out', 'x', '--workspace-id', 'w']))).toMatch(
      /^unknown option --workspace-id/,
    );
    expect(refusal(() => parseGenerateArgs(['sendbird', '--from', '2025-04-01']))).toMatch(/--out <file> is required/);
  });

  it('lists in generate --help every option each vendor declares, a new vendor included', () => {
    const vendors = [...VENDORS, toy];
    const help = generateHelpText(vendors);
    for (const vendor of vendors)
      for (const [name, option] of Object.entries(vendor.fixtureOptions ?? {})) {
        expect(help).toMatch(
          new RegExp(
            `--${name} ${option.value.replace(/[|]/g, '\\|')} +${option.description.replace(/[()|]/g, '\\$&')}`,
          ),
        );
      }
    expect(help).toContain('toy (Toy Exports):');
    expect(parseGenerateArgs(['--help'])).toBe('help');
    expect(parseGenerateArgs(['toy', '--day', '2025-04-01', '--out', 'x'], vendors)).toMatchObject({
      options: { day: '2025-04-01' },
    });
  });

  it('exits 2 from the command line on an unknown option, and 0 with the help of generate', () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { encoding: 'utf8' });
    const typo = cli('generate', 'kore', '--out', 'x', '--evnt', 'thumbsUp');
    expect(typo.status).toBe(2);
    expect(typo.stderr).toBe(
      'agent-export-mock: unknown option --evnt: did you mean --event? (see generate kore --help)\n',
    );
    const help = cli('generate', 'kore', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--event thumbsUp\|thumbsDown +Only searches/);
    expect(help.stdout).not.toContain('--workspace-id');
  });
});
