/**
 * The dialogue state machine's moves, in order: the customer opens, the AI asks for a missing slot, answers (perhaps
 * with a follow-up), and the outcome writes the last turns. One Scene per conversation holds the clock and the turns.
 */
import type { Rng } from '../random.js';
import type { Company } from './companies.js';
import * as L from './dialogue-lines.js';
import type { Act, Dialogue, Ending, Speaker, Turn } from './dialogue-types.js';
import { ASK_SLOT, GIVE_SLOT, givesSlot, type Intent } from './intent.js';
import type { Agent } from './people.js';

/** Inactivity after which a conversation auto-closes. */
const AUTO_CLOSE_MS = [600_000, 900_000] as const;

/** An AI handling time that runs until the auto-close, i.e. until the conversation's end (vendor page of Sendbird). */
const UNTIL_CLOSE = Number.POSITIVE_INFINITY;

/** A template cut at its placeholders: literal text at even indexes, placeholder names at odd ones. */
const compiled = new Map<string, readonly string[]>();
function partsOf(template: string): readonly string[] {
  let parts = compiled.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    // Templates are the intents' and lines' constants; the bound only guards against text built on the fly.
    if (compiled.size > 4096) compiled.clear();
    compiled.set(template, parts);
  }
  return parts;
}

/**
 * `{name}` placeholders replaced by their values (an unknown one left as it is). Cut once per template rather than
 * scanned by a regular expression every turn: this runs for every turn of every generated conversation.
 */
function fill(template: string, values: Record<string, string>): string {
  const parts = partsOf(template);
  if (parts.length === 1) return template;
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const k = parts[i]!;
    out += (values[k] ?? `{${k}}`) + parts[i + 1]!;
  }
  return out;
}

/** How long a speaker takes to write their turn after the previous one. */
function delayOf(rng: Rng, role: Speaker): number {
  if (role === 'user') return rng.int(8_000, 95_000);
  if (role === 'human') return rng.int(20_000, 120_000);
  if (role === 'system') return rng.int(300, 2_000);
  return rng.int(1_500, 9_000);
}

export class Scene {
  readonly turns: Turn[] = [];
  decidedAt = 0;
  resolvedBy: Dialogue['resolvedBy'];
  humanAgent: Dialogue['humanAgent'];
  private t: number;
  private hallucinated = false;
  private readonly planned: boolean;

  constructor(
    private readonly rng: Rng,
    readonly company: Company,
    readonly intent: Intent,
    readonly values: Record<string, string>,
    readonly ending: Ending,
    startAt: number,
    private pause: number,
  ) {
    this.t = startAt;
    this.planned = pause > 0;
  }

  private say(role: Speaker, act: Act, text: string, extra: Partial<Turn> = {}): void {
    // Each turn comes after its own speaker's delay: customers read and type, the AI answers within seconds.
    if (this.turns.length > 0) this.t += delayOf(this.rng, role);
    // The customer's planned absence: they read the AI's message and come back later.
    if (role === 'user' && this.pause > 0 && this.turns.at(-1)?.role === 'ai') (this.t += this.pause), (this.pause = 0);
    this.turns.push({ role, act, text: fill(text, this.values), at: this.t, ...extra });
  }

  private cite() {
    const { articles, tools } = this.intent;
    return {
      articles: this.rng.sample(articles, this.rng.int(1, Math.min(2, articles.length))),
      tools: this.rng.sample(tools, this.rng.int(0, Math.min(2, tools.length))),
    };
  }

  private autoClose(): void {
    this.t += this.rng.int(AUTO_CLOSE_MS[0], AUTO_CLOSE_MS[1]);
    this.say('system', 'system', 'The conversation was closed after no response from the user.');
    this.decidedAt = UNTIL_CLOSE;
  }

