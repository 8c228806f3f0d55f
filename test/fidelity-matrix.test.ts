/** Each vendor README's fidelity matrix names the tests that prove its rows; every one of them must exist. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFidelityMatrix, testNames, VENDOR_READMES } from '../scripts/check-fidelity-matrix.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'fidelity-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const MATRIX = (rows: string[]) =>
  [
    '# V',
    '',
    '## Fidelity matrix',
    '',
    '| Vendor page says | The mock does | Test |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');

function fixture(readme: string) {
  mkdirSync(join(scratch, 'test'), { recursive: true });
  writeFileSync(
    join(scratch, 'test', 'a.test.ts'),
    "it('answers 400 on a bad date', () => {});\nit(`names ${'x'} the field`, () => {});\n",
  );
  writeFileSync(join(scratch, 'README.md'), readme);
  return checkFidelityMatrix(['README.md'], scratch);
}

describe('fidelity matrices', () => {
  it('name only tests that exist, in all four vendor READMEs', () => {
    expect(VENDOR_READMES).toHaveLength(4);
    expect(checkFidelityMatrix()).toEqual([]);
  });

  it('catches a made-up test, a missing file and a row without a test', () => {
    const broken = fixture(
      MATRIX([
        '| A bad date is 400 | 400 | `test/a.test.ts › answers 400 on a bad date` |',
        '| B | b | `test/a.test.ts › answers 418 when it is a teapot` |',
        '| C | c | `test/nowhere.test.ts › anything` |',
        '| D | d | — |',
        '| E | not emulated: no such thing | — |',
      ]),
    );
    expect(broken.map((b) => b.line)).toEqual([8, 9, 10]);
    expect(broken[0]!.problem).toContain('answers 418 when it is a teapot');
    expect(broken[1]!.problem).toContain('test/nowhere.test.ts does not exist');
    expect(broken[2]!.problem).toContain('no test');
  });

  it('matches template-literal names on their literal parts only', () => {
    expect(testNames('it(`names ${field} the field`, f)')).toEqual([['names ', ' the field']]);
    expect(fixture(MATRIX(['| A | a | `test/a.test.ts › the field` |']))).toEqual([]);
    expect(fixture(MATRIX(['| A | a | `test/a.test.ts › names x the field` |']))).toHaveLength(1);
  });

  it('exits non-zero from the command line, listing each broken reference', () => {
    fixture(MATRIX(['| B | b | `test/a.test.ts › answers 418 when it is a teapot` |']));
    const script = new URL('../scripts/check-fidelity-matrix.mjs', import.meta.url).pathname;
    const run = spawnSync(process.execPath, [script, 'README.md'], { cwd: scratch, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'README.md:7: test/a.test.ts has no test named like "answers 418 when it is a teapot"',
    );
    const ok = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
  });

  it('reports a README without a matrix', () => {
    expect(fixture('# V\n')[0]!.problem).toContain('no "## Fidelity matrix" section');
  });
});
