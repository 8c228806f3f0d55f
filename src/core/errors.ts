/**
 * Errors are values. A handler throws a VendorError already shaped as the vendor's envelope; one error handler per
 * vendor renders it, and turns everything else (bad JSON, schema failures, unknown routes) into that vendor's envelope
 * too, so Fastify's default error body never reaches a client.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';

export class VendorError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
    /** Content type of the body; objects are sent as JSON unless this says otherwise. */
    readonly contentType: string = 'application/json; charset=utf-8',
  ) {
    super(typeof body === 'string' ? body : JSON.stringify(body));
    this.name = 'VendorError';
  }
}

/** Where a request failed schema validation: Fastify validates params, body, querystring and headers in turn. */
export type ValidationPart = 'body' | 'querystring' | 'params' | 'headers';

/** What our validator compiler returns on failure: the zod issues, so each vendor can map them to its own codes. */
export class SchemaValidationError extends Error {
  statusCode = 400;
  validationContext?: ValidationPart;
  /** @param input the data that failed (the parsed body, query, …), for vendors that echo or inspect it */
  constructor(
    readonly issues: readonly z.core.$ZodIssue[],
    readonly input?: unknown,
  ) {
    super(issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
    this.name = 'SchemaValidationError';
  }
}

/** The kinds of request failure that Fastify detects before a handler runs, named for the vendor mappers. */
export type RequestFailure =
  | { kind: 'validation'; part: ValidationPart; issues: readonly z.core.$ZodIssue[]; input: unknown }
  | { kind: 'invalid-json'; message: string }
  | { kind: 'empty-body' }
  | { kind: 'unsupported-media-type'; contentType: string | undefined }
  | { kind: 'body-too-large' }
  | { kind: 'unexpected'; error: FastifyError | Error };

/** Classifies an error thrown anywhere in the request lifecycle. */
export function classifyFailure(error: FastifyError | Error): RequestFailure {
  if (error instanceof SchemaValidationError)
    return { kind: 'validation', part: error.validationContext ?? 'body', issues: error.issues, input: error.input };
  const code = (error as FastifyError).code;
  switch (code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { kind: 'invalid-json', message: error.message };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { kind: 'empty-body' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { kind: 'unsupported-media-type', contentType: undefined };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { kind: 'body-too-large' };
    default:
      // JSON.parse errors raised by the body parser without a Fastify code (e.g. prototype poisoning) are bad JSON too.
      if (error instanceof SyntaxError || (error as FastifyError).statusCode === 400)
        return { kind: 'invalid-json', message: error.message };
      return { kind: 'unexpected', error };
  }
}

/** The value at a zod issue path inside the input that failed (undefined when absent). */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/**
 * A vendor's Fastify error handler from its mapping of errors to its envelope: every vendor renders the same way
 * (status, headers, content type, body), only the mapping differs.
 */
export function vendorErrorHandler(
  toVendorError: (error: FastifyError | Error, request: FastifyRequest) => VendorError,
) {
  return (error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    let rendered: VendorError;
    try {
      rendered = toVendorError(error, request);
    } catch (mapperError) {
      // A mapper that cannot render the failure (it echoed an unrenderable input, say) must not leave Fastify's
      // default `{}` 500: the failure becomes the vendor's own internal error, and the cause goes to the log.
      request.log.error({ err: mapperError }, 'rendering a vendor error failed');
      rendered = toVendorError(new Error('unrenderable failure'), request);
    }
    return reply.code(rendered.statusCode).headers(rendered.headers).type(rendered.contentType).send(rendered.body);
  };
}
