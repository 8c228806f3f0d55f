import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The README's example imports the package by name; in this repository that name is the sources.
  resolve: { alias: { 'agent-export-mock': fileURLToPath(new URL('./src/index.ts', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    // Slow end-to-end tests (real sockets, spawned CLIs, kill -9, a browser, load) run apart: npm run test:e2e.
    exclude: ['test/e2e/**', '**/node_modules/**'],
    // On CI, also a machine-readable summary (.ci/run prints its closing line from it).
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-output/vitest.json' }]] : ['default'],
    // Two cores on CI: forks keep heavy generation tests from starving each other.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
