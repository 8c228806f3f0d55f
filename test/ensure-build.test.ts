/** `npm start` builds only when the sources changed: the staleness check behind scripts/ensure-build.mjs. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { asciiSource, bundleEntries, isStale, sourceHash } from '../scripts/ensure-build.mjs';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'aem-build-'));
  roots.push(root);
  mkdirSync(join(root, 'src', 'core'), { recursive: true });
  writeFileSync(join(root, 'src', 'cli.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, 'src', 'core', 'clock.ts'), 'export const b = 2;\n');
  writeFileSync(join(root, 'package.json'), '{}\n');
  return root;
}

const stamp = (root: string) => {
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, 'dist', '.source-hash'), `${sourceHash(root)}\n`);
};

describe('ensure-build', () => {
  it('is stale with no build, fresh after a stamped build', () => {
    const root = tree();
    expect(isStale(root)).toBe(true);
    stamp(root);
    expect(isStale(root)).toBe(false);
  });

  it('turns stale when a source changes, is added or is deleted, or a config file changes', () => {
    const root = tree();
    stamp(root);
    writeFileSync(join(root, 'src', 'cli.ts'), 'export const a = 3;\n');
    expect(isStale(root)).toBe(true);
    stamp(root);
    writeFileSync(join(root, 'src', 'core', 'new.ts'), '');
    expect(isStale(root)).toBe(true);
    stamp(root);
    unlinkSync(join(root, 'src', 'core', 'new.ts'));
    expect(isStale(root)).toBe(true);
    stamp(root);
    writeFileSync(join(root, 'package.json'), '{"name":"x"}\n');
    expect(isStale(root)).toBe(true);
  });
});

describe('the bundled entry', () => {
  it("keeps each source file's import.meta.url at its compiled file in dist/, where its sibling modules are", async () => {
    const root = tree();
    writeFileSync(join(root, 'src', 'core', 'clock.ts'), 'export const here: string = import.meta.url;\n');
    writeFileSync(join(root, 'src', 'cli.ts'), "export { here } from './core/clock.js';\n");
    await bundleEntries(root, { cli: 'src/cli.ts' });
    const bundle = pathToFileURL(join(root, 'dist', 'cli.js')).href;
    const { here } = (await import(bundle)) as { here: string };
    expect(here).toBe(pathToFileURL(join(root, 'dist', 'core', 'clock.js')).href);
  });
});

describe('the bundle in ASCII', () => {
  it('writes non-ASCII characters as escapes that mean the same in a string, a template and a regular expression', () => {
    const source = "const s = 'a → b'; const t = `c — ${s}`; /* é */ const r = /ł/g;";
    const escaped: string = asciiSource(source);
    expect(escaped).toMatch(/^[\x00-\x7f]*$/);
    const run = (code: string) => new Function(`${code} return [s, t, r.source, 'złoty'.replace(r, 'l')];`)();
    expect(run(escaped)).toEqual([...run(source).slice(0, 2), '\\u0142', 'zloty']);
  });

  it('leaves a String.raw template as it is, where an escape would stay as text', () => {
    const source = 'export const JS = String.raw`a → b`;';
    expect(asciiSource(source)).toBe(source);
  });

  it("is ASCII in the command line's entry file, so V8 holds its source in one byte per character", async () => {
    const out = mkdtempSync(join(tmpdir(), 'aem-bundle-'));
    roots.push(out);
    await bundleEntries(process.cwd(), { cli: 'src/cli.ts' }, out);
    const nonAscii = readFileSync(join(out, 'cli.js'), 'utf8').match(/.{0,40}[^\x00-\x7f].{0,40}/);
    expect(nonAscii?.[0]).toBeUndefined();
  });
});

describe('zod in the bundle', () => {
  it('speaks English, as the server does, without the messages of other languages', async () => {
    const root = tree();
    symlinkSync(join(process.cwd(), 'node_modules'), join(root, 'node_modules'));
    writeFileSync(
      join(root, 'src', 'cli.ts'),
      "import { z } from 'zod';\nexport const message = z.string().safeParse(1).error?.issues[0]?.message;\nexport const languages = Object.keys(z.locales);\n",
    );
    await bundleEntries(root, { cli: 'src/cli.ts' });
    const bundle = pathToFileURL(join(root, 'dist', 'cli.js')).href;
    const { message, languages } = (await import(bundle)) as { message: string; languages: string[] };
    expect(message).toBe('Invalid input: expected string, received number');
    expect(languages).toEqual(['en']);
  });
});
