/** The start-up banner tells a newcomer where the clock stands (adoption issue). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('says when a restart on DATA_DIR continues the saved clock instead of CLOCK_START', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aem-banner-'));
    const settings = {
      PORT: 0,
      LOG_LEVEL: 'silent',
      CLOCK_START: '2025-04-08T12:00:00Z',
      CLOCK_FROZEN: true,
      DATA_DIR: dir,
    };
    try {
      const first = await startServer(parseConfig(settings));
      expect(banner(first)).toContain(
        '  clock: 2025-04-08T12:00:00.000Z (frozen: moves only through /__admin/clock)\n',
      );
      await first.app.inject({ method: 'PUT', url: '/__admin/clock', payload: { now: '2025-05-01T00:00:00Z' } });
      await first.close();
      const second = await startServer(parseConfig(settings));
      try {
        expect(banner(second)).toContain(
          '  clock: 2025-05-01T00:00:00.000Z (frozen: moves only through /__admin/clock; restored from DATA_DIR, not CLOCK_START 2025-04-08T12:00:00Z, which applies on POST /__admin/reset)',
        );
        await second.app.inject({ method: 'POST', url: '/__admin/reset', payload: {} });
        expect(second.app.mock.ctx.clock.now()).toBe(Date.parse('2025-04-08T12:00:00Z'));
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
