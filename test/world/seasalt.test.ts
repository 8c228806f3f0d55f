import { beforeAll, describe, expect, it } from 'vitest';
import { prepareWorld } from '../../src/core/world/dialogue.js';
import { type Conversation, conversationsIn, type WorldRef } from '../../src/vendors/seasalt/generator.js';
import type { DetailedType } from '../../src/vendors/seasalt/schemas.js';
import { accountOf, FICTIONAL_PHONE, isAsk, MONTH, SEED, SHOP, SLOT } from './coherence.js';

const channel = (channelId: string, channelType: DetailedType, awkwardContacts = false): WorldRef => ({
  seed: SEED,
  workspaceId: 'ws',
  channel: { channelId, name: channelId, channelType, botName: 'SeaChat AI Agent', agents: [] },
  volume: 40,
  company: SHOP.id,
  awkwardContacts,
});
const RANGE = { startDate: MONTH.from, endDate: MONTH.to, cutoff: Date.parse('2025-04-25T09:30:00Z') };
const CHANNELS = [
  channel('sms', 'LOCAL'),
  channel('wa', 'WHATSAPP_BUSINESS_PLATFORM'),
  channel('fb', 'FACEBOOK_MESSENGER'),
];
let months: Map<string, Conversation[]>;
const rowsOf = (id: string) => months.get(id)!.flatMap((c) => c.messages.map((m) => m.row));

beforeAll(async () => {
  await prepareWorld();
  months = new Map(CHANNELS.map((w) => [w.channel.channelId, [...conversationsIn(w, RANGE)]]));
});

/** A name as people are called: letters, spaces, apostrophes, hyphens and dots, any script. */
const PLAIN_NAME = /^[\p{L}\p{M}][\p{L}\p{M}' .-]*$/u;

describe('Seasalt world over a month', () => {
  it('has a roster of at most eight agents per channel, each account derived from the name', () => {
    for (const w of CHANNELS) {
      const agents = new Map<string, string>();
      for (const r of rowsOf(w.channel.channelId).filter((x) => x.speaker_type === 'agent'))
        agents.set(r.speaker_name, r.sender_account);
      expect(agents.size, w.channel.channelId).toBeGreaterThanOrEqual(3);
      expect(agents.size).toBeLessThanOrEqual(8);
      for (const [name, account] of agents) expect(account).toBe(`${accountOf(name)}@${SHOP.staffDomain}`);
    }
  });

  it('never lets a customer reply to a message that failed to arrive', () => {
    let failed = 0;
    for (const w of CHANNELS)
      for (const c of months.get(w.channel.channelId)!) {
        const rows = c.messages.map((m) => m.row);
        rows.forEach((r, k) => {
          if (r.status !== 'failed' && r.status !== 'undelivered') return;
          failed++;
          expect(rows.slice(k + 1).some((x) => x.direction === 'inbound')).toBe(false);
        });
      }
    expect(failed).toBeGreaterThan(5);
  });

  it('saves plain contact names and fictional numbers by default; phone numbers only on phone channels', () => {
    for (const w of CHANNELS)
      for (const c of months.get(w.channel.channelId)!) {
        if (c.contactName !== c.contactPhone) expect(c.contactName, c.contactName).toMatch(PLAIN_NAME);
        if (w.channel.channelType === 'FACEBOOK_MESSENGER') expect(c.contactPhone).toBe('');
        else expect(c.contactPhone).toMatch(FICTIONAL_PHONE);
      }
  });

  it('saves awkward contact names only under the awkward-contacts scenario', () => {
    const awkward = [...conversationsIn(channel('sms', 'LOCAL', true), RANGE)];
    const odd = awkward.filter((c) => c.contactName !== c.contactPhone && !PLAIN_NAME.test(c.contactName));
    expect(odd.length).toBeGreaterThan(awkward.length / 10);
    expect(odd.some((c) => /[<>|\n"]/.test(c.contactName))).toBe(true);
  });

  it('never asks for the order number once given; bot answers stay with the opening intent', () => {
    for (const w of CHANNELS)
      for (const c of months.get(w.channel.channelId)!) {
        let given = false;
        for (const { row } of c.messages) {
          if (row.speaker_type === 'customer' && SLOT.test(row.message_text)) given = true;
          if (row.speaker_type === 'bot' && isAsk(row.message_text)) expect(given).toBe(false);
        }
      }
  });

  it('exports nothing after the request time', () => {
    for (const w of CHANNELS)
      for (const c of months.get(w.channel.channelId)!)
        for (const m of c.messages) expect(m.at).toBeLessThanOrEqual(RANGE.cutoff);
  });
});
