/**
 * The scenarios in force, and the matching of a request against them. A scenario applies to the next `times` matching
 * requests (or to all); each application is counted, and the latency it draws comes from the seed and that count, so
 * the same scenarios and requests give the same faults.
 */
import { Rng } from '../random.js';
import type { FileEffect, HttpEffect, JobEffect, RouteKind, ScenarioInput } from './schema.js';

export interface Scenario extends ScenarioInput {
  /** How many times it has applied. */
  applied: number;
  /** Where it came from: the admin API, a preset, or start-up. */
  source: string;
}

export interface RequestFacts {
  vendor: string;
  tenant?: string;
  route?: RouteKind;
  /** Reads a request field by dotted path (body first, then query). */
  field(path: string): unknown;
  /** Scenario names the request asked for in X-Mock-Scenario. */
  requested: readonly string[];
}

/** What the matching scenarios ask of one request and, for a create request, of the job it creates. */
export interface AppliedEffects {
  scenarios: string[];
  http: HttpEffect & { latency?: number };
  job: JobEffect;
  file: FileEffect;
}

export const emptyEffects = (): AppliedEffects => ({ scenarios: [], http: {}, job: {}, file: {} });

function matchesRequest(s: ScenarioInput, facts: RequestFacts, requested: boolean): boolean {
  const m = s.match;
  if (m.header_only && !requested) return false;
  if (m.vendor !== undefined && m.vendor !== facts.vendor) return false;
  if (m.tenant !== undefined && m.tenant !== facts.tenant) return false;
  if (m.route !== undefined && m.route !== facts.route) return false;
  for (const [path, want] of Object.entries(m.fields ?? {})) if (facts.field(path) !== want) return false;
  return true;
}

export class ScenarioStore {
  private readonly scenarios = new Map<string, Scenario>();
  /** Preset and named scenarios that exist only to be asked for by header. */
  private readonly library = new Map<string, ScenarioInput[]>();

  constructor(private readonly seed: string) {}

  add(input: ScenarioInput, source = 'admin'): Scenario {
    const scenario = { ...input, applied: 0, source };
    this.scenarios.set(input.name, scenario);
    return scenario;
  }

  remove(name: string): boolean {
    return this.scenarios.delete(name);
  }

  get(name: string): Scenario | undefined {
    return this.scenarios.get(name);
  }

  list(): Scenario[] {
    return [...this.scenarios.values()];
  }

  get size(): number {
    return this.scenarios.size;
  }

  clear(): void {
    this.scenarios.clear();
  }

  /** Puts saved scenarios back with their counters. */
  restore(saved: readonly Scenario[]): void {
    this.scenarios.clear();
    for (const s of saved) this.scenarios.set(s.name, { ...s });
  }

  /** Whether X-Mock-Scenario may name it: an installed scenario or a defined set. */
  knows(name: string): boolean {
    return this.scenarios.has(name) || this.library.has(name);
  }

  /** Every name X-Mock-Scenario may use, sorted. */
  names(): string[] {
    return [...new Set([...this.library.keys(), ...this.scenarios.keys()])].sort();
  }

  /** Makes a set of scenarios available by name to X-Mock-Scenario without installing it (presets). */
  define(name: string, set: ScenarioInput[]): void {
    this.library.set(name, set);
  }

  /** Matches a request against the installed scenarios and those it names by header; counts each application. */
  apply(facts: RequestFacts): AppliedEffects {
    const out = emptyEffects();
    const candidates: Array<{ s: Scenario | ScenarioInput; requested: boolean; counter?: Scenario }> = [];
    for (const s of this.scenarios.values())
      candidates.push({ s, requested: facts.requested.includes(s.name), counter: s });
    for (const name of facts.requested) {
      // An installed scenario of that name answers the header while it has applications left; once it is used up the
      // defined set of that name still does, so a used-up installed preset never hides the header preset.
      const installed = this.scenarios.get(name);
      if (installed && (installed.times === undefined || installed.applied < installed.times)) continue;
      for (const s of this.library.get(name) ?? [])
        candidates.push({ s: { ...s, match: { ...s.match, header_only: false } }, requested: true });
    }
    for (const { s, requested, counter } of candidates) {
      if (!matchesRequest(s, facts, requested)) continue;
      if (counter && counter.times !== undefined && counter.applied >= counter.times) continue;
      const n = counter ? counter.applied++ : 0;
      out.scenarios.push(s.name);
      if (s.http) {
        const { latency_ms, ...rest } = s.http;
        Object.assign(out.http, rest);
        if (latency_ms !== undefined) {
          out.http.latency = Array.isArray(latency_ms)
            ? Math.round(
                latency_ms[0] + Rng.of(this.seed, 'latency', s.name, n).float() * (latency_ms[1] - latency_ms[0]),
              )
            : latency_ms;
        }
      }
      if (s.job) Object.assign(out.job, s.job);
      if (s.file) Object.assign(out.file, s.file);
    }
    return out;
  }
}
