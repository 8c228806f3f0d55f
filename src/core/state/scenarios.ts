/**
 * Scenarios as a store: the installed scenarios (with how often each applied) and the defined sets X-Mock-Scenario may
 * name (presets). Reads hand out copies; an application is claimed through the store's counters in one operation, so a
 * scenario with `times: 1` applies once in total however many replicas serve the requests.
 */
import type { FileEffect, HttpEffect, JobEffect, RouteKind, ScenarioInput } from '../scenarios/schema.js';
import type { Awaitable } from './awaitable.js';

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

export interface ScenarioStore {
  /** Installs (or replaces, counter reset) a scenario; answers it as installed. */
  add(input: ScenarioInput, source?: string): Awaitable<Scenario>;
  remove(name: string): Awaitable<boolean>;
  get(name: string): Awaitable<Scenario | undefined>;
  list(): Awaitable<Scenario[]>;
  /** How many are installed: the request hook's fast path reads it on every request, so it is synchronous. */
  readonly size: number;
  clear(): Awaitable<void>;
  /** Puts saved scenarios back with their counters. */
  restore(saved: readonly Scenario[]): Awaitable<void>;
  /** Whether X-Mock-Scenario may name it: an installed scenario or a defined set. */
  knows(name: string): boolean;
  /** Every name X-Mock-Scenario may use, sorted. */
  names(): string[];
  /** Makes a set of scenarios available by name to X-Mock-Scenario without installing it (presets). */
  define(name: string, set: ScenarioInput[]): void;
  /** Matches a request against the installed scenarios and those it names by header; claims each application. */
  apply(facts: RequestFacts): Promise<AppliedEffects>;
  /** Reads the shared definitions into this replica's copy; absent when they live in this process only. */
  refresh?(): Promise<void>;
}
