/**
 * The import-boundary rules (.dependency-cruiser.cjs, run on the repository by `npm run check:boundaries`) fail on each
 * kind of deliberate violation, written into a scratch tree with the project's layout, and pass a vendor that keeps
 * to its own folder and core. The rules are run in-process through dependency-cruiser's API, as the CLI runs them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { afterAll, describe, expect, it } from 'vitest';

const CONFIG = fileURLToPath(new URL('../../.dependency-cruiser.cjs', import.meta.url));

/** The names of the rules the tree at `dir` breaks. */
async function brokenRules(dir: string): Promise<string[]> {
  const options = await extractDepcruiseOptions(CONFIG);
  const result = await cruise(
    ['src'],
    { ...options, baseDir: dir, validate: true },
    {},
    { tsConfig: extractTSConfig(join(dir, 'tsconfig.json')) },
  );
  if (typeof result.output === 'string') throw new Error('expected a cruise result, not a report');
  return result.output.summary.violations.map((v) => v.rule.name);
}

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A scratch tree of TypeScript files (path → source), with a tsconfig like the project's. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'aem-boundaries-'));
  scratch.push(dir);
  const all: Record<string, string> = {
    'tsconfig.json': JSON.stringify({
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true },
      include: ['src'],
    }),
    'src/app.ts': 'export const app = 1;\n',
    'src/core/clock.ts': 'export const now = () => 0;\n',
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('import boundaries', () => {
  const violations: Array<[rule: string, files: Record<string, string>]> = [
    [
      'no-cycles',
      {
        'src/core/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
        'src/core/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
      },
    ],
    [
      'no-cycles',
      {
        'src/core/a.ts': "import type { B } from './b.js';\nexport type A = { b?: B };\n",
        'src/core/b.ts': "import type { A } from './a.js';\nexport type B = { a?: A };\n",
      },
    ],
    ['core-stays-inward', { 'src/core/bad.ts': "import { app } from '../app.js';\nexport const x = app;\n" }],
    [
      'core-stays-inward',
      {
        'src/vendors/one/index.ts': 'export const one = 1;\n',
        'src/core/bad.ts': "import { one } from '../vendors/one/index.js';\nexport const x = one;\n",
      },
    ],
    [
      'core-stays-inward',
      {
        'src/admin/routes.ts': 'export const r = 1;\n',
        'src/core/bad.ts': "import { r } from '../admin/routes.js';\nexport const x = r;\n",
      },
    ],
    [
      'core-stays-inward',
      {
        'src/dashboard/index.ts': 'export const d = 1;\n',
        'src/core/bad.ts': "import { d } from '../dashboard/index.js';\nexport const x = d;\n",
      },
    ],
    [
      'vendor-keeps-to-itself',
      {
        'src/vendors/one/index.ts': 'export const one = 1;\n',
        'src/vendors/two/index.ts': "import { one } from '../one/index.js';\nexport const two = one;\n",
      },
    ],
    [
      'control-planes-know-no-vendor',
      {
        'src/vendors/one/index.ts': 'export const one = 1;\n',
        'src/dashboard/page.ts': "import { one } from '../vendors/one/index.js';\nexport const p = one;\n",
      },
    ],
    ['only-shells-import-app', { 'src/admin/routes.ts': "import { app } from '../app.js';\nexport const r = app;\n" }],
  ];
  for (const [rule, files] of violations) {
    it(`fail on a deliberate violation: ${rule} (${Object.keys(files).join(', ')})`, async () => {
      expect(await brokenRules(tree(files))).toContain(rule);
    });
  }

  it('let a vendor import its own files and core, and a shell import app.ts', async () => {
    const files = {
      'src/vendors/one/a.ts': "import { now } from '../../core/clock.js';\nexport const a = now;\n",
      'src/vendors/one/index.ts': "import { a } from './a.js';\nexport const one = a;\n",
      'src/server.ts': "import { app } from './app.js';\nexport const server = app;\n",
    };
    expect(await brokenRules(tree(files))).toEqual([]);
  });
});
