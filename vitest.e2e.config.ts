import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The end-to-end tests: a real browser, spawned CLIs killed with -9, real sockets with slow and stalled clients, a load
 * of 500 jobs. Slower than the rest, so `npm test` leaves them out and `npm run test:e2e` (part of `npm run check` and
 * CI) runs them. The same settings as vitest.config.ts, with its file lists replaced (mergeConfig would add to them).
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/e2e/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-output/vitest-e2e.json' }]] : ['default'],
  },
});
