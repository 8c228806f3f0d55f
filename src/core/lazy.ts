/**
 * A module loaded on first use, once. `x ??= import('x')` keeps a rejected promise for ever: an import that failed once
 * (say, while `npm ci` rewrote node_modules under a running server) failed every later request too. This forgets a
 * failure, so the next call tries again, and shares one load between concurrent callers.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((err: unknown) => {
      pending = undefined;
      throw err;
    }));
}
