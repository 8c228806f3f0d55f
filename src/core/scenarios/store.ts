/**
 * The scenarios in force, and the matching of a request against them. A scenario applies to the next `times` matching
 * requests (or to all); each application is counted, and the latency it draws comes from the seed and that count, so
 * the same scenarios and requests give the same faults.
 */
import { Rng } from '../random.js';
import { type CounterStore, MemoryCounters } from '../state/counters.js';
import type { AppliedEffects, RequestFacts, Scenario, ScenarioStore } from '../state/scenarios.js';
import type { ScenarioInput } from './schema.js';

export type { AppliedEffects, RequestFacts, Scenario };

const emptyEffects = (): AppliedEffects => ({ scenarios: [], http: {}, job: {}, file: {} });

function matchesRequest(s: ScenarioInput, facts: RequestFacts, requested: boolean): boolean {
  const m = s.match;
  if (m.header_only && !requested) return false;
  if (m.vendor !== undefined && m.vendor !== facts.vendor) return false;
  if (m.tenant !== undefined && m.tenant !== facts.tenant) return false;
  if (m.route !== undefined && m.route !== facts.route) return false;
  for (const [path, want] of Object.entries(m.fields ?? {})) if (facts.field(path) !== want) return false;
  return true;
}

/** The counter that claims a scenario's applications (one per installation: re-adding a scenario restarts it). */
const appliedKey = (name: string) => `scenario:${name}`;

/**
 * The scenarios in force. Definitions are held here (a shared store keeps this copy up to date); applications are
 * claimed through `counters`, the one atomic decision a "once" scenario needs.
 */
export class EmbeddedScenarioStore implements ScenarioStore {
  protected readonly scenarios = new Map<string, Omit<Scenario, 'applied'>>();
  /** Preset and named scenarios that exist only to be asked for by header. */
  private readonly library = new Map<string, ScenarioInput[]>();

  constructor(
    private readonly seed: string,
    protected readonly counters: CounterStore = new MemoryCounters(),
  ) {}

  async add(input: ScenarioInput, source = 'admin'): Promise<Scenario> {
    this.scenarios.set(input.name, { ...input, source });
    await this.counters.put(appliedKey(input.name), 0);
    return { ...input, applied: 0, source };
  }

  async remove(name: string): Promise<boolean> {
    await this.counters.put(appliedKey(name), 0);
    return this.scenarios.delete(name);
  }

  async get(name: string): Promise<Scenario | undefined> {
    const s = this.scenarios.get(name);
    return s && { ...s, applied: await this.counters.peek(appliedKey(name)) };
  }

  async list(): Promise<Scenario[]> {
    return Promise.all([...this.scenarios.values()].map(async (s) => ({ ...s, applied: await this.applied(s.name) })));
  }

  private async applied(name: string): Promise<number> {
    return this.counters.peek(appliedKey(name));
  }

  get size(): number {
    return this.scenarios.size;
  }

  async clear(): Promise<void> {
    this.scenarios.clear();
    await this.counters.clear('scenario:');
  }

  async restore(saved: readonly Scenario[]): Promise<void> {
    await this.clear();
    for (const { applied, ...s } of saved) {
      this.scenarios.set(s.name, { ...s });
      await this.counters.put(appliedKey(s.name), applied);
    }
  }

  knows(name: string): boolean {
    return this.scenarios.has(name) || this.library.has(name);
  }

  names(): string[] {
    return [...new Set([...this.library.keys(), ...this.scenarios.keys()])].sort();
  }

  define(name: string, set: ScenarioInput[]): void {
    this.library.set(name, set);
  }

  async apply(facts: RequestFacts): Promise<AppliedEffects> {
    const out = emptyEffects();
    const candidates: Array<{ s: ScenarioInput; requested: boolean; counted: boolean }> = [];
    for (const s of this.scenarios.values())
      candidates.push({ s, requested: facts.requested.includes(s.name), counted: true });
    for (const name of facts.requested) {
      // An installed scenario of that name answers the header while it has applications left; once it is used up the
      // defined set of that name still does, so a used-up installed preset never hides the header preset.
      const installed = this.scenarios.get(name);
      if (installed && (installed.times === undefined || (await this.applied(name)) < installed.times)) continue;
      for (const s of this.library.get(name) ?? [])
        candidates.push({ s: { ...s, match: { ...s.match, header_only: false } }, requested: true, counted: false });
    }
    for (const { s, requested, counted } of candidates) {
      if (!matchesRequest(s, facts, requested)) continue;
      // One store operation decides the application: on shared state two replicas never both take the last one.
      const n = counted ? await this.counters.take(appliedKey(s.name), s.times) : 0;
      if (n === undefined) continue;
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
