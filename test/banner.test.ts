/** The start-up banner tells a newcomer where the clock stands (adoption issue). */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { banner, startServer } from '../src/server.js';

describe('start-up banner', () => {
  it('shows the virtual clock and whether it is frozen', async () => {
    const frozen = await startServer(
      parseConfig({ PORT: 0, LOG_LEVEL: 'silent', CLOCK_START: '2025-04-08T12:00:00Z', CLOCK_FROZEN: true }),
    );
    try {
      expect(banner(frozen)).toContain('  clock: 2025-04-08T12:00:00.000Z (frozen: moves only through /__admin/clock)');
    } finally {
      await frozen.close();
    }
    const running = await startServer(
      parseConfig({ PORT: 0, LOG_LEVEL: 'silent', CLOCK_START: '2025-04-08T12:00:00Z' }),
    );
    try {
      expect(banner(running)).toMatch(/ {2}clock: 2025-04-08T12:00:\d\d\.\d{3}Z \(running at real speed\)/);
    } finally {
      await running.close();
    }
  });
});
