/** The size check finds what a reviewer would flag: a long file, a long function, a fat route handler. */
import { describe, expect, it } from 'vitest';
import { LIMITS, violationsIn } from '../scripts/check-sizes.mjs';

const lines = (n: number, text = 'x();') => Array.from({ length: n }, () => `  ${text}`).join('\n');

describe('check-sizes', () => {
  it('flags a file over the limit unless it declares itself a data table', () => {
    const long = `${lines(LIMITS.fileLines + 1, '// filler')}\n`;
    expect(violationsIn('a.ts', long)).toEqual([expect.stringContaining('a.ts:1 file has')]);
    expect(violationsIn('a.ts', `// check-sizes: data table\n${long}`)).toEqual([]);
  });

  it('flags a function whose own body is over the limit, not one made of short nested functions', () => {
    const fat = `function fat() {\n${lines(LIMITS.functionLines + 1)}\n}\n`;
    expect(violationsIn('f.ts', fat)).toEqual(['f.ts:1 function fat has 61 lines of its own (limit 60)']);
    const nested = `function outer() {\n${Array.from({ length: 10 }, () => `  const f = () => {\n${lines(8)}\n  };`).join('\n')}\n}\n`;
    expect(violationsIn('g.ts', nested)).toEqual([]);
  });

  it('flags a route handler over the handler limit, given positionally or as route({ handler })', () => {
    const body = lines(LIMITS.handlerLines + 1);
    const positional = `app.get('/x', { schema: {} }, async (req, reply) => {\n${body}\n});\n`;
    expect(violationsIn('r.ts', positional)).toEqual([expect.stringContaining('r.ts:1 route handler has 16 lines')]);
    const routed = `app.route({ method: 'GET', url: '/x', handler: async () => {\n${body}\n} });\n`;
    expect(violationsIn('s.ts', routed)).toEqual([expect.stringContaining('route handler has 16 lines')]);
    const short = `app.get('/x', async () => {\n${lines(LIMITS.handlerLines)}\n});\n`;
    expect(violationsIn('t.ts', short)).toEqual([]);
  });
});
