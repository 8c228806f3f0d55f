/**
 * What a store answers: at once when embedded (memory and DATA_DIR), through a promise when shared (Redis). Callers
 * always `await` it, so the embedded default pays one microtask and no round trip.
 */
export type Awaitable<T> = T | Promise<T>;

/**
 * `next` of the value, at once when it is one (an embedded store's), after it when it is a promise (a shared store's):
 * a poll handler written with it answers synchronously on the embedded default, and Fastify then sends its result
 * without the promise, the microtask turns and the thenable wrapper an `async` handler costs on every request.
 */
export const andThen = <T, R>(value: Awaitable<T>, next: (value: T) => Awaitable<R>): Awaitable<R> =>
  value instanceof Promise ? (value.then(next) as Promise<R>) : next(value);
