/**
 * The Zendesk AI agents error envelope `{"statusCode", "error", "message"}` and the mapping of request failures onto it.
 * The vendor page shows only the reason phrases ("401 Unauthorized", "500 Internal Server Error"); the envelope is the
 * one Node API frameworks (NestJS, Boom) put around those phrases, with a message that says what to fix (README).
 */
import type { FastifyError, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { classifyFailure, VendorError, valueAt, vendorErrorHandler } from '../../core/errors.js';
import { TTL_MAX, TTL_MIN } from './schemas.js';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export const zendeskError = (statusCode: number, message: string, headers?: Record<string, string>) =>
  new VendorError(statusCode, { statusCode, error: REASONS[statusCode] ?? 'Error', message }, headers);

export const badRequest = (message: string) => zendeskError(400, message);
export const unauthorized = (message: string) => zendeskError(401, message);
export const notFound = (message: string) => zendeskError(404, message);

const TTL_RULE = `"ttl" must be an integer number of minutes from ${TTL_MIN} to ${TTL_MAX} (seven days); leave it out for one day.`;
export const DATE_RULE = '"date" must be a calendar date written YYYY-MM-DD, e.g. "2024-05-07".';
const BODY_RULE = 'Send a JSON object such as {"date": "2024-05-07", "ttl": 10} with Content-Type: application/json.';

/** The first zod issue of the body, naming its field. */
function fromIssue(issue: z.core.$ZodIssue, input: unknown): VendorError {
  const field = String(issue.path[0] ?? '');
  if (issue.path.length === 0)
    return badRequest(`"date" is required and the request body must be a JSON object. ${BODY_RULE}`);
  const value = valueAt(input, issue.path);
  if (field === 'date')
    return badRequest(
      value === undefined
        ? `"date" is required. ${DATE_RULE}`
        : `Invalid "date" ${JSON.stringify(value)}: ${DATE_RULE}`,
    );
  if (field === 'ttl') return badRequest(TTL_RULE);
  return badRequest(`Invalid value for "${field}". ${BODY_RULE}`);
}

/** Renders any error raised in a Zendesk route as the vendor's envelope, so Fastify's default body never escapes. */
export const handleZendeskError = vendorErrorHandler(toZendeskError);

function toZendeskError(error: FastifyError | Error, request: FastifyRequest): VendorError {
  if (error instanceof VendorError) return error;
  const failure = classifyFailure(error);
  switch (failure.kind) {
    case 'validation':
      return fromIssue(failure.issues[0]!, failure.input);
    case 'invalid-json':
      return badRequest(`The request body is not valid JSON. ${BODY_RULE}`);
    case 'empty-body':
      return badRequest(`"date" is required. ${BODY_RULE}`);
    case 'unsupported-media-type':
      return badRequest(`The request body must be JSON. ${BODY_RULE}`);
    case 'body-too-large':
      return zendeskError(413, 'The request body is too large.');
    case 'unexpected':
      request.log.error(failure.error);
      return zendeskError(500, 'Internal Server Error');
  }
}
