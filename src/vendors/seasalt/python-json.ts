/**
 * A JSON parser that fails the way Python's `json.loads` (CPython 3.12, C scanner) does, because FastAPI answers a
 * malformed body with Python's own message and position:
 * `{"type": "json_invalid", "loc": ["body", <pos>], "msg": "JSON decode error", "input": {}, "ctx": {"error": <msg>}}`.
 * Positions count code points, as Python strings do. Like Python it accepts NaN, Infinity and -Infinity; keys are
 * defined as own properties (a "__proto__" key is data, never a prototype).
 */
export class PythonJsonError extends Error {
  constructor(
    readonly msg: string,
    /** Index in code points, as Python reports it. */
    readonly pos: number,
  ) {
    super(`${msg}: char ${pos}`);
    this.name = 'PythonJsonError';
  }
}

/** Raised where Python raises StopIteration: no value starts at `idx` (reported as "Expecting value"). */
class NoValue {
  constructor(readonly idx: number) {}
}

const isWs = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const NUMBER = /(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** CPython's default recursion limit. */
const MAX_DEPTH = 1000;

export function parsePythonJson(text: string): unknown {
  const s = text;
  let depth = 0;
  const fail = (msg: string, i: number): never => {
    throw new PythonJsonError(msg, Array.from(s.slice(0, i)).length);
  };
  const ws = (i: number) => {
    while (isWs(s[i])) i++;
    return i;
  };
  const define = (obj: Record<string, unknown>, key: string, value: unknown) =>
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });

  function scanString(end: number): [string, number] {
    const begin = end - 1;
    let out = '';
    for (;;) {
      let i = end;
      while (i < s.length && s[i] !== '"' && s[i] !== '\\' && s.charCodeAt(i) > 0x1f) i++;
      if (i >= s.length) fail('Unterminated string starting at', begin);
      out += s.slice(end, i);
      const c = s[i]!;
      if (c === '"') return [out, i + 1];
      if (c !== '\\') fail('Invalid control character at', i);
      i++;
      if (i >= s.length) fail('Unterminated string starting at', begin);
      const e = s[i]!;
      if (e !== 'u') {
        const ch = ESCAPES[e];
        if (ch === undefined) fail('Invalid \\escape', i - 1);
        out += ch;
        end = i + 1;
        continue;
      }
      const hex = s.slice(i + 1, i + 5);
      if (i + 5 >= s.length) fail('Invalid \\uXXXX escape', i);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Invalid \\uXXXX escape', i);
      out += String.fromCharCode(parseInt(hex, 16));
      end = i + 5;
    }
  }

  function scanOnce(idx: number): [unknown, number] {
    if (idx >= s.length) throw new NoValue(idx);
    const c = s[idx]!;
    if (c === '"') return scanString(idx + 1);
    if (c === '{' || c === '[') {
      // CPython stops at its recursion limit (RecursionError, a 500 from FastAPI); a mock must never answer 5xx to
      // garbage, so nesting deeper than Python's default limit is a decode error at that position instead.
      if (++depth > MAX_DEPTH) fail('Maximum nesting depth exceeded', idx);
      try {
        return c === '{' ? parseObject(idx + 1) : parseArray(idx + 1);
      } finally {
        depth--;
      }
    }
    if (c === 'n' && s.startsWith('null', idx)) return [null, idx + 4];
    if (c === 't' && s.startsWith('true', idx)) return [true, idx + 4];
    if (c === 'f' && s.startsWith('false', idx)) return [false, idx + 5];
    if (c === 'N' && s.startsWith('NaN', idx)) return [NaN, idx + 3];
    if (c === 'I' && s.startsWith('Infinity', idx)) return [Infinity, idx + 8];
    if (c === '-' && s.startsWith('-Infinity', idx)) return [-Infinity, idx + 9];
    NUMBER.lastIndex = idx;
    const m = NUMBER.exec(s);
    if (m) return [Number(m[0]), idx + m[0].length];
    throw new NoValue(idx);
  }

  function valueAt(idx: number): [unknown, number] {
    try {
      return scanOnce(idx);
    } catch (err) {
      if (err instanceof NoValue) return fail('Expecting value', err.idx);
      throw err;
    }
  }

  function parseObject(end: number): [Record<string, unknown>, number] {
    const obj: Record<string, unknown> = {};
    let next = s[end];
    if (next !== '"') {
      if (isWs(next)) {
        end = ws(end);
        next = s[end];
      }
      if (next === '}') return [obj, end + 1];
      if (next !== '"') fail('Expecting property name enclosed in double quotes', end);
    }
    end++;
    for (;;) {
      let key: string;
      [key, end] = scanString(end);
      if (s[end] !== ':') {
        end = ws(end);
        if (s[end] !== ':') fail("Expecting ':' delimiter", end);
      }
      end = ws(end + 1);
      let value: unknown;
      [value, end] = valueAt(end);
      define(obj, key, value);
      end = ws(end);
      next = s[end] ?? '';
      end++;
      if (next === '}') return [obj, end];
      if (next !== ',') fail("Expecting ',' delimiter", end - 1);
      end = ws(end);
      next = s[end] ?? '';
      end++;
      if (next !== '"') fail('Expecting property name enclosed in double quotes', end - 1);
    }
  }

  function parseArray(end: number): [unknown[], number] {
    const arr: unknown[] = [];
    end = ws(end);
    if (s[end] === ']') return [arr, end + 1];
    for (;;) {
      let value: unknown;
      [value, end] = valueAt(end);
      arr.push(value);
      end = ws(end);
      const next = s[end] ?? '';
      end++;
      if (next === ']') return [arr, end];
      if (next !== ',') fail("Expecting ',' delimiter", end - 1);
      end = ws(end);
    }
  }

  const [value, end] = valueAt(ws(0));
  const rest = ws(end);
  if (rest !== s.length) fail('Extra data', rest);
  return value;
}
