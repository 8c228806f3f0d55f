/**
 * A fast path for the simplest route schemas, which every poll validates: an object (stripping or loose) of plain
 * strings, as path parameters and header sets are. zod's safeParse is general; for these shapes a valid input only
 * needs a `typeof` per field, and the result is the object zod would give (same keys, same order). Anything the fast
 * path is not sure of (a missing field, a wrong type, any other schema) goes to zod, which also writes the errors the
 * vendors map into their own envelopes, so no answer changes.
 */
import type { z } from 'zod';

type Fast = (data: unknown) => Record<string, unknown> | undefined;

interface Def {
  type: string;
  checks?: unknown[];
  format?: string;
  coerce?: boolean;
  shape?: Record<string, { _zod: { def: Def } }>;
  catchall?: { _zod: { def: Def } };
  innerType?: { _zod: { def: Def } };
}

/** A string field without checks, format (z.iso.date(), z.email()…) or coercion. */
const plainString = (def: Def) =>
  def.type === 'string' &&
  (def.checks === undefined || def.checks.length === 0) &&
  def.format === undefined &&
  !def.coerce;

/** The fast check of `schema`, or undefined when it is not an object of plain (possibly optional) string fields. */
export function fastObjectValidator(schema: z.ZodType): Fast | undefined {
  const def = (schema as unknown as { _zod?: { def: Def } })._zod?.def;
  if (def?.type !== 'object' || !def.shape) return undefined;
  const catchall = def.catchall?._zod.def.type;
  if (catchall !== undefined && catchall !== 'unknown') return undefined;
  const loose = catchall === 'unknown';
  const keys = Object.keys(def.shape);
  const optional: boolean[] = [];
  for (const key of keys) {
    const field = def.shape[key]!._zod.def;
    if (plainString(field)) optional.push(false);
    else if (field.type === 'optional' && field.innerType && plainString(field.innerType._zod.def)) optional.push(true);
    else return undefined;
  }
  return (data) => {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
    const input = data as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const value = input[key];
      if (typeof value === 'string') out[key] = value;
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
