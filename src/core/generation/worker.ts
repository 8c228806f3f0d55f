/**
 * A generation worker: runs one task at a time. It imports the task's module on first use (faker and the world load
 * once per worker), writes files into the object store's folder, reports progress at most every 1 %, and answers
 * with the task's result and the objects it stored.
 */
import { parentPort } from 'node:worker_threads';
import { ObjectStore } from '../storage/object-store.js';
import type { RunMessage, WorkerMessage } from './protocol.js';
import type { TaskModule } from './task.js';

const port = parentPort!;
const modules = new Map<string, Promise<TaskModule>>();
const post = (m: WorkerMessage) => port.postMessage(m);

async function run(msg: RunMessage): Promise<void> {
  let mod = modules.get(msg.module);
  if (!mod) modules.set(msg.module, (mod = import(msg.module) as Promise<TaskModule>));
  const store = new ObjectStore(msg.root);
  store.now = () => msg.now;
  let sent = 0;
  const report = (fraction: number) => {
    if (fraction - sent < 0.01 && fraction < 1) return;
    sent = fraction;
    post({ id: msg.id, kind: 'progress', fraction });
  };
  const result = await (await mod).run(msg.params, { store, clock: { now: () => msg.now }, report });
  post({ id: msg.id, kind: 'done', result, objects: store.snapshot() });
}

port.on('message', (msg: RunMessage) => {
  run(msg).catch((err: unknown) => {
    const { code, syscall } = (err ?? {}) as NodeJS.ErrnoException;
    post({
      id: msg.id,
      kind: 'failed',
      message: err instanceof Error ? err.message : String(err),
      ...(typeof code === 'string' && typeof syscall === 'string' ? { code, syscall } : {}),
    });
  });
});
