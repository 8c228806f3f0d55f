/**
 * The SeaX view of the world: a channel's conversations, day by day (UTC), mapped onto the export's message rows.
 * Conversation i of a day is a pure function of (seed, 'seasalt', channel id, day, i), so two exports whose ranges
 * overlap contain the same conversations with the same ids, names and messages.
 *
 * Roles of the core dialogue: user → customer (inbound), ai → bot (outbound), human → agent (outbound, the only rows
 * with a sender_account). System notes ("handed off to a human agent") are not messages a contact ever saw, so they
 * are not exported.
 */
import { Rng } from '../../core/random.js';
import { companyOf } from '../../core/world/companies.js';
import { addDays, isoInstant, utcMidnight } from '../../core/world/dates.js';
import { type DayPlan, dayPlan, recordRng } from '../../core/world/day-plan.js';
import { drawDialogue } from '../../core/world/dialogue.js';
import type { Agent } from '../../core/world/people.js';
import { contactNameOf, statusesOf } from './contacts.js';
import { type CoarseType, coarseOf, type DetailedType, PHONE_CONTACTS } from './schemas.js';

const VENDOR = 'seasalt';

interface ChannelRef {
  channelId: string;
  name: string;
  phoneNumber?: string;
  channelType: DetailedType;
  botName: string;
  agents: ReadonlyArray<{ name: string; account: string }>;
}

export interface WorldRef {
  seed: string;
  workspaceId: string;
  channel: ChannelRef;
  /** Average conversations per day on this channel. */
  volume: number;
  /** The workspace's company (companies.ts); the default shop when absent. */
  company?: string;
  /** The `awkward-contacts` scenario: some contacts saved with names that break naive CSV writers and file names. */
  awkwardContacts?: boolean;
}

export interface ExportRange {
  startDate: string;
  endDate: string;
  /** Nothing after this instant is exported (the export cannot contain the future): the job's creation time. */
  cutoff: number;
}

/**
 * The channels' history begins here: a range reaching further back holds nothing before it. It bounds the work a
 * typo such as 0025-04-01 can cause (pydantic accepts year 1) without refusing a request the vendor would accept.
 */
const WORLD_START = '2020-01-01';

/** The export's columns, in the documented order. */
export const COLUMNS = [
  'message_id',
  'conversation_id',
  'contact_name',
  'contact_phone',
  'direction',
  'speaker_type',
  'speaker_name',
  'message_time',
  'message_text',
  'media_url',
  'status',
  'sender_account',
] as const;
type Row = Record<(typeof COLUMNS)[number], string>;

export interface Conversation {
  conversationId: string;
  contactName: string;
  contactPhone: string;
  startAt: number;
  /** Messages with their instants, in order. */
  messages: Array<{ at: number; row: Row }>;
}

/** Naive ISO 8601 with microseconds and no zone, as SeaX writes times (UTC): 2026-06-11T06:50:43.861000. */
export const naiveIso = (ms: number): string => `${isoInstant(ms).slice(0, 23)}000`;

const MEDIA_TYPES = [
  ['jpg', 60],
  ['png', 25],
  ['pdf', 10],
  ['mp4', 5],
] as const;

function mediaUrls(rng: Rng, world: WorldRef, n: number): string {
  const urls: string[] = [];
  for (let i = 0; i < n; i++) {
    const ext = rng.weighted(MEDIA_TYPES);
    urls.push(
      `https://seax-media.s3.amazonaws.com/media/${world.workspaceId}/${world.channel.channelId}/${rng.uuid()}.${ext}`,
    );
  }
  // Comma-separated, no spaces (vendor page: "Comma-separated media URLs").
  return urls.join(',');
}

/** The channel's day plan, in the workspace company's time zone. */
const planOf = (world: WorldRef, date: string): DayPlan =>
  dayPlan(world.seed, VENDOR, world.channel.channelId, date, world.volume, companyOf(world.company).timeZone);

/** The agent who takes over on this channel: from the seeded agents, else from the channel's roster. */
function rosterOf(world: WorldRef): readonly Agent[] | undefined {
  return world.channel.agents.length > 0
    ? world.channel.agents.map((a, i) => ({ name: a.name, account: a.account, id: i + 1 }))
    : undefined;
}

