/**
 * Loads the tenants: SEEDS is either a folder holding one `<vendor>.json` per vendor, or one JSON file whose top-level
 * keys are vendor ids. Each vendor validates its own part; a missing part means no tenants for that vendor.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config.js';
import type { VendorModule } from './vendor.js';

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`SEEDS: cannot read ${path}: ${(err as Error).message}`);
  }
}

export function loadSeeds(location: string, vendors: readonly VendorModule[]): Map<string, unknown> {
  if (!existsSync(location)) throw new ConfigError(`SEEDS: ${location} does not exist`);
  const isDir = statSync(location).isDirectory();
  const whole = isDir ? undefined : (readJson(location) as Record<string, unknown>);
  const out = new Map<string, unknown>();
  for (const vendor of vendors) {
    let raw: unknown = {};
    if (isDir) {
      const file = join(location, `${vendor.id}.json`);
      if (existsSync(file)) raw = readJson(file);
    } else if (whole && typeof whole === 'object' && vendor.id in whole) {
      raw = whole[vendor.id];
    }
    const parsed = vendor.seedSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ConfigError(`SEEDS: ${vendor.id}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    out.set(vendor.id, parsed.data);
  }
  return out;
}