  /** The opener, and the slot asked for only when missing. False when the customer left at the question. */
  open(): { wantsHumanAtOnce: boolean; stayed: boolean } {
    const { rng, intent, ending } = this;
    const opener = rng.pick(intent.openers);
    this.say('user', 'open', opener);
    const hasSlot = !intent.slot || givesSlot(opener);
    // Some customers leave as soon as they are asked for the number, or want a person straight away.
    const leavesAtAsk = !this.planned && !hasSlot && ending === 'abandoned' && rng.chance(0.35);
    const wantsHumanAtOnce = !this.planned && hasSlot && ending === 'handoff' && rng.chance(0.2);
    if (hasSlot || wantsHumanAtOnce) return { wantsHumanAtOnce, stayed: true };
    this.say('ai', 'ask-slot', rng.pick(ASK_SLOT[intent.slot!]));
    if (leavesAtAsk) {
      const slot = intent.slot === 'booking' ? 'booking reference' : 'order number';
      this.say('ai', 'check', `Are you still there? I need your ${slot} to look into this.`);
      this.autoClose();
      return { wantsHumanAtOnce, stayed: false };
    }
    this.say('user', 'give-slot', rng.pick(GIVE_SLOT));
    return { wantsHumanAtOnce, stayed: true };
  }

  /** The answer to the opening intent; a follow-up question now and then (always after a planned absence). */
  answer(): void {
    const { rng, intent } = this;
    this.hallucinated = this.ending === 'unresolved' && rng.chance(0.4);
    // A hallucination answers the intent and then states a policy the company does not have.
    const claim = this.hallucinated ? ` ${rng.pick(L.HALLUCINATIONS)}` : '';
    const marks = this.hallucinated ? { hallucinated: true as const } : {};
    this.say('ai', 'answer', `${rng.pick(intent.answers)}${claim}`, { sources: this.cite(), ...marks });
    if (this.hallucinated) return; // The customer contests it at once (the unresolved ending).
    if (rng.chance(0.015)) {
      const [text, flag] = rng.pick(L.FLAGGED);
      this.say('user', 'flagged', text, { flag });
      this.say('ai', 'refuse', rng.pick(L.REFUSAL));
    }
    if (this.planned || rng.chance(0.4)) {
      const [question, reply] = rng.pick(intent.followUps);
      this.say('user', 'follow-up', question);
      this.say('ai', 'follow-answer', reply, { sources: this.cite() });
    }
  }

  /** The last turns, as the outcome writes them. */
  end(roster: () => readonly Agent[]): void {
    const { rng } = this;
    if (this.ending === 'resolved') this.resolve();
    else if (this.ending === 'handoff') this.handOff(rng.pick(roster()));
    else if (this.ending === 'abandoned') {
      this.say('ai', 'check', rng.pick(L.DID_IT_RESOLVE));
      this.autoClose();
    } else {
      this.say('user', 'contest', rng.pick(this.hallucinated ? L.CONTEST_WRONG_POLICY : L.CONTEST));
      this.say('ai', 'apology', rng.pick(L.APOLOGY), { sources: this.cite() });
      this.autoClose();
    }
  }

  /** Confirmed by the user, or assessed by the AI at its last answer (the conversation still auto-closes). */
  private resolve(): void {
    const { rng } = this;
    this.resolvedBy = rng.chance(0.6) ? 'user' : 'ai';
    this.decidedAt = this.t;
    this.say('ai', 'anything-else', rng.pick(L.ANYTHING_ELSE));
    if (this.resolvedBy === 'ai') {
      const resolvedAt = this.decidedAt;
      this.autoClose();
      this.decidedAt = resolvedAt;
      return;
    }
    this.say('user', 'thanks', rng.pick(L.THANKS));
    this.decidedAt = this.t;
    this.say('system', 'system', 'The user confirmed the issue was resolved.');
  }

  private handOff(agent: Agent): void {
    const { rng } = this;
    this.say('user', 'ask-human', rng.pick(L.ASK_HUMAN));
    this.say('ai', 'handover', rng.pick(L.HANDOVER));
    this.decidedAt = this.t;
    this.say('system', 'system', 'Conversation handed off to a human agent.');
    this.humanAgent = { name: agent.name, email: agent.account, id: agent.id };
    this.values.agent = agent.name.split(' ')[0]!;
    this.t += rng.int(30_000, 300_000);
    this.say('human', 'human', `${rng.pick(L.HUMAN_GREETING)} ${rng.pick(this.intent.human)}`);
    if (rng.chance(0.7)) this.say('user', 'thanks', rng.pick(L.THANKS));
  }
}
