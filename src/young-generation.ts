/**
 * The command-line server's young generation stays at the size start-up gave it (8 MB on Node 20) while no worker
 * thread runs. V8 doubles it under a burst of polls, up to 32 MB, and keeps the pages: after the polling benchmark that
 * was about 30 MB of the gap to bare Fastify's RSS (issue 14: at most 1.5 x bare Fastify's), for no measurable CPU
 * per request. --max-semi-space-size is read only at start (NODE_OPTIONS, out of the process's hands); the growth
 * factor is read each time V8 would grow the space, so factor 1 keeps it as it is.
 *
 * V8 flags are process-wide: a generation worker (core/generation/pool.ts) gets V8's default factor (2) back while it
 * runs, so its writing is not slowed (starting a thread resets the flags on Node 20 anyway), and the main thread's
 * factor returns to 1 when the last worker has exited. The library (startMockServer) leaves its host process's heap
 * alone: only the CLI calls this, once it listens.
 */
import { setFlagsFromString } from 'node:v8';

const V8_DEFAULT_GROWTH = 2;

export function keepYoungGenerationSize(): void {
  let threads = 0;
  const growth = (factor: number) => setFlagsFromString(`--semi-space-growth-factor=${factor}`);
  process.on('worker', (worker) => {
    threads++;
    growth(V8_DEFAULT_GROWTH);
    worker.once('exit', () => {
      threads--;
      if (threads === 0) growth(1);
    });
  });
  growth(1);
}
