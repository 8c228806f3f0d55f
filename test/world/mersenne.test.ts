import { generateMersenne53Randomizer } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/random.js';
import { LazyMersenne } from '../../src/core/world/mersenne.js';

describe('LazyMersenne', () => {
  it("draws faker's own numbers, bit for bit, for any seed and past the end of its first and second blocks", () => {
    const ours = new LazyMersenne();
    const fakers = generateMersenne53Randomizer();
    const seeds = Rng.of('mersenne');
    for (let s = 0; s < 200; s++) {
      // Full 32-bit seeds as the world gives them (rng.nextUint32()), and the edges.
      const seed = s === 0 ? 0 : s === 1 ? 0xffffffff : seeds.nextUint32();
      ours.seed(seed);
      fakers.seed(seed);
      // 700 floats are 1,400 words: the lazily twisted first block, then two whole blocks.
      const n = s < 20 ? 700 : 12;
      for (let i = 0; i < n; i++) expect(ours.next()).toBe(fakers.next());
    }
  });

  it('draws when faker calls next() unbound, as its distributors do', () => {
    const { next } = new LazyMersenne(42);
    expect(next()).toBe(generateMersenne53Randomizer(42).next());
  });

  it('starts from the default seed, as a fresh faker generator seeded with 5489 does', () => {
    const fakers = generateMersenne53Randomizer(5489);
    const ours = new LazyMersenne();
    for (let i = 0; i < 10; i++) expect(ours.next()).toBe(fakers.next());
  });
});
