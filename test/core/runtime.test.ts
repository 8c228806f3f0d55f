/** The runtime object: the one place that moves the clock (and waits for due work), installs presets and resets. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { UnknownPresetError } from '../../src/core/runtime.js';
import { testApp } from '../helpers.js';

const SENDBIRD = '/sendbird/a245389gje349rt3429992Op/v3/ai_agent/data_exports';
const HEADERS = { 'api-token': 'demo-sendbird-api-token' };
const BODY = {
  type: 'conversation',
  ai_agent_id: 'ai_agent_cx',
  from: '2025-04-07',
  to: '2025-04-07',
  timezone: 'UTC',
  export_format: 'json',
};

describe('runtime', () => {
  it('moves the clock by seconds or to an instant, and answers the new instant', async () => {
    const { mock } = await testApp();
    const start = mock.ctx.clock.now();
    expect(await mock.moveClock({ by: 90 })).toBe(start + 90_000);
    expect(await mock.moveClock({ to: Date.parse('2025-05-01T00:00:00Z') })).toBe(Date.parse('2025-05-01T00:00:00Z'));
    // Unfrozen, the clock runs on from the instant while the move settles: at or after it, never before.
    expect(await mock.moveClock({ to: Date.parse('2025-06-01T00:00:00Z'), frozen: false })).toBeGreaterThanOrEqual(
      Date.parse('2025-06-01T00:00:00Z'),
    );
    expect(mock.ctx.clock.state().frozen).toBe(false);
  });

  it('waits for the file of a job that became due before it answers', async () => {
    const app = await testApp();
    const created = await app.inject({ method: 'POST', url: SENDBIRD, headers: HEADERS, payload: BODY });
    const id = created.json().export_id as string;
    expect((await app.mock.ctx.jobs.get(id))!.generation.state).not.toBe('done');
    await app.mock.moveClock({ by: 3600 });
    expect((await app.mock.ctx.jobs.get(id))!.generation.state).toBe('done');
  });

  it('waits for every job however long when asked, reporting progress up to 1', async () => {
    const app = await testApp();
    await app.inject({ method: 'POST', url: SENDBIRD, headers: HEADERS, payload: BODY });
    const reported: number[] = [];
    await app.mock.moveClock({ by: 3600 }, { untilAllDone: (f) => reported.push(f) });
    expect((await app.mock.ctx.jobs.all()).every((j) => j.generation.state === 'done')).toBe(true);
    expect(reported.at(-1)).toBe(1);
  });

  it('installs a preset by name and refuses an unknown one', async () => {
    const { mock } = await testApp();
    const installed = await mock.installPreset('job-failed');
    expect(installed.length).toBeGreaterThan(0);
    expect((await mock.ctx.scenarios.list()).map((s) => s.name)).toEqual([...installed]);
    expect(() => mock.installPreset('no-such-preset')).toThrow(UnknownPresetError);
  });

  it('refuses an unknown start-up preset as a configuration error naming SCENARIO', async () => {
    const failed = testApp({ SCENARIO: 'happy-path,no-such-preset' });
    await expect(failed).rejects.toThrow(ConfigError);
    await expect(failed).rejects.toThrow(/^SCENARIO: unknown preset "no-such-preset" \(known: happy-path, /);
  });

  it('resets to the start clock with the start-up presets installed again', async () => {
    const { mock } = await testApp({ SCENARIO: 'job-failed' });
    const start = mock.ctx.clock.now();
    const startup = (await mock.ctx.scenarios.list()).map((s) => s.name);
    expect(startup.length).toBeGreaterThan(0);
    await mock.ctx.scenarios.clear();
    await mock.moveClock({ by: 60 });
    await mock.reset();
    expect(mock.ctx.clock.now()).toBe(start);
    expect((await mock.ctx.scenarios.list()).map((s) => s.name)).toEqual(startup);
  });
});
