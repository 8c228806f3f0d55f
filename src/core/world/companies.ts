/**
 * The fictional companies behind the tenants. Each seed tenant names one by id (`"company": "harbor-and-pine"`), and every
 * vendor's generator reads the same definition, so the Sendbird AI, the Kore knowledge base, the Seasalt agents and the
 * Zendesk bot of one shop quote the same products, prices and policies. Hand-curated: no generated product names.
 */

import type { Intent } from './intent.js';
import { RETAIL_INTENTS } from './intents-retail.js';
import { TRAVEL_INTENTS } from './intents-travel.js';

/**
 * Bumped whenever the same seed starts producing different bytes (README "What the data looks like", CHANGELOG).
 * 2: companies, dialogue state machines, local-time traffic with a session-length tail, rosters.
 */
export const WORLD_VERSION = 2;

interface Product {
  name: string;
  /** Price in the company's currency, two decimals. */
  price: number;
}

export interface Company {
  id: string;
  name: string;
  industry: 'retail' | 'travel';
  /** Where its customers live: arrivals follow the hour of day here. */
  timeZone: string;
  currency: '$' | '€';
  /** Customers' country codes, weighted. */
  countries: ReadonlyArray<readonly [string, number]>;
  /** Domain of the support staff's accounts (a reserved `.example` name, RFC 2606). */
  staffDomain: string;
  catalogue: readonly Product[];
  policies: {
    paymentMethods: readonly string[];
    returnWindowDays: number;
    refundBusinessDays: string;
    carriers: readonly string[];
    plans: ReadonlyArray<{ name: string; monthly: number; yearly: number }>;
  };
  intents: readonly Intent[];
}

export const HARBOR_AND_PINE: Company = {
  id: 'harbor-and-pine',
  name: 'Harbor & Pine',
  industry: 'retail',
  timeZone: 'America/New_York',
  currency: '$',
  countries: [
    ['US', 85],
    ['CA', 15],
  ],
  staffDomain: 'harborandpine.example',
  catalogue: [
    { name: 'Trailhead 28L Daypack', price: 89 },
    { name: 'Coastline Rain Jacket', price: 149 },
    { name: 'Cedar Ridge Hiking Boot', price: 179 },
    { name: 'Packable Down Vest', price: 119 },
    { name: 'Insulated Steel Bottle 750 ml', price: 32 },
    { name: 'Merino Crew Sock 3-Pack', price: 34 },
    { name: 'Washed Linen Duvet Cover', price: 129 },
    { name: 'Wool Throw Blanket', price: 89 },
    { name: 'Cast Iron Skillet 10"', price: 45 },
    { name: 'Ceramic Pour-Over Set', price: 42 },
    { name: 'Rechargeable Camp Lantern', price: 49 },
    { name: 'Waxed Canvas Tote', price: 58 },
  ],
  policies: {
    // The same list as the Kore knowledge base's "Payment methods" article (test/world asserts it).
    paymentMethods: ['Visa', 'Mastercard', 'American Express', 'Discover', 'PayPal', 'Apple Pay', 'Google Pay'],
    returnWindowDays: 30,
    refundBusinessDays: '5 to 7',
    carriers: ['UPS', 'FedEx', 'USPS', 'DHL Express'],
    plans: [{ name: 'Plus', monthly: 9.99, yearly: 99 }],
  },
  intents: RETAIL_INTENTS,
};

/** The travel company the vendor's example bot ("INDUSTRY DEMO (Travel) - SunCo") implies. */
export const SUNCO_TRAVEL: Company = {
  id: 'sunco-travel',
  name: 'SunCo Travel',
  industry: 'travel',
  timeZone: 'Europe/Amsterdam',
  currency: '€',
  countries: [
    ['NL', 40],
    ['GB', 25],
    ['IE', 10],
    ['DE', 15],
    ['BE', 10],
  ],
  staffDomain: 'sunco-travel.example',
  catalogue: [
    { name: 'Lisbon city break, 3 nights', price: 389 },
    { name: 'Crete beach week, half board', price: 1149 },
    { name: 'Amalfi Coast tour, 7 nights', price: 1690 },
    { name: 'Reykjavik northern lights, 4 nights', price: 899 },
    { name: 'Barcelona weekend, 2 nights', price: 329 },
    { name: 'Mallorca family week, all inclusive', price: 2480 },
    { name: 'Vienna Christmas markets, 3 nights', price: 459 },
    { name: 'Dubrovnik sailing week', price: 1320 },
  ],
  policies: {
    paymentMethods: ['Visa', 'Mastercard', 'iDEAL', 'PayPal'],
    returnWindowDays: 14,
    refundBusinessDays: '10 to 14',
    carriers: ['KLM', 'Transavia', 'easyJet'],
    plans: [{ name: 'SunCo Flex', monthly: 4.99, yearly: 49 }],
  },
  intents: TRAVEL_INTENTS,
};

export const COMPANIES: ReadonlyMap<string, Company> = new Map([
  [HARBOR_AND_PINE.id, HARBOR_AND_PINE],
  [SUNCO_TRAVEL.id, SUNCO_TRAVEL],
]);
export const COMPANY_IDS = [...COMPANIES.keys()] as [string, ...string[]];
export const DEFAULT_COMPANY = HARBOR_AND_PINE.id;

/** The company of that id; the default shop for an unknown or missing one (seed schemas validate the id). */
export const companyOf = (id: string | undefined): Company => COMPANIES.get(id ?? DEFAULT_COMPANY) ?? HARBOR_AND_PINE;

/** "Visa, Mastercard and PayPal". */
export function listOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const LANGUAGES: ReadonlyMap<string, string> = new Map(['US', 'CA', 'GB', 'IE', 'AU'].map((c) => [c, `en-${c}`]));
/**
 * The language tag of a customer's conversation: every template is written in English, so the tag is English, in the
 * customer's country's variant where it has one.
 */
export const languageOf = (country: string): string => LANGUAGES.get(country) ?? 'en-GB';

export const money = (c: Company, amount: number): string =>
  `${c.currency}${Number.isInteger(amount) ? amount : amount.toFixed(2)}`;
