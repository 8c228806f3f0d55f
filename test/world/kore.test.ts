import { describe, expect, it } from 'vitest';
import { listOf } from '../../src/core/world/companies.js';
import { plannedSearches, searchRecord, type WorldRef } from '../../src/vendors/kore/generator.js';
import { DOCUMENTS } from '../../src/vendors/kore/knowledge-base.js';
import { MONTH, SEED, SHOP } from './coherence.js';

const world: WorldRef = { seed: SEED, botId: 'st-bot', botName: 'Help Center Search', volume: 40, company: SHOP.id };
const REQUESTED = Date.parse('2025-04-28T08:00:00Z');

describe('Kore world over a month', () => {
  const month = [
    ...plannedSearches(world, {
      from: Date.parse(`${MONTH.from}T00:00:00Z`),
      to: Date.parse(`${MONTH.to}T23:59:59Z`),
      cutoff: REQUESTED,
    }),
  ].map((s) => searchRecord(world, s));

  it('reports an HTTP library for API searches and a browser for SDK searches', () => {
    expect(month.length).toBeGreaterThan(500);
    for (const r of month) {
      if (r.requestSource === 'api') expect(r.clientInfo.userAgent).not.toMatch(/Mozilla/);
      else expect(r.clientInfo.userAgent).toMatch(/^Mozilla\/5\.0/);
      expect(r.language).toBe('en');
      expect(r.timeStampValue).toBeLessThanOrEqual(REQUESTED);
    }
  });

  it("tells the shop's own story: the payment methods the Sendbird and Seasalt AI quote", () => {
    const payments = DOCUMENTS.find((d) => d.title === 'Payment methods')!;
    expect(payments.chunks[0]).toContain(`We accept ${listOf(SHOP.policies.paymentMethods)}.`);
    const shipping = DOCUMENTS.find((d) => d.title === 'Shipping times and carriers')!;
    expect(shipping.chunks.join(' ')).toContain(`We ship with ${listOf(SHOP.policies.carriers)}`);
    const refunds = DOCUMENTS.find((d) => d.title === 'Refund policy')!;
    expect(refunds.chunks.join(' ')).toContain(`within ${SHOP.policies.returnWindowDays} days of delivery`);
    expect(refunds.chunks.join(' ')).toContain(`within ${SHOP.policies.refundBusinessDays} business days`);
  });
});
