import { describe, expect, it } from 'vitest';
import type { CoreContext } from '../../../src/core/context.js';
import { sealJson, serializeJson } from '../../../src/core/http/sealed-json.js';
import { lastViewOf } from '../../../src/core/jobs/view-memo.js';

describe('sealed JSON bodies (a poll view serialized once)', () => {
  it('serializes an unsealed object anew each time, so a changed object is sent as it is now', () => {
    const body = { status: 'running', percent: 10 };
    expect(serializeJson(body)).toBe('{"status":"running","percent":10}');
    body.percent = 50;
    expect(serializeJson(body)).toBe('{"status":"running","percent":50}');
    expect(serializeJson('text')).toBe('"text"');
    expect(serializeJson(null)).toBe('null');
  });

  it('freezes a sealed object, so its fields cannot change under the text kept for it', () => {
    const body = sealJson({ status: 'finished' });
    expect(serializeJson(body)).toBe('{"status":"finished"}');
    expect(() => {
      (body as { status: string }).status = 'failed';
    }).toThrow(TypeError);
    expect(serializeJson(body)).toBe('{"status":"finished"}');
  });

  it('seals the part of a memoised view a route sends, and a new copy or instant gives a new body and text', () => {
    const ctx = { publicUrl: () => 'http://localhost' } as unknown as CoreContext;
    const view = lastViewOf(
      (_ctx: CoreContext, job: { phase: string }, now: number) => ({ body: { phase: job.phase, now }, extra: now }),
      (v) => v.body,
    );
    const first = { phase: 'running' };
    const a = view(ctx, first, 1);
    expect(Object.isFrozen(a.body)).toBe(true);
    expect(Object.isFrozen(a)).toBe(false);
    expect(serializeJson(a.body)).toBe('{"phase":"running","now":1}');
    expect(serializeJson(view(ctx, first, 2).body)).toBe('{"phase":"running","now":2}');
    expect(serializeJson(view(ctx, { phase: 'failed' }, 2).body)).toBe('{"phase":"failed","now":2}');
  });
});
