/**
 * Runs a vendor's own flow (its dashboard declaration: start form, create, poll, where the links are) against a
 * namespace, the way a client of that vendor would, without naming any vendor: the tests loop over the registry.
 * A transport decides how the namespace is named (path prefix or header) and how requests travel (inject or fetch).
 */
import type { Field, RequestSpec } from '../../src/core/dashboard-flow.js';
import type { VendorModule } from '../../src/core/vendor.js';

export interface Answer {
  status: number;
  headers: Record<string, unknown>;
  json(): unknown;
  bytes(): Buffer;
}

export interface Transport {
  /** A request to a path of the namespace (vendor or /__admin route), without any prefix. */
  send(method: string, path: string, headers?: Record<string, string>, body?: unknown): Promise<Answer>;
  /** Follows a download link exactly as minted. */
  download(url: string): Promise<Answer>;
}

export interface FlowResult {
  vendor: string;
  jobId: string | undefined;
  state: string | undefined;
  done: boolean;
  links: string[];
  /** The downloaded files, in the order of `links`. */
  files: Buffer[];
  /** Requests sent to vendor routes and links (what the namespace's journal must hold). */
  sent: number;
}

const DAY = 86_400_000;

/** Settings that keep every flow's files small: these tests are about isolation, not volume. */
export const SMALL_WORLD = { WORLD_DAILY_VOLUME: 1 } as const;

function fieldValue(field: Field, targets: Record<string, string>, now: number): string {
  if (field.name in targets) return targets[field.name]!;
  const v = field.value;
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  const day = new Date(Math.floor(now / DAY) * DAY + v.days * DAY).toISOString().slice(0, 10);
  return v.as === 'start' ? `${day}T00:00:00.000Z` : v.as === 'end' ? `${day}T23:59:59.999Z` : day;
}

const fill = (text: string, vals: Record<string, string>, encode: boolean) =>
  text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vals ? (encode ? encodeURIComponent(vals[k]!) : vals[k]!) : m));

function fillBody(fields: readonly Field[], tpl: unknown, vals: Record<string, string>): unknown {
  if (typeof tpl === 'string') {
    const whole = /^\{(\w+)\}$/.exec(tpl);
    if (!whole || !(whole[1]! in vals)) return fill(tpl, vals, false);
    const field = fields.find((f) => f.name === whole[1]);
    const v = vals[whole[1]!]!;
    if (field?.optional && v === '') return undefined;
    return field?.type === 'number' && v !== '' ? Number(v) : v;
  }
  if (Array.isArray(tpl)) return tpl.map((x) => fillBody(fields, x, vals));
  if (tpl && typeof tpl === 'object') {
    const entries = Object.entries(tpl).map(([k, x]) => [k, fillBody(fields, x, vals)] as const);
    return Object.fromEntries(entries.filter(([, x]) => x !== undefined));
  }
  return tpl;
}

export function pick(obj: unknown, path: string): unknown[] {
  let current: unknown[] = [obj];
  for (const part of path.split('.')) {
    current = current.flatMap((c) =>
      part === '*'
        ? Array.isArray(c)
          ? c
          : []
        : c && typeof c === 'object'
          ? [(c as Record<string, unknown>)[part]]
          : [],
    );
  }
  return current.filter((x) => x !== undefined && x !== null && x !== '');
}

/** Starts an export of the vendor's first tenant, lets the namespace's clock run it to its end, polls, downloads. */
export async function runFlow(vendor: VendorModule, t: Transport): Promise<FlowResult> {
  const flow = vendor.dashboard!.flow;
  let sent = 0;
  const send = (spec: RequestSpec, vals: Record<string, string>) => {
    sent++;
    const headers = Object.fromEntries(Object.entries(spec.headers).map(([k, v]) => [k, fill(v, vals, false)]));
    const body = spec.body === undefined ? undefined : fillBody(flow.fields, spec.body, vals);
    return t.send(spec.method, fill(spec.path, vals, true), headers, body);
  };
  const tenants = (await t.send('GET', '/__admin/tenants')).json() as Record<string, { tenants: unknown }>;
  const now = Date.parse(((await t.send('GET', '/__admin/clock')).json() as { now: string }).now);
  const targets = flow.targets(tenants[vendor.id]!.tenants)[0]!.values;
  const vals = Object.fromEntries(flow.fields.map((f) => [f.name, fieldValue(f, targets, now)]));
  let answer = (await send(flow.create, vals)).json();
  const jobId = flow.jobId ? String(pick(answer, flow.jobId)[0]) : undefined;
  if (flow.poll && jobId !== undefined) {
    await t.send('POST', '/__admin/clock/advance', { 'content-type': 'application/json' }, { seconds: 600 });
    answer = (await send(flow.poll, { ...vals, job_id: jobId })).json();
  }
  const state = flow.state ? String(pick(answer, flow.state)[0]) : undefined;
  const links = [
    ...new Set(flow.links.flatMap((p) => pick(answer, p)).filter((u): u is string => typeof u === 'string')),
  ];
  const files: Buffer[] = [];
  for (const link of links) {
    sent++;
    const got = await t.download(link);
    if (got.status !== 200) throw new Error(`${vendor.id}: ${link} answered ${got.status}`);
    files.push(got.bytes());
  }
  return { vendor: vendor.id, jobId, state, done: state === flow.doneState, links, files, sent };
}
