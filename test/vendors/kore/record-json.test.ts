import { describe, expect, it } from 'vitest';
import { HARBOR_AND_PINE, SUNCO_TRAVEL } from '../../../src/core/world/companies.js';
import { plannedSearches, searchRecord, type WorldRef } from '../../../src/vendors/kore/generator.js';
import { searchRecordJson } from '../../../src/vendors/kore/record-json.js';
import type { SearchRecord } from '../../../src/vendors/kore/schemas.js';

const searchesOf = (world: WorldRef) =>
  [
    ...plannedSearches(world, {
      from: Date.parse('2025-04-01T00:00:00Z'),
      to: Date.parse('2025-04-08T00:00:00Z'),
      cutoff: Date.parse('2025-04-30T00:00:00Z'),
    }),
  ].map((s) => searchRecord(world, s));

describe('Kore search record JSON', () => {
  it('is JSON.stringify byte for byte on generated records of both companies', () => {
    const records = [HARBOR_AND_PINE, SUNCO_TRAVEL].flatMap((company) =>
      searchesOf({
        seed: 'record-json',
        botId: `st-${company.id}`,
        botName: 'Help "Center"',
        volume: 60,
        company: company.id,
      }),
    );
    expect(records.length).toBeGreaterThan(500);
    expect(records.some((r) => r.answerDebug.length === 0)).toBe(true);
    expect(records.some((r) => r.answerDebug.length > 0)).toBe(true);
    for (const r of records) expect(searchRecordJson(r)).toBe(JSON.stringify(r));
  });

  it('escapes awkward strings as JSON.stringify does and leaves the record as it was', () => {
    const [base] = searchesOf({ seed: 'awkward', botId: 'st-awkward', botName: 'Bot', volume: 200 }).filter(
      (r) => r.answerDebug.length > 0 && r.answerDebug[0]!.extractiveChunks.length > 0,
    );
    const awkward = 'quote " backslash \\ newline \n tab \t nul \u0000 lone \ud800 pair 😀 line-sep \u2028 é';
    const record = structuredClone(base!) as SearchRecord;
    record.query = awkward;
    const chunk = record.answerDebug[0]!.extractiveChunks[0]!;
    // Same chunk id, other text: the cached pieces of the first text must not be reused.
    const first = searchRecordJson(record);
    chunk.chunkText = awkward;
    chunk.score = Number.NaN;
    chunk.recordTitle = `${awkward}!`;
    const before = JSON.stringify(record);
    expect(first).not.toBe(before);
    expect(searchRecordJson(record)).toBe(before);
    expect(JSON.stringify(record)).toBe(before);
  });
});
