/** Kore's ids are version-5-looking UUIDs with a prefix per kind (fj-, fc-, fd-, fs-, fsh-…). */
import type { Rng } from '../../core/random.js';

/** A UUID drawn from `rng`, version nibble 5 as Kore's ids show (fj-2618a702-0211-50ca-…). */
export function uuid5(rng: Rng): string {
  const u = rng.uuid();
  return `${u.slice(0, 14)}5${u.slice(15)}`;
}