/** Conversation `index` of `date` on the channel, unclipped. */
function conversation(world: WorldRef, date: string, index: number, startAt: number): Conversation {
  const rng = recordRng(world.seed, VENDOR, world.channel.channelId, date, index);
  const d = drawDialogue(rng, startAt, {
    company: companyOf(world.company),
    pauseMs: planOf(world, date).pauses[index] ?? 0,
    roster: rosterOf(world),
    rosterKey: [world.seed, `${VENDOR}/${world.channel.channelId}`],
  });
  const coarse: CoarseType = coarseOf(world.channel.channelType);
  const phoneContacts = PHONE_CONTACTS.has(coarse);
  const conversationId = rng.uuid();
  const contactPhone = phoneContacts ? d.customer.phone : '';
  let contactName = contactNameOf(rng, d.customer, world.awkwardContacts === true);
  // An unknown number: SeaX shows (and exports) the number itself as the contact.
  if (phoneContacts && rng.chance(0.1)) contactName = contactPhone;
  const agent = d.humanAgent ? { name: d.humanAgent.name, account: d.humanAgent.email } : undefined;

  const turns = d.turns.filter((turn) => turn.role !== 'system');
  const statuses = statusesOf(
    rng,
    turns.map((turn) => turn.role === 'user'),
    coarse === 'sms',
  );
  const messages: Conversation['messages'] = [];
  turns.forEach((turn, k) => {
    const inbound = turn.role === 'user';
    let media = '';
    if (inbound) {
      // Customers send photos, mostly of damaged goods in their first message; sometimes several at once.
      const p = k === 0 && d.topic.id === 'delivery-problem' ? 0.6 : 0.04;
      if (rng.chance(p))
        media = mediaUrls(
          rng,
          world,
          rng.weighted([
            [1, 60],
            [2, 28],
            [3, 12],
          ] as const),
        );
    } else if (turn.role === 'ai' && rng.chance(0.03)) {
      media = mediaUrls(rng, world, 1);
    }
    const speaker =
      turn.role === 'user'
        ? { type: 'customer', name: contactName, account: '' }
        : turn.role === 'ai'
          ? { type: 'bot', name: world.channel.botName, account: '' }
          : { type: 'agent', name: agent?.name ?? '', account: agent?.account ?? '' };
    messages.push({
      at: turn.at,
      row: {
        message_id: rng.uuid(),
        conversation_id: conversationId,
        contact_name: contactName,
        contact_phone: contactPhone,
        direction: inbound ? 'inbound' : 'outbound',
        speaker_type: speaker.type,
        speaker_name: speaker.name,
        message_time: naiveIso(turn.at),
        message_text: turn.text,
        media_url: media,
        status: statuses[k]!,
        sender_account: speaker.account,
      },
    });
  });
  return { conversationId, contactName, contactPhone, startAt: d.startAt, messages };
}

const firstDay = (range: ExportRange) => (range.startDate < WORLD_START ? WORLD_START : range.startDate);

/** The UTC instants a range covers: [start 00:00, end+1 00:00), and no later than the cutoff. */
function rangeBounds(range: ExportRange): { from: number; until: number } {
  return {
    from: utcMidnight(range.startDate),
    until: Math.min(utcMidnight(addDays(range.endDate, 1)), range.cutoff + 1),
  };
}

/**
 * The channel's conversations that started in the range (UTC days) by the cutoff, in start order, each holding only
 * its messages inside the range: a conversation running past midnight of the last day, or past the cutoff, is cut
 * there, so every message_time lies within the requested dates.
 */
export function* conversationsIn(world: WorldRef, range: ExportRange): Generator<Conversation> {
  const { from, until } = rangeBounds(range);
  for (let date = firstDay(range); utcMidnight(date) < until; date = addDays(date, 1)) {
    const plan = planOf(world, date);
    for (let i = 0; i < plan.starts.length; i++) {
      const at = plan.starts[i]!;
      if (at < from || at >= until) continue;
      const c = conversation(world, date, i, at);
      c.messages = c.messages.filter((m) => m.at < until);
      yield c;
    }
  }
}

/** How many conversations the range may hold (before the cutoff): the denominator of progress. */
export function expectedConversations(world: WorldRef, range: ExportRange): number {
  const { until } = rangeBounds(range);
  let n = 0;
  for (let date = firstDay(range); utcMidnight(date) < until; date = addDays(date, 1))
    n += planOf(world, date).starts.length;
  return n;
}

/** Deterministic ids of the n-th export of a workspace: the job UUID and the ZIP's 8-hex suffix. */
export function exportIds(seed: string, workspaceId: string, seq: number): { exportJobId: string; fileId: string } {
  const rng = Rng.of(seed, VENDOR, workspaceId.toLowerCase(), 'export', seq);
  return { exportJobId: rng.uuid(), fileId: rng.hex(8) };
}
