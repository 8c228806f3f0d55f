import { describe, expect, it } from 'vitest';
import { andThen } from '../../src/core/state/awaitable.js';

describe('andThen: a store answer at once or through a promise', () => {
  it("answers at once for an embedded store's value, and throws there", () => {
    expect(andThen(2, (n) => n * 3)).toBe(6);
    expect(() =>
      andThen(2, () => {
        throw new Error('not found');
      }),
    ).toThrow('not found');
  });

  it("answers through a promise for a shared store's promise, and rejects there", async () => {
    const later = andThen(Promise.resolve(2), (n) => n * 3);
    expect(later).toBeInstanceOf(Promise);
    await expect(later).resolves.toBe(6);
    await expect(
      andThen(Promise.resolve(2), () => {
        throw new Error('not found');
      }),
    ).rejects.toThrow('not found');
  });
});
