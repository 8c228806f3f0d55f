import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/random.js';

/** The formats as first written (toString(16) per draw, a split UUID): files made with them must not change. */
const reference = {
  hex(rng: Rng, length: number): string {
    let s = '';
    while (s.length < length) s += rng.nextUint32().toString(16).padStart(8, '0');
    return s.slice(0, length);
  },
  uuid(rng: Rng): string {
    const h = reference.hex(rng, 32).split('');
    h[12] = '4';
    h[16] = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  },
};

describe('Rng hex and uuid', () => {
  it('give the same digits, from the same draws, as the reference formats', () => {
    const ours = Rng.of('hex-and-uuid');
    const theirs = Rng.of('hex-and-uuid');
    for (let i = 0; i < 3000; i++) {
      const length = 1 + (i % 45);
      expect(ours.hex(length)).toBe(reference.hex(theirs, length));
      expect(ours.uuid()).toBe(reference.uuid(theirs));
    }
    expect(ours.nextUint32()).toBe(theirs.nextUint32());
  });
});
