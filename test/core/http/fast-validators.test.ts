import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fastObjectValidator } from '../../../src/core/http/fast-validators.js';
import { zodValidatorCompiler } from '../../../src/core/http/zod-compilers.js';

const schemas = {
  params: z.object({ app_id: z.string().describe('id'), export_id: z.string() }),
  optional: z.object({ b: z.string(), a: z.string().optional() }),
  headers: z.looseObject({ organizationid: z.string(), botid: z.string() }),
  // Zendesk's get-signed-urls body.
  body: z.object({
    date: z.iso.date().describe('day'),
    ttl: z.number().int().min(1).max(10_080).optional().describe('m'),
  }),
  exclusive: z.object({ n: z.number().gt(0).lt(5) }),
};
const inputs: unknown[] = [
  { app_id: 'a', export_id: 'x' },
  { export_id: 'x', app_id: 'a', extra: 'dropped' },
  { export_id: 'x' },
  { app_id: 'a', export_id: 7 },
  { b: 'b' },
  { a: 'a', b: 'b', c: 'c' },
  { b: 'b', a: undefined },
  { b: 'b', a: 1 },
  { host: 'h', botid: 'bot', organizationid: 'org', 'x-other': 'o' },
  { host: 'h', organizationid: 'org' },
  JSON.parse('{"organizationid":"o","botid":"b","__proto__":"p"}'),
  Object.assign(Object.create(null), { organizationid: 'o', botid: 'b' }),
  { date: '2025-04-01' },
  { ttl: 60, date: '2024-02-29', extra: 1 },
  { date: '2025-02-29' },
  { date: '2025-4-01' },
  { date: ' 2025-04-01' },
  { date: '2025-04-01\n' },
  { date: 20250401 },
  { date: '2025-04-01', ttl: 1 },
  { date: '2025-04-01', ttl: 10_080 },
  { date: '2025-04-01', ttl: 0 },
  { date: '2025-04-01', ttl: 10_081 },
  { date: '2025-04-01', ttl: 1.5 },
  { date: '2025-04-01', ttl: '60' },
  { date: '2025-04-01', ttl: null },
  { date: '2025-04-01', ttl: Number.NaN },
  { date: '2025-04-01', ttl: Number.POSITIVE_INFINITY },
  { n: 0 },
  { n: 0.5 },
  { n: 5 },
  { n: 4.99 },
  null,
  undefined,
  'text',
  ['a'],
];

/** What zod answers, as the validator hands it to Fastify: the value (with its key order) or the error's issues. */
const answer = (result: { value?: unknown; error?: unknown }) =>
  'error' in result && result.error
    ? { error: (result.error as { issues: unknown }).issues }
    : { value: result.value, keys: Object.keys(result.value as object) };

describe('the fast path for plain-string object schemas', () => {
  it('answers exactly what zod answers, value and key order, for valid and invalid input', () => {
    for (const schema of Object.values(schemas)) {
      const compiled = zodValidatorCompiler({ schema, method: 'GET', url: '/', httpPart: 'params' }) as (
        d: unknown,
      ) => { value?: unknown; error?: unknown };
      for (const input of inputs) {
        const zod = schema.safeParse(input);
        const expected = zod.success
          ? { value: zod.data, keys: Object.keys(zod.data as object) }
          : { error: zod.error.issues };
        expect(answer(compiled(input)), JSON.stringify(input)).toEqual(expected);
      }
    }
  });

  it('takes objects of plain strings, dates and bounded numbers, leaving other formats, checks and nesting to zod', () => {
    expect(fastObjectValidator(schemas.params)).toBeDefined();
    expect(fastObjectValidator(schemas.headers)).toBeDefined();
    expect(fastObjectValidator(schemas.body)).toBeDefined();
    expect(fastObjectValidator(schemas.exclusive)).toBeDefined();
    expect(fastObjectValidator(z.object({ t: z.iso.datetime() }))).toBeUndefined();
    expect(fastObjectValidator(z.object({ n: z.number().multipleOf(2) }))).toBeUndefined();
    expect(fastObjectValidator(z.object({ n: z.coerce.number() }))).toBeUndefined();
    expect(fastObjectValidator(z.object({ d: z.iso.date().min(3) }))).toBeUndefined();
    expect(fastObjectValidator(z.strictObject({ a: z.string() }))).toBeUndefined();
    expect(fastObjectValidator(z.object({ a: z.string().min(1) }))).toBeUndefined();
    expect(fastObjectValidator(z.object({ e: z.email() }))).toBeUndefined();
    expect(fastObjectValidator(z.object({ c: z.coerce.string() }))).toBeUndefined();
    expect(fastObjectValidator(z.string())).toBeUndefined();
  });
});
