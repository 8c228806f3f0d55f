/**
 * Every registered vendor declares what the rest of the house loops over: sample requests (or the robustness suite
 * would skip it silently), a dashboard flow (or it would have no start form), and an id and prefix of its own.
 */
import { describe, expect, it } from 'vitest';
import { SETTINGS, settingsTable } from '../../src/config.js';
import { VENDORS } from '../../src/vendors/registry.js';

describe('the vendor registry', () => {
  it('gives every vendor a distinct id and prefix', () => {
    expect(new Set(VENDORS.map((v) => v.id)).size).toBe(VENDORS.length);
    expect(new Set(VENDORS.map((v) => v.prefix)).size).toBe(VENDORS.length);
  });

  for (const vendor of VENDORS) {
    it(`${vendor.id}: declares sample requests under its prefix, a dashboard flow and described settings`, () => {
      expect(vendor.samples?.requests.length).toBeGreaterThan(0);
      for (const r of vendor.samples!.requests) expect(r.url.startsWith(`${vendor.prefix}/`)).toBe(true);
      expect(vendor.dashboard?.flow.create.path.startsWith(`${vendor.prefix}/`)).toBe(true);
      for (const [name, schema] of Object.entries(vendor.settings?.shape ?? {})) {
        expect(name in SETTINGS, `${name} is also a core setting`).toBe(false);
        expect(schema.description, `${name} has no .describe() line for --help`).toBeTruthy();
      }
    });
  }

  it('merges every vendor setting into the settings table once', () => {
    const names = VENDORS.flatMap((v) => Object.keys(v.settings?.shape ?? {}));
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(settingsTable(VENDORS))).toEqual([...Object.keys(SETTINGS), ...names]);
  });
});
