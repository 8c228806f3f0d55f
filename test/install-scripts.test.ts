/**
 * No dependency runs an install script in a user's install (adoption issue: swagger-ui-dist brought @scarf/scarf's
 * telemetry postinstall), and `npm ci` here prints no engine warning on the supported Node versions.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  dev?: boolean;
  hasInstallScript?: boolean;
  engines?: { node?: string };
}
const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8')) as {
  packages: Record<string, LockEntry>;
};
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  allowScripts: Record<string, boolean>;
};
const nameOf = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('dependencies', () => {
  it('run no install script in a user install; the dev tools that do are approved in allowScripts', () => {
    const withScripts = Object.entries(lock.packages).filter(([path, e]) => path !== '' && e.hasInstallScript);
    expect(withScripts.filter(([, e]) => !e.dev).map(([path]) => nameOf(path))).toEqual([]);
    for (const [path] of withScripts) expect(pkg.allowScripts[nameOf(path)], nameOf(path)).toBe(true);
  });

  it('all accept Node 20.19, the oldest supported version (no EBADENGINE warning in npm ci)', () => {
    // The engine ranges in the lock are simple: ">=N", ">= N", "N || >=M", "^20.19.0 || >=22.12.0"-like forms.
    const acceptsNode20 = (range: string) =>
      range.split('||').some((part) => {
        const p = part.trim();
        const min = /^>=\s*(\d+)(?:\.(\d+))?/.exec(p);
        if (min) return Number(min[1]) < 20 || (Number(min[1]) === 20 && Number(min[2] ?? 0) <= 19);
        const caret = /^\^?(\d+)(?:\.(\d+))?/.exec(p);
        if (caret) return Number(caret[1]) === 20 && Number(caret[2] ?? 0) <= 19;
        return p === '*' || p === '';
      });
    const refusing = Object.entries(lock.packages)
      .filter(([path, e]) => path !== '' && e.engines?.node && !acceptsNode20(e.engines.node))
      .map(([path, e]) => `${nameOf(path)} ${e.engines!.node}`);
    expect(refusing).toEqual([]);
  });
});
