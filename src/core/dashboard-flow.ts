/**
 * What a vendor declares for the demo dashboard (src/dashboard): its start form's fields, the request it sends, where
 * the job id, state and download links are in the answers, and any extra panel fed by one of its control routes. The
 * browser fills `{field}` placeholders (and `{job_id}`) from the form; `targets` turns the vendor's GET /__admin/tenants
 * entry into ready-made credentials. Each vendor's own folder holds its flow (dashboard.ts).
 */

/** A date relative to the virtual clock's UTC today, as YYYY-MM-DD or as an ISO instant at the start/end of that day. */
export interface RelativeDate {
  days: number;
  as?: 'date' | 'start' | 'end';
}

export interface Field {
  name: string;
  label: string;
  type?: 'text' | 'date' | 'number' | 'email' | 'select';
  /** A fixed default, or a date relative to the virtual now. Fields filled from the chosen target have none. */
  value?: string | RelativeDate;
  options?: readonly string[];
  /** Optional fields left empty are dropped from the body. */
  optional?: boolean;
  /** Filled from the chosen tenant (credentials and ids). */
  target?: boolean;
  hint?: string;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface RequestSpec {
  method: 'GET' | 'POST';
  /** Path with `{field}` placeholders; the browser prefixes window.location.origin. */
  path: string;
  headers: Record<string, string>;
  /** A string that is exactly "{field}" takes the field's value (a number for number fields; dropped when optional and empty). */
  body?: Json;
}

/** One tenant choice: a label and the values of the form's target fields. */
export interface Target {
  label: string;
  /** The job's `tenant` in GET /__admin/jobs, to find credentials for jobs started elsewhere. */
  tenant: string;
  values: Record<string, string>;
}

export interface DashboardFlow {
  /** One line under the vendor's heading. */
  summary: string;
  /** Ready-made credentials, from this vendor's entry of GET /__admin/tenants (shape as its `tenants()` returns it). */
  targets(tenants: unknown): Target[];
  fields: readonly Field[];
  create: RequestSpec;
  /** Dot path of the job id in the create answer; absent when the create answer is itself the result (Zendesk). */
  jobId?: string;
  /** The vendor's own poll request (`{job_id}` is the job), used once a job has ended to show its links. */
  poll?: RequestSpec;
  /** Dot path of the state in the poll answer. */
  state?: string;
  /** The state the vendor's API shows once an export is done (shown in the job list; checked by the browser test). */
  doneState?: string;
  /** Dot paths of download links in the poll answer (or the create answer without a job); `*` walks an array. */
  links: readonly string[];
}

/** A panel of the dashboard fed by a control-plane GET that answers a list of messages (e.g. an email outbox). */
export interface DashboardPanel {
  /** Element id of the panel; its body is `<id>-body`. */
  id: string;
  title: string;
  /** The control-plane route it reads, e.g. /__admin/outbox. */
  source: string;
}

/** What a vendor's charts are computed from: the world's seed and volume, its seeds, the UTC days shown, and now. */
export interface ChartInput {
  seed: string;
  /** WORLD_DAILY_VOLUME: the vendor scales it by each tenant's `volume`, as its exports do. */
  dailyVolume: number;
  /** The vendor's validated seeds (the output of its seedSchema). */
  seeds: unknown;
  /** UTC dates, oldest first; the last is the virtual today, counted up to `now` only (the future does not exist yet). */
  days: readonly string[];
  now: number;
}

/** One line, or one layer of a stacked bar, with a value per day of ChartInput.days (null: nothing to average). */
export interface ChartSeries {
  name: string;
  /** Good or bad news (thumbs up, failures): the dashboard colours it so; otherwise it takes the next palette colour. */
  tone?: 'good' | 'bad' | 'neutral';
  values: readonly (number | null)[];
}

/**
 * A chart of the world, drawn by the dashboard. Charts of several vendors with the same id are one chart: their series
 * are put side by side (conversations per day, per tenant, of every vendor).
 */
export interface Chart {
  id: string;
  title: string;
  /** `lines`: one line per series; `stacked`: a bar per day, the series stacked. */
  kind: 'lines' | 'stacked';
  /** `ratio` values lie in [0, 1] and show as per cent; `score` is an average such as CSAT (1 to 5). */
  unit: 'count' | 'ratio' | 'score';
  /** Which export the numbers are cut from, shown under the chart so a viewer can check it. */
  source: string;
  series: readonly ChartSeries[];
}

export interface VendorDashboard {
  flow: DashboardFlow;
  panels?: readonly DashboardPanel[];
  /** Charts of this vendor's world, computed by the same functions its exports are cut from. */
  charts?(input: ChartInput): Promise<readonly Chart[]>;
}

// Tolerant readers: the dashboard must not break when a vendor's tenants() grows or renames a field.
export type Obj = Record<string, unknown>;
export const list = (v: unknown): Obj[] =>
  Array.isArray(v) ? v.filter((x): x is Obj => typeof x === 'object' && x !== null) : [];
export const str = (o: unknown, ...keys: string[]): string => {
  for (const k of keys) {
    const v = (o as Obj | undefined)?.[k];
    if (typeof v === 'string') return v;
    if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  }
  return '';
};
export const JSON_CONTENT = { 'Content-Type': 'application/json' } as const;
