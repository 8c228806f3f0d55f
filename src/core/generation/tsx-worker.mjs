// Worker bootstrap used only when running from TypeScript sources (vitest, tsx): registers tsx's loader in this
// thread, then loads the real worker. The built dist/ starts worker.js directly and never loads this file.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
