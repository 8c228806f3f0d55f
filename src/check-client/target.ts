/**
 * Where one condition runs: a server (or a namespace of one) that nothing else uses meanwhile. The runner needs only
 * these calls, so a fresh in-process server, a running server reset between conditions and a namespace of a shared
 * server are interchangeable.
 */
import type { JournalEntry } from '../core/journal/journal.js';
import type { ScenarioInput } from '../core/scenarios/schema.js';

export interface ConditionTarget {
  /** What the report calls it: "namespace check-…", "reset of http://…". */
  readonly label: string;
  /** The origin a client uses for every vendor route of this target (with a namespace's path prefix, if any). */
  readonly origin: string;
  /** Every seeded tenant and its demo credentials, per vendor, as GET /__admin/tenants answers. */
  tenants(): Promise<Record<string, { base_urls: Record<string, string>; tenants: unknown }>>;
  installPreset(name: string): Promise<void>;
  addScenario(scenario: ScenarioInput): Promise<void>;
  /** Sets the clock and freezes it there: the runner moves it from here (see clock-driver.ts). */
  setClock(at: string): Promise<void>;
  advanceClock(seconds: number): Promise<void>;
  journal(): Promise<JournalEntry[]>;
  /** Lets the target go (closes a server this run started). */
  release(): Promise<void>;
}

/** Makes one target per condition; `close` ends anything the factory itself holds. */
export interface TargetFactory {
  readonly kind: 'reset' | 'namespace';
  open(conditionName: string): Promise<ConditionTarget>;
  close(): Promise<void>;
}

/** Control-plane calls over HTTP, with the admin token when the server has one. */
export class AdminClient {
  constructor(
    private readonly adminRoot: string,
    private readonly token: string | undefined,
  ) {}

  async call<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (method !== 'GET') headers['content-type'] = 'application/json';
    const res = await fetch(`${this.adminRoot}${path}`, {
      method,
      headers,
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`control plane: ${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/** The calls every HTTP-reached target shares, given where its control plane lives. */
export function adminTarget(
  label: string,
  origin: string,
  admin: AdminClient,
  release: () => Promise<void>,
): ConditionTarget {
  return {
    label,
    origin,
    tenants: () => admin.call('GET', '/tenants'),
    installPreset: async (name) => void (await admin.call('POST', `/presets/${encodeURIComponent(name)}`)),
    addScenario: async (scenario) => void (await admin.call('POST', '/scenarios', scenario)),
    setClock: async (now) => void (await admin.call('PUT', '/clock', { now, frozen: true })),
    advanceClock: async (seconds) => void (await admin.call('POST', '/clock/advance', { seconds })),
    journal: async () => (await admin.call<{ requests: JournalEntry[] }>('GET', '/requests')).requests,
    release,
  };
}
