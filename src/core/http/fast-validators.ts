/**
 * A fast path for the simplest route schemas, which every poll validates: an object (stripping or loose) of plain
 * strings, as path parameters and header sets are, and of a date string and a bounded integer, as Zendesk's body is.
 * zod's safeParse is general; for these shapes a valid input only needs a `typeof` (and the format's pattern, the
 * number's bounds) per field, and the result is the object zod would give (same keys, same order). Anything the fast
 * path is not sure of (a missing field, a wrong type, any other schema) goes to zod, which also writes the errors the
 * vendors map into their own envelopes, so no answer changes.
 */
import type { z } from 'zod';

type Fast = (data: unknown) => Record<string, unknown> | undefined;

interface Def {
  type: string;
  checks?: Array<{ _zod: { def: CheckDef } }>;
  check?: string;
  format?: string;
  pattern?: unknown;
  coerce?: boolean;
  shape?: Record<string, { _zod: { def: Def } }>;
  catchall?: { _zod: { def: Def } };
  innerType?: { _zod: { def: Def } };
}

interface CheckDef {
  check: string;
  format?: string;
  value?: unknown;
  inclusive?: boolean;
}

type Check = (value: unknown) => boolean;

/**
 * String formats that are their pattern and nothing more in zod (z.iso.date() is `$ZodStringFormat` with the date
 * regex): zod tests the pattern, so the fast path may. Other formats (url, jwt…) run code of their own: left to zod.
 */
const PATTERN_FORMATS = new Set(['date']);

/** A string without checks or coercion: plain, or of a pattern-only format (z.iso.date()). */
function stringCheck(def: Def): Check | undefined {
  if (def.coerce || (def.checks !== undefined && def.checks.length > 0)) return undefined;
  if (def.format === undefined) return (value) => typeof value === 'string';
  const pattern = def.pattern;
  if (def.check !== 'string_format' || !PATTERN_FORMATS.has(def.format) || !(pattern instanceof RegExp))
    return undefined;
  // A global or sticky pattern keeps state between tests (zod resets lastIndex): left to zod.
  if (pattern.global || pattern.sticky) return undefined;
  return (value) => typeof value === 'string' && pattern.test(value);
}

/** One number check as zod applies it (int, min, max), or undefined for any other. */
function numberRule(check: CheckDef): Check | undefined {
  const bound = check.value;
  if (check.check === 'number_format' && check.format === 'safeint') return (n) => Number.isSafeInteger(n);
  if (typeof bound !== 'number') return undefined;
  if (check.check === 'greater_than')
    return check.inclusive ? (n) => (n as number) >= bound : (n) => (n as number) > bound;
  if (check.check === 'less_than')
    return check.inclusive ? (n) => (n as number) <= bound : (n) => (n as number) < bound;
  return undefined;
}

/** A finite number (zod refuses NaN and the infinities) with int/min/max checks only, no coercion. */
function numberCheck(def: Def): Check | undefined {
  if (def.coerce) return undefined;
  const rules: Check[] = [];
  for (const check of def.checks ?? []) {
    const rule = numberRule(check._zod.def);
    if (!rule) return undefined;
    rules.push(rule);
  }
  return (value) => typeof value === 'number' && Number.isFinite(value) && rules.every((rule) => rule(value));
}

const fieldCheck = (def: Def): Check | undefined =>
  def.type === 'string' ? stringCheck(def) : def.type === 'number' ? numberCheck(def) : undefined;

/**
 * The fast check of `schema`, or undefined when it is not an object of plain strings, pattern-only string formats
 * (z.iso.date()) and int/min/max numbers, each possibly optional.
 */
export function fastObjectValidator(schema: z.ZodType): Fast | undefined {
  const def = (schema as unknown as { _zod?: { def: Def } })._zod?.def;
  if (def?.type !== 'object' || !def.shape) return undefined;
  const catchall = def.catchall?._zod.def.type;
  if (catchall !== undefined && catchall !== 'unknown') return undefined;
  const loose = catchall === 'unknown';
  const keys = Object.keys(def.shape);
  const optional: boolean[] = [];
  const checks: Check[] = [];
  for (const key of keys) {
    const field = def.shape[key]!._zod.def;
    const isOptional = field.type === 'optional';
    const check = isOptional ? field.innerType && fieldCheck(field.innerType._zod.def) : fieldCheck(field);
    if (!check) return undefined;
    optional.push(isOptional);
    checks.push(check);
  }
  return (data) => {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
    const input = data as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const value = input[key];
      if (checks[i]!(value)) out[key] = value;
      else if (!(optional[i] && value === undefined && !Object.hasOwn(input, key))) return undefined;
    }
    if (!loose) return out;
    for (const key of Object.keys(input)) {
      if (key === '__proto__') return undefined; // an own "__proto__" (a header may be named so) is zod's to copy
      if (!Object.hasOwn(out, key)) out[key] = input[key];
    }
    return out;
  };
}
