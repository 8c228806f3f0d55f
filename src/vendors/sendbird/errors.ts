/**
 * Sendbird's error envelope `{"error": true, "code", "message"}` and the mapping of request failures onto its codes.
 * HTTP status rule (Platform API "Prepare to use API": "All errors return a 400 or 500 HTTP response"): the status is the code's
 * first three digits (400xxx → 400, 500xxx → 500), except rate limiting (500910), which Sendbird sends with 429.
 */
import type { FastifyError, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { classifyFailure, VendorError, valueAt, vendorErrorHandler } from '../../core/errors.js';

export const CODES = {
  STRING_EXPECTED: 400100,
  NUMBER_EXPECTED: 400101,
  LIST_EXPECTED: 400102,
  JSON_EXPECTED: 400103,
  BOOLEAN_EXPECTED: 400104,
  MISSING_PARAMETER: 400105,
  EXPIRED_TOKEN: 400109,
  VALUE_TOO_LONG: 400110,
  INVALID_VALUE: 400111,
  NOT_FOUND: 400201,
  APP_ID_NOT_VALID: 400304,
  INVALID_API_TOKEN: 400401,
  INVALID_JSON: 400403,
  INTERNAL: 500901,
  RATE_LIMITED: 500910,
} as const;

function statusOf(code: number): number {
  if (code === CODES.RATE_LIMITED) return 429;
  return Math.floor(code / 1000) >= 500 ? 500 : 400;
}

export const sendbirdError = (code: number, message: string, headers?: Record<string, string>) =>
  new VendorError(statusOf(code), { error: true, code, message }, headers);

const TYPE_CODES: Record<string, number> = {
  string: CODES.STRING_EXPECTED,
  number: CODES.NUMBER_EXPECTED,
  int: CODES.NUMBER_EXPECTED,
  array: CODES.LIST_EXPECTED,
  object: CODES.JSON_EXPECTED,
  boolean: CODES.BOOLEAN_EXPECTED,
};

/** The first zod issue, as Sendbird would report it. */
function fromIssue(issue: z.core.$ZodIssue, input: unknown): VendorError {
  const name = issue.path.map(String).join('.');
  if (issue.code === 'invalid_type') {
    if (issue.path.length === 0)
      return sendbirdError(CODES.INVALID_JSON, 'Invalid JSON request body: the body must be a JSON object.');
    const missing = valueAt(input, issue.path) === undefined;
    if (missing) return sendbirdError(CODES.MISSING_PARAMETER, `"${name}" is required.`);
    return sendbirdError(
      TYPE_CODES[issue.expected] ?? CODES.INVALID_VALUE,
      `Invalid value type: "${name}" must be a ${issue.expected}.`,
    );
  }
  return sendbirdError(CODES.INVALID_VALUE, `Invalid value: "${name}". ${issue.message}`);
}

/** Renders any error raised in a Sendbird route as Sendbird would answer it. */
export const handleSendbirdError = vendorErrorHandler(toSendbirdError);

function toSendbirdError(error: FastifyError | Error, request: FastifyRequest): VendorError {
  if (error instanceof VendorError) return error;
  const failure = classifyFailure(error);
  switch (failure.kind) {
    case 'validation':
      return fromIssue(failure.issues[0]!, failure.input);
    case 'invalid-json':
    case 'empty-body':
      return sendbirdError(
        CODES.INVALID_JSON,
        'Invalid JSON request body. Send a JSON object with Content-Type: application/json.',
      );
    case 'unsupported-media-type':
      return sendbirdError(
        CODES.INVALID_JSON,
        'Invalid JSON request body: the Content-Type header must be application/json.',
      );
    case 'body-too-large':
      return sendbirdError(CODES.VALUE_TOO_LONG, 'The request body is too large.');
    case 'unexpected':
      request.log.error(failure.error);
      return sendbirdError(CODES.INTERNAL, 'Internal server error.');
  }
}
