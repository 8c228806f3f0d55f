/** The lint rule that keeps time on the one Clock: a wall-clock read in src/ fails `npm run lint`, except in clock.ts. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIOME = join(ROOT, 'node_modules', '.bin', 'biome');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Lints a scratch tree with this repository's configuration and rule; returns exit status and output. */
function lint(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'aem-lint-'));
  dirs.push(dir);
  cpSync(join(ROOT, 'biome.jsonc'), join(dir, 'biome.jsonc'));
  cpSync(join(ROOT, 'lint'), join(dir, 'lint'), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const run = spawnSync(BIOME, ['lint', '--error-on-warnings', '.'], { cwd: dir, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('no wall clock outside the Clock', () => {
  it('fails on Date.now(), new Date() and performance.now() in src/, naming the file', () => {
    const res = lint({
      'src/core/jobs/job.ts':
        'export const a = Date.now();\nexport const b = new Date();\nexport const c = performance.now();\n',
    });
    expect(res.status).not.toBe(0);
    expect(res.output).toContain('src/core/jobs/job.ts');
    expect(res.output.match(/Read time from the Clock/g)?.length).toBe(3);
  });

  it('lets src/core/clock.ts read it, and leaves tests alone', () => {
    const res = lint({
      'src/core/clock.ts': 'export const wallClock = () => Date.now();\n',
      'test/x.test.ts': 'export const t = Date.now();\n',
    });
    expect(res.status, res.output).toBe(0);
  });
});
