/**
 * What makes a generated OpenAPI document usable in Swagger UI's "Try it out" and clean under Redocly's recommended
 * rules: an operationId on every operation, the answers every route can give (a vendor's 429, the control plane's
 * 401), and examples taken from the vendor's sample requests, which carry the bundled seeds' demo credentials (a
 * valid body, the path and header values, and the credential itself as `x-demo-credentials`, which /docs pre-fills).
 */
import type { VendorError } from '../errors.js';
import type { SampleRequest } from '../vendor.js';

// OpenAPI objects are plain JSON here; only the fields this module reads or writes are typed.
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  example?: unknown;
}
interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { example?: unknown }> };
  responses?: Record<string, unknown>;
}
export interface OpenApiObject {
  paths?: Record<string, Record<string, Operation>>;
  components?: { securitySchemes?: Record<string, { type: string; in?: string; name?: string }> };
  [extension: `x-${string}`]: unknown;
}

export interface EnrichOptions {
  /** Answers every operation can give, added where an operation does not describe that status itself. */
  commonResponses?: Record<string, unknown>;
  /** Valid requests with demo credentials (VendorModule.samples), matched to operations by method and path. */
  samples?: readonly SampleRequest[];
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);
const camel = (words: string[]) =>
  words.map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())).join('');

/** `GET /__admin/jobs/{id}` → `getAdminJobsById`: stable, unique per method and path. */
function operationIdOf(method: string, path: string): string {
  const words = path
    .split('/')
    .filter(Boolean)
    .flatMap((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      return param ? ['by', ...param[1]!.split(/[^A-Za-z0-9]+/)] : segment.split(/[^A-Za-z0-9]+/);
    })
    .filter(Boolean);
  return camel([method, ...words]);
}

/** The sample request for an operation: same method, and its URL ends with the path template (values for params). */
function sampleFor(samples: readonly SampleRequest[], method: string, path: string) {
  const pattern = new RegExp(
    `${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_m, name: string) => `(?<${name.replace(/\W/g, '_')}>[^/]+)`)}$`,
  );
  for (const sample of samples) {
    if (sample.method.toLowerCase() !== method) continue;
    const url = new URL(sample.url, 'http://sample.invalid');
    const match = pattern.exec(url.pathname);
    if (match) return { sample, pathValues: match.groups ?? {}, query: url.searchParams };
  }
  return undefined;
}

function addExamples(operation: Operation, found: NonNullable<ReturnType<typeof sampleFor>>): void {
  for (const p of operation.parameters ?? []) {
    if (p.example !== undefined) continue;
    const value =
      p.in === 'path'
        ? found.pathValues[p.name.replace(/\W/g, '_')]
        : p.in === 'header'
          ? found.sample.headers[p.name.toLowerCase()]
          : p.in === 'query'
            ? (found.query.get(p.name) ?? undefined)
            : undefined;
    if (value !== undefined) p.example = decodeURIComponent(value);
  }
  const json = operation.requestBody?.content?.['application/json'];
  if (json && json.example === undefined && found.sample.body !== undefined) json.example = found.sample.body;
}

/** Adds operationIds, the common answers and the samples' examples to a generated document, in place. */
export function enrichDocument(doc: OpenApiObject, options: EnrichOptions): OpenApiObject {
  const credentials: Record<string, string> = {};
  const schemes = Object.entries(doc.components?.securitySchemes ?? {});
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      operation.operationId ??= operationIdOf(method, path);
      operation.responses ??= {};
      for (const [status, response] of Object.entries(options.commonResponses ?? {}))
        operation.responses[status] ??= response;
      const found = options.samples && sampleFor(options.samples, method, path);
      if (!found) continue;
      addExamples(operation, found);
      for (const [name, scheme] of schemes) {
        const value =
          scheme.type === 'apiKey' && scheme.name ? found.sample.headers[scheme.name.toLowerCase()] : undefined;
        if (value !== undefined) credentials[name] ??= value;
      }
    }
  }
  if (Object.keys(credentials).length > 0) doc['x-demo-credentials'] = credentials;
  return doc;
}

/** A vendor's error answer as an OpenAPI response object, with its body as the example. */
export function responseOf(error: VendorError, description: string): unknown {
  const mediaType = error.contentType.split(';', 1)[0]!.trim();
  const headers = Object.fromEntries(
    Object.keys(error.headers).map((name) => [
      name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase()),
      { description: `Sent with this answer, e.g. ${error.headers[name]}`, schema: { type: 'string' } },
    ]),
  );
  return {
    description,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    content: {
      [mediaType]: {
        schema: mediaType.includes('json') ? { type: 'object' } : { type: 'string' },
        example: error.body,
      },
    },
  };
}
