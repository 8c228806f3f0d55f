/**
 * Seeded randomness. Every random draw in the world comes from a generator whose seed is a hash of
 * (global seed, vendor, tenant, …), so any part of the world can be regenerated on its own, in any order, on any machine.
 */
import { hash } from 'node:crypto';

/**
 * A 32-bit seed from any list of parts; SHA-256 so that neighbouring inputs give unrelated seeds. The one-shot
 * crypto.hash (Node >= 20.12) gives the same digest as createHash at half the cost for inputs this small (measured:
 * 200k seeds, 0.85 against 1.75 µs each), and generation draws several seeds per record.
 */
function seedOf(...parts: ReadonlyArray<string | number>): number {
  return hash('sha256', parts.join('\u001f'), 'buffer').readUInt32LE(0);
}

const HEX_DIGITS = '0123456789abcdef';
/** Two hex digits per byte value: a draw's hex from four look-ups, ~10x faster than toString(16).padStart(8, '0'). */
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => HEX_DIGITS[i >>> 4]! + HEX_DIGITS[i & 15]!);
const hex8 = (n: number) =>
  BYTE_HEX[n >>> 24]! + BYTE_HEX[(n >>> 16) & 255]! + BYTE_HEX[(n >>> 8) & 255]! + BYTE_HEX[n & 255]!;

/** Small fast PRNG (sfc32) with the helpers generators need. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  static of(...parts: ReadonlyArray<string | number>): Rng {
    return new Rng(seedOf(...parts));
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.float() * items.length)]!;
  }

  /** Picks by weight: entries are [value, weight]. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.float() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }

  /** n distinct items, in random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = items.slice();
    const out: T[] = [];
    while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(this.float() * copy.length), 1)[0]!);
    return out;
  }

  /** `length` hex digits: each 32-bit draw gives eight, the last one cut short. */
  hex(length: number): string {
    let s = '';
    while (s.length < length) s += hex8(this.nextUint32());
    return s.length === length ? s : s.slice(0, length);
  }

  /**
   * An RFC 4122 version-4-shaped UUID drawn from this generator (deterministic, unlike crypto.randomUUID): the hex of
   * four draws, digit 12 set to 4 and digit 16 to the variant (8-b).
   */
  uuid(): string {
    const a = hex8(this.nextUint32());
    const b = hex8(this.nextUint32());
    const c = this.nextUint32();
    const d = hex8(this.nextUint32());
    const variant = HEX_DIGITS[((c >>> 28) & 0x3) | 0x8];
    const cHex = hex8(c);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${cHex.slice(1, 4)}-${cHex.slice(4)}${d}`;
  }

  /** Normal-ish draw (sum of uniforms), clamped to [min, max]. */
  around(mean: number, spread: number, min: number, max: number): number {
    const z = (this.float() + this.float() + this.float() - 1.5) / 1.5;
    return Math.min(max, Math.max(min, mean + z * spread));
  }
}
