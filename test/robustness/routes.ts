/**
 * The table the robustness tests walk: every vendor's sample requests (valid credentials) and how to recognise that
 * vendor's error envelope, both from the vendor's own declaration. A vendor joins by declaring `samples`.
 */
import type { VendorModule } from '../../src/core/vendor.js';
import { VENDORS } from '../../src/vendors/registry.js';

export interface RouteRow {
  vendor: string;
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  /** A valid body, for the routes that take one. */
  body?: unknown;
}

export const routesOf = (vendors: readonly VendorModule[]): RouteRow[] =>
  vendors.flatMap((v) => (v.samples?.requests ?? []).map((r) => ({ vendor: v.id, ...r })));

export const envelopesOf = (
  vendors: readonly VendorModule[],
): Record<string, (body: unknown, contentType: string) => boolean> =>
  Object.fromEntries(vendors.flatMap((v) => (v.samples ? [[v.id, v.samples.isErrorEnvelope]] : [])));

export const ROUTES: RouteRow[] = routesOf(VENDORS);
export const ENVELOPES = envelopesOf(VENDORS);
