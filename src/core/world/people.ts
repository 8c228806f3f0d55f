/**
 * People of the world: customers and the support agents of each channel. Faker is used for what it does well (person
 * names) and nothing else; phone numbers come from the range NANP reserves for fiction (555-0100 to 555-0199) behind
 * real area codes, and e-mail addresses live on the reserved example domains (RFC 2606), so no generated contact can
 * reach a real person.
 */
import type { Faker, FakerOptions } from '@faker-js/faker';
import { lazy } from '../lazy.js';
import { Rng } from '../random.js';
import type { Company } from './companies.js';
import { LazyMersenne } from './mersenne.js';

// One faker instance, re-seeded per draw: building a Faker per conversation would cost more than the conversation.
// Loaded on first use, not at start-up: faker's English locale alone takes ~130 ms to import, a third of a cold start.
let faker: Faker | undefined;
// Its English entry, `new Faker({ locale: [en, base] })` and nothing else: the package's main entry also evaluates every
// other locale, ~39 MB of RSS in each generation worker for data no generator reads (bench: two exports at once).
const loadFaker = lazy(() => import('@faker-js/faker/locale/en'));

/**
 * Loads faker; every generator awaits it once before drawing dialogues (it is a no-op after the first time). The
 * instance is the English one's twin (its class, its locale data) with faker's generator computed lazily: seeding
 * faker's own took a quarter of a Zendesk day's time (profile), and a customer reads only a few of its numbers.
 */
export async function prepareWorld(): Promise<void> {
  if (faker) return;
  const english = (await loadFaker()).faker;
  const FakerClass = english.constructor as new (options: FakerOptions) => Faker;
  faker ??= new FakerClass({ locale: english.definitions, randomizer: new LazyMersenne() });
}

function seededFaker(rng: Rng): Faker {
  if (!faker) throw new Error('drawing people before prepareWorld(): await prepareWorld() before generating');
  faker.seed(rng.nextUint32());
  return faker;
}

/** Customers' names from outside the English-speaking world, so accents and other scripts appear in real proportion. */
const INTERNATIONAL_NAMES = [
  'José Álvarez',
  'Zoë Müller',
  '李娜',
  'Олена Коваль',
  'محمد العلي',
  'Nguyễn Văn An',
  'Łukasz Żuraw',
  'François Lefèvre',
] as const;

/** Real, geographic NANP area codes (the exchange 555 and lines 0100-0199 make the numbers fictional). */
const AREA_CODES = [201, 202, 212, 215, 305, 312, 404, 415, 503, 512, 617, 646, 702, 713, 718, 917] as const;
const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'] as const;

export interface Person {
  firstName: string;
  lastName: string;
  fullName: string;
  email: string;
  phone: string;
}

/** ASCII letters of a name, for an e-mail local part: "Zoë" → "zoe"; "" when nothing Latin is left. */
const asciiOfName = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
/** Memoised: names come from faker's finite lists, and every generated customer needs two (five regex passes each). */
const asciiNames = new Map<string, string>();
function asciiOf(s: string): string {
  let ascii = asciiNames.get(s);
  if (ascii === undefined) {
    ascii = asciiOfName(s);
    if (asciiNames.size > 16_384) asciiNames.clear();
    asciiNames.set(s, ascii);
  }
  return ascii;
}

/** A fictional phone number: +1 <area> 555 01NN. */
const fictionalPhone = (rng: Rng): string => `+1${rng.pick(AREA_CODES)}55501${String(rng.int(0, 99)).padStart(2, '0')}`;

/** A customer: name, e-mail derived from it, phone. */
export function drawCustomer(rng: Rng): Person {
  const f = seededFaker(rng);
  const fullName = rng.chance(0.06) ? rng.pick(INTERNATIONAL_NAMES) : `${f.person.firstName()} ${f.person.lastName()}`;
  const [firstName = fullName, ...rest] = fullName.split(' ');
  const lastName = rest.join(' ') || firstName;
  const first = asciiOf(firstName);
  const last = asciiOf(lastName);
  const local =
    first && last
      ? rng.pick([`${first}.${last}`, `${first[0]}${last}`, `${first}${last}${rng.int(1, 99)}`])
      : `customer${rng.int(1000, 9999)}`;
  return { firstName, lastName, fullName, email: `${local}@${rng.pick(EMAIL_DOMAINS)}`, phone: fictionalPhone(rng) };
}

export interface Agent {
  name: string;
  /** Login / e-mail, derived from the name on the company's staff domain. */
  account: string;
  id: number;
}

const rosters = new Map<string, readonly Agent[]>();

/**
 * The human agents who work one channel (a Sendbird AI agent, a Zendesk bot, a Seasalt channel): six to eight people,
 * the same for every conversation of the channel, with accounts derived from their names.
 */
export function rosterOf(seed: string, company: Company, channelKey: string): readonly Agent[] {
  const key = `${seed}\u001f${company.id}\u001f${channelKey}`;
  const hit = rosters.get(key);
  if (hit) return hit;
  const rng = Rng.of(seed, 'roster', company.id, channelKey);
  const f = seededFaker(rng);
  const size = rng.int(6, 8);
  const agents: Agent[] = [];
  const taken = new Set<string>();
  while (agents.length < size) {
    const first = f.person.firstName();
    const last = f.person.lastName();
    const account = `${asciiOf(first)}.${asciiOf(last)}@${company.staffDomain}`;
    if (taken.has(account) || !asciiOf(first) || !asciiOf(last)) continue;
    taken.add(account);
    agents.push({ name: `${first} ${last}`, account, id: rng.int(10_000_000, 19_999_999) });
  }
  if (rosters.size > 256) rosters.clear();
  rosters.set(key, agents);
  return agents;
}
