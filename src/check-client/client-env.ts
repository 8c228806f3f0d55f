/**
 * The environment a client under test gets: where the server is, which vendor and condition, the demo tenant with its
 * credentials, and a folder for what it downloads. Everything comes from the vendor's declaration (its samples and the
 * tenants the server answers), so a fifth vendor needs nothing here.
 */
import { isSecretName } from '../core/journal/journal.js';
import type { VendorModule } from '../core/vendor.js';

/**
 * Where every condition starts the virtual clock: the instant the vendors' sample requests (AEM_SAMPLE_REQUEST) are
 * written for, so their dates are valid; and the same start gives the same files on every run.
 */
export const CHECK_CLOCK_START = '2025-04-08T12:00:00.000Z';

/** The variables, documented in the README ("Check your client") and in `check-client --help`. */
export const ENV_DOC: ReadonlyArray<[string, string]> = [
  ['AEM_VENDOR', 'the vendor id (sendbird, zendesk, …)'],
  ['AEM_CONDITION', 'the condition being run (for the client’s logs; a client should not need it)'],
  ['AEM_URL', 'the origin to send every request to (with a namespace prefix when there is one)'],
  ['AEM_BASE_URL', 'the base URL of the first demo tenant (what a client of that vendor configures)'],
  ['AEM_BASE_URLS', 'JSON: every base URL, by tenant or region'],
  ['AEM_TENANT', 'JSON: the first demo tenant with its credentials, in the vendor’s words (GET /__admin/tenants)'],
  ['AEM_TENANTS', 'JSON: every demo tenant'],
  ['AEM_HEADERS', 'JSON: the headers that carry the demo credentials, ready to send'],
  ['AEM_SAMPLE_REQUEST', 'JSON: a valid request that starts an export: {method, url, headers, body}'],
  [
    'AEM_CLOCK_START',
    'the virtual instant the condition starts at (2025-04-08T12:00:00.000Z: the samples’ dates are valid)',
  ],
  ['AEM_OUTPUT_DIR', 'an empty folder: write the downloaded export here (check-client counts what is left in it)'],
];

/** Lowercase names of the headers that carry the vendor's credentials, from its sample requests. */
export function credentialHeaders(vendor: VendorModule): string[] {
  const names = (vendor.samples?.requests ?? []).flatMap((r) => Object.keys(r.headers));
  return [...new Set(names.map((n) => n.toLowerCase()).filter(isSecretName))].sort();
}

export interface TenantsAnswer {
  base_urls: Record<string, string>;
  tenants: unknown;
}

export function clientEnv(
  vendor: VendorModule,
  condition: string,
  origin: string,
  answer: TenantsAnswer,
  outputDir: string,
): Record<string, string> {
  const tenants = Array.isArray(answer.tenants) ? answer.tenants : [];
  // The first sample that starts an export (a POST), else the first at all.
  const samples = vendor.samples?.requests ?? [];
  const sample = samples.find((r) => r.method === 'POST') ?? samples[0];
  return {
    AEM_VENDOR: vendor.id,
    AEM_CONDITION: condition,
    AEM_URL: origin,
    AEM_BASE_URL: Object.values(answer.base_urls)[0] ?? origin,
    AEM_BASE_URLS: JSON.stringify(answer.base_urls),
    AEM_TENANT: JSON.stringify(tenants[0] ?? null),
    AEM_TENANTS: JSON.stringify(tenants),
    AEM_HEADERS: JSON.stringify(sample?.headers ?? {}),
    AEM_SAMPLE_REQUEST: JSON.stringify(sample ? { ...sample, url: `${origin}${sample.url}` } : null),
    AEM_CLOCK_START: CHECK_CLOCK_START,
    AEM_OUTPUT_DIR: outputDir,
  };
}
