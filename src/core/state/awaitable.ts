/**
 * What a store answers: at once when embedded (memory and DATA_DIR), through a promise when shared (Redis). Callers
 * always `await` it, so the embedded default pays one microtask and no round trip.
 */
export type Awaitable<T> = T | Promise<T>;
