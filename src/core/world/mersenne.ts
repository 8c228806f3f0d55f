/**
 * Faker's own random generator (MT19937 seeded by init_genrand, 53-bit floats from two 32-bit words, as faker's
 * generateMersenne53Randomizer), computed lazily: the world re-seeds faker for every customer and then draws a handful
 * of numbers, but faker's generator fills and twists all 624 words of its state on every seed. Here word i of the
 * first block is twisted when it is first read, from the seeded words i, i + 1 and i + 397 only, so a seed and a name
 * cost ~400 multiplications instead of ~1,250 steps and a 624-element array. The numbers are the same, bit for bit
 * (test/world/mersenne.test.ts), so the names drawn stay the same.
 */
import type { Randomizer } from '@faker-js/faker';

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER = 0x80000000;
const LOWER = 0x7fffffff;

/** One step of the twist: word `i` from itself, the word after it and the word M ahead (mod N). */
const twisted = (mine: number, next: number, ahead: number) => {
  const y = (mine & UPPER) | (next & LOWER);
  return ahead ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
};

export class LazyMersenne implements Randomizer {
  private readonly mt = new Int32Array(N);
  /** Words of the seeded state computed so far (init_genrand runs word by word). */
  private seeded = N;
  /** Words of the current block already twisted (the first block lazily, later blocks all at once). */
  private ready = N;
  /** The next word to read. */
  private index = N;

  constructor(seed = 5489) {
    this.seed(seed);
  }

  seed(seed: number | number[]): void {
    if (typeof seed !== 'number') throw new Error('LazyMersenne takes a number seed');
    this.mt[0] = seed;
    this.seeded = 1;
    this.ready = 0;
    this.index = 0;
  }

  /** A property, not a method: faker's distributors call it unbound (`({ next }) => next()`). */
  readonly next = (): number => {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    // Faker's constant (2^-53), so the float is the same to the last bit.
    return (a * 67108864 + b) * 11102230246251565e-32;
  };

  private nextUint32(): number {
    if (this.index === N) this.nextBlock();
    const i = this.index++;
    if (i >= this.ready) this.twistTo(i + 1);
    let y = this.mt[i]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** Computes the seeded state (init_genrand) up to word `n` (exclusive). */
  private seedTo(n: number): void {
    const mt = this.mt;
    for (let i = this.seeded; i < n; i++) {
      const p = mt[i - 1]!;
      mt[i] = Math.imul(1812433253, p ^ (p >>> 30)) + i;
    }
    if (n > this.seeded) this.seeded = n;
  }

  /** Twists the first block up to word `n` (exclusive), in order, as MT19937's twist does in place. */
  private twistTo(n: number): void {
    const mt = this.mt;
    for (let i = this.ready; i < n; i++) {
      if (i < N - M) {
        this.seedTo(i + M + 1);
        mt[i] = twisted(mt[i]!, mt[i + 1]!, mt[i + M]!);
      } else {
        this.seedTo(N);
        mt[i] = twisted(mt[i]!, mt[(i + 1) % N]!, mt[i + M - N]!);
      }
    }
    this.ready = n;
  }

  /** The first block is used up: finish it, then twist whole blocks from now on. */
  private nextBlock(): void {
    this.twistTo(N);
    const mt = this.mt;
    for (let i = 0; i < N; i++) mt[i] = twisted(mt[i]!, mt[(i + 1) % N]!, mt[(i + M) % N]!);
    this.index = 0;
  }
}
