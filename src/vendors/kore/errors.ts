/**
 * Kore.ai's error envelope `{"errors": [{"msg", "code"}]}` and the mapping of request failures onto it. Only the
 * credentials error is known from the live API (HTTP 401, code 4002, "Invalid SDK credentials", as public client test suites show); every other
 * code is our choice (README: "Choices"): the code repeats the HTTP status, the message says how to fix the request.
 */
import type { FastifyError, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { classifyFailure, VendorError, valueAt, vendorErrorHandler } from '../../core/errors.js';

export const CODES = {
  BAD_REQUEST: 400,
  INVALID_CREDENTIALS: 4002,
  LINK_DENIED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  BODY_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export const koreError = (status: number, msg: string, code: number = status, headers?: Record<string, string>) =>
  new VendorError(status, { errors: [{ msg, code }] }, headers);

/** The one answer to every authentication failure (the live API does not say which check failed). */
export const invalidCredentials = () => koreError(401, 'Invalid SDK credentials', CODES.INVALID_CREDENTIALS);

export const badRequest = (msg: string) => koreError(400, msg, CODES.BAD_REQUEST);

const SAMPLE_BODY = '{"filters": {"from": "2025-01-25T07:32:58.611Z", "to": "2025-01-31T07:32:58.611Z"}}';
const INSTANT_HINT = 'a date YYYY-MM-DD or an ISO 8601 UTC date-time such as 2025-01-25T07:32:58.611Z';
export const EVENT_HINT =
  'event must be "thumbsUp" or "thumbsDown" (case-sensitive); leave it out to export every search';

/** The first zod issue of a body, as a Kore 400 that names the field and the fix. */
function fromIssue(issue: z.core.$ZodIssue, input: unknown): VendorError {
  const name = issue.path.map(String).join('.');
  const missing = valueAt(input, issue.path) === undefined;
  if (issue.path.length === 0) return badRequest(`The request body must be a JSON object, for example ${SAMPLE_BODY}`);
  if (name === 'event') return badRequest(`Invalid event: ${EVENT_HINT}.`);
  if (name === 'filters') {
    return badRequest(
      missing
        ? `filters is required: send ${SAMPLE_BODY}`
        : `filters must be an object with "from" and "to", for example ${SAMPLE_BODY}`,
    );
  }
  if (name === 'filters.from' || name === 'filters.to') {
    return badRequest(missing ? `${name} is required: ${INSTANT_HINT}` : `${name} must be a string: ${INSTANT_HINT}`);
  }
  return badRequest(`Invalid value for ${name}: ${issue.message}`);
}

/** Renders any error raised in a Kore route as Kore would answer it. */
export const handleKoreError = vendorErrorHandler(toKoreError);

function toKoreError(error: FastifyError | Error, request: FastifyRequest): VendorError {
  if (error instanceof VendorError) return error;
  const failure = classifyFailure(error);
  switch (failure.kind) {
    case 'validation':
      // The media link's query is its credential: a malformed one is a denied link, not a bad request.
      if (failure.part === 'querystring')
        return koreError(403, 'Invalid media link: use the fileUrl of a finished export unchanged.', CODES.LINK_DENIED);
      if (failure.part === 'params') return koreError(404, 'Resource not found', CODES.NOT_FOUND);
      return fromIssue(failure.issues[0]!, failure.input);
    case 'invalid-json':
      return badRequest(`Malformed JSON in the request body. Send a JSON object such as ${SAMPLE_BODY}`);
    case 'empty-body':
      return badRequest(`The request body is empty. Send a JSON object such as ${SAMPLE_BODY}`);
    case 'unsupported-media-type':
      return badRequest('The request body must be JSON, sent with Content-Type: application/json.');
    case 'body-too-large':
      return koreError(413, 'The request body is too large.', CODES.BODY_TOO_LARGE);
    case 'unexpected':
      request.log.error(failure.error);
      return koreError(500, 'Internal server error', CODES.INTERNAL);
  }
}
