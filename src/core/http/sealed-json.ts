/**
 * Bodies that never change once built (a poll's view of one copy of a job at one instant: core/jobs/view-memo.ts)
 * are serialized once: a client polling a finished job on a frozen clock is sent the same view object every time, and
 * JSON.stringify of it was the largest frame of the poll's own code in the profiles. Only a sealed object is cached,
 * keyed by its identity; it is frozen when sealed, so its own fields cannot change under the cached text (what it
 * refers to is the output of pure functions, memoised, and never changed either).
 */
const texts = new WeakMap<object, string | undefined>();

/** Marks `value` as never changing (and freezes it): the response serializer writes its JSON once. */
export function sealJson<T extends object>(value: T): T {
  if (!texts.has(value)) texts.set(Object.freeze(value), undefined);
  return value;
}

/** JSON.stringify, once per sealed object. */
export function serializeJson(data: unknown): string {
  if (typeof data !== 'object' || data === null || !texts.has(data)) return JSON.stringify(data);
  let text = texts.get(data);
  if (text === undefined) {
    text = JSON.stringify(data);
    texts.set(data, text);
  }
  return text;
}
