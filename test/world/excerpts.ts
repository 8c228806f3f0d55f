/**
 * The excerpts README "What the data looks like" shows: real output of the generators for the default seed and tenants,
 * cut to a few fields where a record is long. test/world/excerpts.test.ts checks the README holds exactly these (and
 * rewrites them with UPDATE_README_EXCERPTS=1), so the README cannot drift from the data.
 */
import { prepareWorld } from '../../src/core/world/dialogue.js';
import { plannedSearches, searchRecord } from '../../src/vendors/kore/generator.js';
import { csvLine } from '../../src/vendors/seasalt/export-file.js';
import { COLUMNS, conversationsIn as seasaltConversations } from '../../src/vendors/seasalt/generator.js';
import { conversationsIn } from '../../src/vendors/sendbird/generator.js';
import { conversationsEndingOn } from '../../src/vendors/zendesk/generator.js';

const SEED = 'agent-export-mock';
const DATE = '2025-04-08';
const pick = <T extends object>(o: T, keys: ReadonlyArray<keyof T>) => Object.fromEntries(keys.map((k) => [k, o[k]]));

function sendbird(): string {
  const world = {
    seed: SEED,
    appId: 'a245389gje349rt3429992Op',
    aiAgentId: 'ai_agent_cx',
    volume: 40,
    company: 'harbor-and-pine',
  };
  const window = { from: DATE, to: DATE, timezone: 'UTC', cutoff: Number.POSITIVE_INFINITY };
  // The day's first conversation in which the AI had to ask for the order number.
  const r = [...conversationsIn(world, window)].find(
    (x) =>
      x.resolution_resolved &&
      x.messages.length <= 8 &&
      x.ai_agent_context.context.orderId &&
      !/#\d/.test(x.messages[0]!.message),
  )!;
  const shown = {
    ...pick(r, [
      'id',
      'start_ts',
      'close_ts',
      'user_sentiment',
      'resolution_resolved',
      'resolution_resolved_by',
      'resolution_resolved_time',
      'category',
      'sub_category',
      'summary',
    ]),
    messages: r.messages.map((m) => pick(m, ['create_ts', 'message_from', 'message'])),
  };
  return JSON.stringify(shown, null, 2);
}

function zendesk(): string {
  const world = {
    seed: SEED,
    orgId: '77m57af6811115b53172431s',
    botId: '98174e8d635471c383b9ec7b',
    botName: 'INDUSTRY DEMO (Travel) - SunCo',
    volume: 40,
    instanceAccountId: '0',
    company: 'sunco-travel',
  };
  const r = [...conversationsEndingOn(world, DATE)].find((x) => !x.conversation_start_time.startsWith(DATE))!;
  return JSON.stringify(
    {
      ...pick(r, [
        'conversation_start_time',
        'conversation_end_time',
        'conversation_status',
        'last_resolution',
        'labels',
      ]),
      triggered_intent_replies: r.triggered_intent_replies.map((i) => i.intent_name),
      triggered_replies: r.triggered_replies.map((x) => `${x.reply_timestamp} ${x.reply_name}`),
    },
    null,
    2,
  );
}

function kore(): string {
  const world = {
    seed: SEED,
    botId: 'st-2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
    botName: 'Help Center Search',
    volume: 40,
    company: 'harbor-and-pine',
  };
  const day = {
    from: Date.parse(`${DATE}T00:00:00Z`),
    to: Date.parse(`${DATE}T23:59:59Z`),
    cutoff: Number.POSITIVE_INFINITY,
  };
  const r = [...plannedSearches(world, day)].map((s) => searchRecord(world, s)).find((x) => x.answerDebug.length > 0)!;
  const debug = r.answerDebug[0]!;
  return JSON.stringify(
    {
      ...pick(r, ['query', 'createdOn', 'requestSource', 'event']),
      answeringSource: debug.answeringSource,
      completionText: debug.llmResponse.responseDetails.completionText,
    },
    null,
    2,
  );
}

function seasalt(): string {
  const world = {
    seed: SEED,
    workspaceId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
    channel: {
      channelId: 'b2c3d4e5-7777-8888-9999-000011112222',
      name: 'SMS Support',
      phoneNumber: '+12025550123',
      channelType: 'LOCAL' as const,
      botName: 'SeaChat AI Agent',
      agents: [],
    },
    volume: 40,
    company: 'harbor-and-pine',
  };
  const range = { startDate: DATE, endDate: DATE, cutoff: Number.POSITIVE_INFINITY };
  // The day's first conversation handed to a human agent.
  const c = [...seasaltConversations(world, range)].find((x) =>
    x.messages.some((m) => m.row.speaker_type === 'agent'),
  )!;
  return [csvLine(COLUMNS), ...c.messages.map((m) => csvLine(COLUMNS.map((k) => m.row[k])))]
    .join('')
    .replace(/\r\n/g, '\n');
}

/** Each excerpt, by the README marker that precedes its code block. */
export async function excerpts(): Promise<Record<string, { lang: string; text: string }>> {
  await prepareWorld();
  return {
    sendbird: { lang: 'json', text: sendbird() },
    zendesk: { lang: 'json', text: zendesk() },
    kore: { lang: 'json', text: kore() },
    seasalt: { lang: 'csv', text: seasalt() },
  };
}
