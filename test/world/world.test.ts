import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/random.js';
import { PRESETS } from '../../src/core/scenarios/presets.js';
import { loadSeeds } from '../../src/core/seeds.js';
import { COMPANIES, HARBOR_AND_PINE } from '../../src/core/world/companies.js';
import { dayPlan } from '../../src/core/world/day-plan.js';
import { drawDialogue, prepareWorld } from '../../src/core/world/dialogue.js';
import { rosterOf } from '../../src/core/world/people.js';
import { VENDORS } from '../../src/vendors/registry.js';
import { accountOf, EXAMPLE_EMAIL, FICTIONAL_PHONE, SEED } from './coherence.js';

describe('the world', () => {
  it('tells one shop story across the default seeds, and the SunCo bot a travel one', () => {
    const seeds = loadSeeds('seeds', VENDORS) as Map<string, any>;
    const companies = [
      ...seeds.get('sendbird').apps.map((a: any) => a.company),
      ...seeds.get('seasalt').workspaces.map((w: any) => w.company),
      ...seeds.get('kore').bots.map((b: any) => b.company),
    ];
    expect(new Set(companies)).toEqual(new Set(['harbor-and-pine']));
    const bots = seeds.get('zendesk').organizations.flatMap((o: any) => o.bots);
    expect(bots.map((b: any) => [b.bot_name, b.company])).toEqual([
      ['INDUSTRY DEMO (Travel) - SunCo', 'sunco-travel'],
      ['Retail Support US', 'harbor-and-pine'],
    ]);
    // Messenger contacts are platform ids: no Messenger channel has a phone number.
    for (const c of seeds.get('seasalt').workspaces.flatMap((w: any) => w.channels))
      if (c.channel_type === 'FACEBOOK_MESSENGER') expect(c.phone_number).toBeUndefined();
  });

  it('has plausible catalogues: each product once, with a price', () => {
    for (const c of COMPANIES.values()) {
      expect(new Set(c.catalogue.map((p) => p.name)).size).toBe(c.catalogue.length);
      for (const p of c.catalogue) expect(p.price).toBeGreaterThan(0);
    }
  });

  it('draws fictional people and a small roster per channel, the same for the same seed', async () => {
    await prepareWorld();
    const roster = rosterOf(SEED, HARBOR_AND_PINE, 'channel-a');
    expect(roster.length).toBeGreaterThanOrEqual(6);
    expect(roster.length).toBeLessThanOrEqual(8);
    for (const a of roster) expect(a.account).toBe(`${accountOf(a.name)}@${HARBOR_AND_PINE.staffDomain}`);
    expect(rosterOf(SEED, HARBOR_AND_PINE, 'channel-b')).not.toEqual(roster);
    for (let i = 0; i < 200; i++) {
      const d = drawDialogue(Rng.of(SEED, 'test', i), 0);
      expect(d.customer.phone).toMatch(FICTIONAL_PHONE);
      expect(d.customer.email).toMatch(EXAMPLE_EMAIL);
      expect(drawDialogue(Rng.of(SEED, 'test', i), 0)).toEqual(d);
    }
  });

  it('follows the local clock: New York traffic peaks in New York office hours', () => {
    const hours = new Array(24).fill(0);
    for (let day = 1; day <= 28; day++) {
      const date = `2025-04-${String(day).padStart(2, '0')}`;
      for (const at of dayPlan(SEED, 'test', 't', date, 200, 'America/New_York').starts)
        hours[new Date(at).getUTCHours()]++;
    }
    // 15:00-16:00 UTC is 11:00 in New York (busy); 07:00-08:00 UTC is 03:00 (quiet).
    expect(hours[15]).toBeGreaterThan(4 * hours[7]);
  });

  it('keeps recent day plans for reuse, but only a few megabytes of a big world (planned again, the same)', () => {
    const small = dayPlan(SEED, 'test', 'cache', '2025-04-01', 200);
    expect(dayPlan(SEED, 'test', 'cache', '2025-04-01', 200)).toBe(small);
    // 150k conversations a day: 2.4 MB a plan; a generation worker must not keep a whole week of them.
    const first = dayPlan(SEED, 'test', 'cache-big', '2025-04-01', 150_000);
    dayPlan(SEED, 'test', 'cache-big', '2025-04-02', 150_000);
    const again = dayPlan(SEED, 'test', 'cache-big', '2025-04-01', 150_000);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('offers the awkward-contacts preset', () => {
    expect(PRESETS['awkward-contacts']!.scenarios[0]!.job).toEqual({ awkward_contacts: true });
  });
});

describe('localHourOf', () => {
  it('gives the hour on the zone clock, summer and winter', async () => {
    const { localHourOf } = await import('../../src/core/world/dates.js');
    expect(localHourOf(Date.parse('2025-04-08T22:17:00Z'), 'Europe/Amsterdam')).toBe(0);
    expect(localHourOf(Date.parse('2025-01-08T22:17:00Z'), 'Europe/Amsterdam')).toBe(23);
    expect(localHourOf(Date.parse('2025-04-08T03:59:00Z'), 'America/New_York')).toBe(23);
    expect(localHourOf(Date.parse('2025-04-08T15:00:00Z'), 'UTC')).toBe(15);
  });
});
